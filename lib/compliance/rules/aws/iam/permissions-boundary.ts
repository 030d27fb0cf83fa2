import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Roles have a permissions boundary that caps what any policy attached to them can grant. */
export const AWS_IAM_ROLE_PERMISSIONS_BOUNDARY = defineRule({
  id: 'aws-iam-role-permissions-boundary',
  title: 'IAM roles have a permissions boundary',
  description: 'An IAM role has no PermissionsBoundary: any policy attached to it later (in or outside CloudFormation) takes full effect.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-6(10)', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.308(a)(4)(ii)(B)'],
  remediation: 'Set PermissionsBoundary to a managed policy that caps the role (LeastPrivilegeRole creates one by default), '
    + 'or record why not with LeastPrivilegeRole permissionsBoundaryOptOutReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('PermissionsBoundary', valuesOf(resource, context).alts('PermissionsBoundary'), (b) => b !== undefined && b !== '', {
      bad: () => 'The role has no PermissionsBoundary.',
      unknown: () => '',
    });
    return fromFindings(findings.list());
  },
});
