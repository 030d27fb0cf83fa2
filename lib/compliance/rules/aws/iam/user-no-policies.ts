import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/**
 * IAM users receive permissions only through groups (CIS 1.15): no inline `Policies` or `ManagedPolicyArns` on an
 * `AWS::IAM::User`, no `AWS::IAM::UserPolicy`, no `Users` on an `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy`.
 * Finding id: the property that attaches the policy.
 */
export const AWS_IAM_USER_NO_POLICIES = defineRule({
  id: 'aws-iam-user-no-policies',
  title: 'IAM users get permissions only through groups',
  description: 'A policy is attached directly to an IAM user (inline, managed, or through a policy\'s Users): permissions then have to be reviewed user by user.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::User', 'AWS::IAM::UserPolicy', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'],
  controls: ['NIST-800-53-R5:AC-2', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-3', 'PCI-DSS-3.2.1:7.1.2', 'PCI-DSS-3.2.1:7.2.2', 'HIPAA:164.308(a)(4)(ii)(C)', 'CIS-AWS:1.15'],
  remediation: 'Put the user in a group and attach the policy to the group (Groups on the user, Groups on the policy); prefer roles over long-lived users.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::IAM::UserPolicy') {
      for (const a of v.alts('UserName')) findings.fail('UserName', 'UserName', `The policy is attached directly to the user ${display(a.value)}.`, a);
      return fromFindings(findings.list());
    }
    const properties = resource.type === 'AWS::IAM::User' ? ['Policies', 'ManagedPolicyArns'] : ['Users'];
    for (const p of properties) {
      // a list that is unknown as a whole (an imported value, a list parameter without a default) may be empty or not
      for (const a of v.alts(p)) if (typeof a.value === 'string' && hasTokens(a.value)) findings.unverified(p, p, `${p} is ${display(a.value)}, not known before deployment.`, a);
      for (const item of v.items(p)) {
        for (const a of item.alts) {
          if (a.value === undefined || (typeof a.value === 'string' && hasTokens(a.value) && v.alts(p).some((l) => l.value === a.value))) continue;
          const what = p === 'Users' ? `The policy is attached to the user ${display(a.value)}` : p === 'Policies' ? 'The user has an inline policy' : `The user has the managed policy ${display(a.value)} attached`;
          findings.fail(p, p, `${what}.`, a);
        }
      }
    }
    return fromFindings(findings.list());
  },
});
