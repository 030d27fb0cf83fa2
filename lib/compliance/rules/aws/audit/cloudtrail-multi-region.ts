import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/** CloudTrail trails record every region (`IsMultiRegionTrail`), so activity in an unused region is not invisible. */
export const AWS_AUDIT_CLOUDTRAIL_MULTI_REGION = defineRule({
  id: 'aws-audit-cloudtrail-multi-region',
  title: 'CloudTrail trails are multi-region',
  description: 'The trail records only the region it is created in.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.1', 'PCI-DSS-3.2.1:10.2', 'HIPAA:164.312(b)', 'CIS-AWS:3.1'],
  remediation: 'Set IsMultiRegionTrail (and IncludeGlobalServiceEvents) to true; AuditBaseline does.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('IsMultiRegionTrail', valuesOf(resource, context).alts('IsMultiRegionTrail'), (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      bad: (x) => `IsMultiRegionTrail is ${x === undefined ? 'not set' : display(x)}, not true.`,
      unknown: (x) => `IsMultiRegionTrail is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
