import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/**
 * CloudTrail trails deliver to CloudWatch Logs (`CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn`), every trail,
 * so that metric filters and alarms can watch the events. Finding ids: the missing property.
 */
export const AWS_AUDIT_CLOUDTRAIL_CLOUDWATCH_LOGS = defineRule({
  id: 'aws-audit-cloudtrail-cloudwatch-logs',
  title: 'CloudTrail trails deliver to CloudWatch Logs',
  description: 'A CloudTrail trail has no CloudWatch Logs log group (or no role to deliver to it): its events cannot be monitored or alarmed on in near real time.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:AU-6', 'NIST-800-53-R5:AU-12', 'NIST-800-53-R5:SI-4', 'PCI-DSS-3.2.1:10.5.3', 'PCI-DSS-3.2.1:10.6', 'HIPAA:164.308(a)(1)(ii)(D)', 'HIPAA:164.312(b)',
    'AWS-CT:CT.CLOUDTRAIL.PR.3'],
  remediation: 'Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (a role CloudTrail can assume to write to the log group); AuditBaseline does.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts([])) {
      const p = obj(a.value) ?? {};
      for (const k of ['CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn']) {
        if (p[k] === undefined || p[k] === '') findings.fail(k, k, `The trail has no ${k}.`, a);
      }
    }
    return fromFindings(findings.list());
  },
});
