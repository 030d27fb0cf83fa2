import { Resource, RuleContext, fromFindings, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';
import {
  Statement, allowStatements, alwaysHas, conditionKeys, documentsOf, indexByRef, isFalseValue, judgeAllowAnyone, principalIsAnyone, referencing,
  statementCovers,
} from '../iam/policy-document';

const ACCOUNT_KEYS = ['aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths'];

function deniesEveryone(s: Statement): boolean {
  return s.effect === 'Deny' && !s.effectUnknown && !s.notPrincipal && principalIsAnyone(s) === true && statementCovers(s, 'secretsmanager:GetSecretValue') === true;
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
 * Every secret has a resource policy (AWS::SecretsManager::ResourcePolicy referencing it) that, in every possible
 * value, denies requests without TLS and requests of principals outside the account (or an allow-list /
 * organization). On the resource policy itself: no statement allows everyone (`"*"`, `{"AWS": "*"}`, NotPrincipal)
 * without a condition in that statement that binds the caller — whatever the deny statements next to it say.
 */
export const AWS_SECRETS_RESOURCE_POLICY = defineRule({
  id: 'aws-secrets-resource-policy',
  title: 'Secrets deny requests without TLS and from foreign principals',
  description: 'A Secrets Manager secret has no resource policy, or its resource policy does not deny requests without TLS (aws:SecureTransport) '
    + 'or requests of principals outside the trusted accounts (aws:PrincipalAccount / aws:PrincipalOrgID), or allows any principal.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::SecretsManager::Secret', 'AWS::SecretsManager::ResourcePolicy'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-4', 'PCI-DSS-3.2.1:4.1', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(e)(1)', 'HIPAA:164.312(a)(1)'],
  remediation: 'Attach a resource policy with a Deny for aws:SecureTransport false and a Deny for StringNotEquals aws:PrincipalAccount '
    + '(or aws:PrincipalOrgID), e.g. by using SecretsStore; never Allow Principal "*" without aws:PrincipalAccount / aws:PrincipalOrgID in the same statement.',
  evaluate: (resource: Resource, context: RuleContext) => {
    if (resource.type === 'AWS::SecretsManager::ResourcePolicy') {
      const findings = new Findings();
      for (const { statement: s } of allowStatements(documentsOf(resource, context, 'resource'))) {
        judgeAllowAnyone(findings, s, `allow-anyone:${s.index}`, { why: '; deny statements elsewhere in the policy do not make an Allow to everyone safe' });
      }
      return fromFindings(findings.list());
    }
    const policies = referencing(indexByRef(context, 'AWS::SecretsManager::ResourcePolicy', 'SecretId'), resource);
    if (policies.length === 0) return nonCompliant({ id: 'no-policy', message: 'No AWS::SecretsManager::ResourcePolicy references this secret.' });
    const docs = policies.flatMap((p) => documentsOf(p, context, 'resource').flatMap((l) => l.docs));
    const findings = new Findings();
    if (!alwaysHas(docs, deniesWithoutTls)) findings.fail('tls', 'tls', 'The resource policy does not deny requests without TLS (aws:SecureTransport false) in every possible value.');
    if (!alwaysHas(docs, deniesForeignPrincipals)) findings.fail('foreign', 'foreign-principals', 'The resource policy does not deny principals outside the trusted accounts (aws:PrincipalAccount / aws:PrincipalOrgID) in every possible value.');
    return fromFindings(findings.list());
  },
});
