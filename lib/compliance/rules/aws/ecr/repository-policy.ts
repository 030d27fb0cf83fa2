import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';
import { Statement, allowStatements, alwaysHas, conditionKeys, documentsOf, judgeAllowAnyone, principalIsAnyone, statementCovers } from '../iam/policy-document';

const OUTSIDE_KEYS = ['aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths'];

/** A Deny for everyone of every ECR action to principals outside an account list or organization. */
export function deniesOutsidePrincipals(s: Statement): boolean {
  if (s.effect !== 'Deny' || s.effectUnknown || s.notPrincipal || principalIsAnyone(s) !== true) return false;
  if (statementCovers(s, 'ecr:BatchGetImage') !== true || statementCovers(s, 'ecr:PutImage') !== true || statementCovers(s, 'ecr:SetRepositoryPolicy') !== true) return false;
  const keys = conditionKeys(s);
  return OUTSIDE_KEYS.some((k) => (keys.get(k) ?? []).some((c) => /^StringNot(Equals|Like)(IgnoreCase)?$/i.test(c.operator)));
}

/**
 * The repository policy keeps the images to the account (or an allow-list / organization): in every possible value it
 * denies principals outside them, and no statement allows everyone (`"*"`, NotPrincipal) without a condition that
 * binds the caller.
 */
export const AWS_ECR_REPOSITORY_POLICY = defineRule({
  id: 'aws-ecr-repository-policy',
  title: 'ECR repository policies keep images to the account or organization',
  description: 'An ECR repository has no repository policy that denies principals outside the account / organization, or its policy allows any principal ("*", NotPrincipal) without a condition that binds the caller.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:SR-3', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(a)(1)'],
  remediation: 'Add a Deny of ecr:* for Principal "*" with StringNotEquals aws:PrincipalAccount (or aws:PrincipalOrgID) to RepositoryPolicyText, and never Allow "*" '
    + 'without such a condition in the same statement (SecureRepository does both; allowedAccounts / principalOrgId widen it on purpose).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    const located = documentsOf(resource, context, 'resource');
    const docs = located.flatMap((l) => l.docs);
    for (const { statement: s } of allowStatements(located)) judgeAllowAnyone(findings, s, `allow-anyone:${s.index}`);
    if (docs.length === 0) {findings.fail('policy', 'no-policy', 'The repository has no repository policy denying principals outside the account or organization.');} else if (docs.some((d) => d.unknown)) {findings.unverified('policy', 'foreign-principals', 'The repository policy is not known before deployment.');} else if (!alwaysHas(docs, deniesOutsidePrincipals)) {
      findings.fail('policy', 'foreign-principals', 'The repository policy does not deny principals outside the account or organization (aws:PrincipalAccount / aws:PrincipalOrgID) in every possible value.');
    }
    return fromFindings(findings.list());
  },
});
