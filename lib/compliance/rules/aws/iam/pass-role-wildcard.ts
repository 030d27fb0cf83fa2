import { isBoundaryOnly } from './boundaries';
import { IDENTITY_POLICY_TYPES, allowStatements, describeStatement, documentsOf, hasWildcardResource, statementCovers, statementVia, wildcardResources } from './policy-document';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';

/** iam:PassRole is granted on named roles only: on "*" (or a pattern) it lets the holder hand any role to a service. */
export const AWS_IAM_PASS_ROLE_WILDCARD = defineRule({
  id: 'aws-iam-pass-role-wildcard',
  title: 'iam:PassRole is granted on named roles only',
  description: 'An IAM policy allows iam:PassRole (directly, or through a wildcard such as iam:*, iam:Pass*, iam:P?ssRole, *, or NotAction) on a '
    + 'wildcard resource (`*` or `?` anywhere, or NotResource): the holder can pass any role, including more privileged ones, to a service and act '
    + 'through it. Managed policies used only as permissions boundaries grant nothing and are not checked.',
  severity: 'error',
  platform: 'aws',
  appliesTo: IDENTITY_POLICY_TYPES,
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-6(1)', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)', 'CIS-AWS:1.16'],
  remediation: 'Grant iam:PassRole on the exact role ARNs that may be passed (LeastPrivilegeRole refuses anything else), ideally with an iam:PassedToService condition.',
  evaluate: (resource, context) => {
    if (isBoundaryOnly(resource, context)) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const { label, position, statement: s } of allowStatements(documentsOf(resource, context, 'identity'))) {
      const subject = `${label}:${position}`;
      const id = `${label}:statement:${s.index}`;
      const action = statementCovers(s, 'iam:PassRole');
      const resources = hasWildcardResource(s);
      if (action === false || resources === false) continue;
      if (action === true && resources === true) {
        findings.fail(subject, id, `${label} ${describeStatement(s)} allows iam:PassRole on ${wildcardResources(s).join(', ')}${statementVia(s)}.`);
      } else {
        findings.unverified(subject, id, `${label} ${describeStatement(s)} may allow iam:PassRole on any role: ${action === undefined ? 'its actions' : 'its resources'} are not known before deployment${statementVia(s)}.`);
      }
    }
    return fromFindings(findings.list());
  },
});
