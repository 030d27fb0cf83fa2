import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { num } from '../../../values/json';

/** Shortest retention (days) that does not need a recorded reason. */
export const MIN_LOG_RETENTION_DAYS = 365;

/** Log groups keep events for a set time of at least a year: never unset (forever), never too short for investigations. */
export const AWS_LOGS_LOG_GROUP_RETENTION = defineRule({
  id: 'aws-logs-log-group-retention',
  title: 'Log groups keep events for at least a year, not forever',
  description: 'A CloudWatch Logs log group has no RetentionInDays (events are kept forever) or keeps events for less than 365 days.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::Logs::LogGroup'],
  controls: ['NIST-800-53-R5:AU-11', 'NIST-800-53-R5:SI-12', 'PCI-DSS-3.2.1:10.7', 'HIPAA:164.316(b)(2)(i)', 'AWS-CT:CT.CLOUDWATCH.PR.2'],
  remediation: 'Set RetentionInDays to 365 or more (SecureLogGroup does), or record why less is enough with SecureLogGroup retentionReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('RetentionInDays')) {
      const v = a.value;
      if (v === undefined) {
        findings.fail('RetentionInDays', 'unset', 'RetentionInDays is not set: events are kept forever.', a);
        continue;
      }
      const n = num(v);
      if (n === undefined) {
        if (typeof v === 'string' && hasTokens(v)) findings.unverified('RetentionInDays', 'unset', `RetentionInDays is ${display(v)}.`, a);
        else findings.fail('RetentionInDays', 'unset', `RetentionInDays is ${display(v)}, not a number of days.`, a);
      } else if (n < MIN_LOG_RETENTION_DAYS) {
        findings.fail('RetentionInDays', 'short', `RetentionInDays is ${n}, below ${MIN_LOG_RETENTION_DAYS}.`, a);
      }
    }
    return fromFindings(findings.list());
  },
});
