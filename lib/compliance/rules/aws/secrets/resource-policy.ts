import { Resource, RuleContext, RuleFinding, fromFindings, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { props } from '../network/cfn-values';
import { Statement, conditionKeys, indexByRef, isAnyone, isFalseValue, referencing, statementCovers, statements } from '../iam/policy-document';

const ACCOUNT_KEYS = ['aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths'];

function deniesEveryone(s: Statement): boolean {
  return s.effect === 'Deny' && (s.principals.AWS ?? []).some(isAnyone) && statementCovers(s, 'secretsmanager:GetSecretValue');
}

/** Denies requests without TLS: Bool / BoolIfExists aws:SecureTransport false. */
export function deniesWithoutTls(s: Statement): boolean {
  if (!deniesEveryone(s)) return false;
  return (conditionKeys(s).get('aws:securetransport') ?? []).some((c) => /^Bool(IfExists)?$/.test(c.operator) && isFalseValue(c.value));
}

/** Denies principals outside an account list or organization: StringNotEquals on aws:PrincipalAccount / aws:PrincipalOrgID. */
export function deniesForeignPrincipals(s: Statement): boolean {
  if (!deniesEveryone(s)) return false;
  const keys = conditionKeys(s);
  return ACCOUNT_KEYS.some((k) => (keys.get(k) ?? []).some((c) => /StringNot(Equals|Like)/.test(c.operator)));
}

/**
 * Every secret has a resource policy (AWS::SecretsManager::ResourcePolicy referencing it) that denies requests
 * without TLS and requests of principals outside the account (or an allow-list / organization).
 */
export const AWS_SECRETS_RESOURCE_POLICY = defineRule({
  id: 'aws-secrets-resource-policy',
  title: 'Secrets deny requests without TLS and from foreign principals',
  description: 'A Secrets Manager secret has no resource policy, or its resource policy does not deny requests without TLS (aws:SecureTransport) '
    + 'or requests of principals outside the trusted accounts (aws:PrincipalAccount / aws:PrincipalOrgID).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::SecretsManager::Secret'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-4', 'PCI-DSS-3.2.1:4.1', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(e)(1)', 'HIPAA:164.312(a)(1)'],
  remediation: 'Attach a resource policy with a Deny for aws:SecureTransport false and a Deny for StringNotEquals aws:PrincipalAccount '
    + '(or aws:PrincipalOrgID), e.g. by using SecretsStore.',
  evaluate: (resource: Resource, context: RuleContext) => {
    const policies = referencing(indexByRef(context, 'AWS::SecretsManager::ResourcePolicy', 'SecretId'), resource);
    if (policies.length === 0) return nonCompliant({ id: 'no-policy', message: 'No AWS::SecretsManager::ResourcePolicy references this secret.' });
    const all = policies.flatMap((p) => statements(props(p).ResourcePolicy));
    const findings: RuleFinding[] = [];
    if (!all.some(deniesWithoutTls)) findings.push({ id: 'tls', message: 'The resource policy does not deny requests without TLS (aws:SecureTransport false).' });
    if (!all.some(deniesForeignPrincipals)) findings.push({ id: 'foreign-principals', message: 'The resource policy does not deny principals outside the trusted accounts (aws:PrincipalAccount / aws:PrincipalOrgID).' });
    return fromFindings(findings);
  },
});
