import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, shape, tokenKind } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** AWS managed policies that grant administrator, power-user or IAM administration access. */
export const PRIVILEGED_MANAGED_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];
const PRIVILEGED_ARN = new RegExp(`^arn:(<[rpu]>|[a-z-]+):iam::aws:policy/(${PRIVILEGED_MANAGED_POLICIES.join('|')})$`, 'i');

/**
 * Roles, users and groups do not have AdministratorAccess, PowerUserAccess or IAMFullAccess attached
 * (`ManagedPolicyArns`, in any partition and any notation: literal, `Fn::Sub` with `${AWS::Partition}`, a parameter
 * default or allowed value). A policy ARN that is unknown before deployment cannot be verified. Finding id: the
 * policy name, or `ManagedPolicyArns[<index>]` for an unknown ARN.
 */
export const AWS_IAM_PRIVILEGED_MANAGED_POLICY = defineRule({
  id: 'aws-iam-privileged-managed-policy',
  title: 'No AdministratorAccess, PowerUserAccess or IAMFullAccess attached',
  description: 'A role, user or group has the AWS managed policy AdministratorAccess, PowerUserAccess or IAMFullAccess attached: full (or IAM) control of the account.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-6(2)', 'NIST-800-53-R5:AC-2', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.308(a)(4)(ii)(B)', 'CIS-AWS:1.16'],
  remediation: 'Attach a customer managed policy with the actions the identity needs (LeastPrivilegeRole does), or use an IAM Identity Center permission set for administrators.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const item of valuesOf(resource, context).items('ManagedPolicyArns')) {
      for (const a of item.alts) {
        const arn = a.value;
        if (typeof arn !== 'string') continue;
        const m = PRIVILEGED_ARN.exec(shape(arn).trim());
        if (m) findings.fail(`ManagedPolicyArns[${item.index}]`, m[2], `${display(arn)} is attached: ${m[2]} grants ${m[2].toLowerCase() === 'iamfullaccess' ? 'full control of IAM, and so of the account' : 'administrator-level access to the account'}.`, a);
        else if (hasTokens(arn) && tokenKind(arn) === 'u') findings.unverified(`ManagedPolicyArns[${item.index}]`, `ManagedPolicyArns[${item.index}]`, `the managed policy ARN ${display(arn)} is not known before deployment.`, a);
      }
    }
    return fromFindings(findings.list());
  },
});
