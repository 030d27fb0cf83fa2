import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/** CloudTrail trails record events (`IsLogging: true`): a trail that is stopped records nothing. */
export const AWS_AUDIT_CLOUDTRAIL_IS_LOGGING = defineRule({
  id: 'aws-audit-cloudtrail-is-logging',
  title: 'CloudTrail trails are logging',
  description: 'A CloudTrail trail has IsLogging false (or not true): it exists but records no event.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.1', 'HIPAA:164.312(b)', 'CIS-AWS:3.1'],
  remediation: 'Set IsLogging to true (AuditBaseline does).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('IsLogging', valuesOf(resource, context).alts('IsLogging'), (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      id: 'IsLogging',
      bad: (x) => `IsLogging is ${x === undefined ? 'not set' : display(x)}: the trail records nothing.`,
      unknown: (x) => `IsLogging is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
