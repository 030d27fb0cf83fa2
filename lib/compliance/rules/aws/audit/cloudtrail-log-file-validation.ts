import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/** CloudTrail trails write digest files so that tampering with delivered log files can be detected. */
export const AWS_AUDIT_CLOUDTRAIL_LOG_FILE_VALIDATION = defineRule({
  id: 'aws-audit-cloudtrail-log-file-validation',
  title: 'CloudTrail trails have log file validation',
  description: 'The trail does not write integrity digests, so modified or deleted log files cannot be detected.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:AU-9', 'NIST-800-53-R5:SI-7', 'PCI-DSS-3.2.1:10.5.5', 'HIPAA:164.312(c)(1)', 'CIS-AWS:3.2', 'AWS-CT:CT.CLOUDTRAIL.PR.2'],
  remediation: 'Set EnableLogFileValidation to true; AuditBaseline does.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('EnableLogFileValidation', valuesOf(resource, context).alts('EnableLogFileValidation'), (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      bad: (x) => `EnableLogFileValidation is ${x === undefined ? 'not set' : display(x)}, not true.`,
      unknown: (x) => `EnableLogFileValidation is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
