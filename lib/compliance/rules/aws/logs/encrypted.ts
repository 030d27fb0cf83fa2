import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Log groups are encrypted with a customer managed KMS key. */
export const AWS_LOGS_LOG_GROUP_ENCRYPTED = defineRule({
  id: 'aws-logs-log-group-encrypted',
  title: 'Log groups are encrypted with a KMS key',
  description: 'A CloudWatch Logs log group has no KmsKeyId: its events are encrypted with a service key that no key policy of yours controls.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::Logs::LogGroup'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:AU-9', 'PCI-DSS-3.2.1:3.4', 'PCI-DSS-3.2.1:10.5', 'HIPAA:164.312(a)(2)(iv)', 'AWS-CT:CT.CLOUDWATCH.PR.3'],
  remediation: 'Set KmsKeyId to a customer managed key whose policy lets CloudWatch Logs use it (SecureLogGroup does).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('KmsKeyId', valuesOf(resource, context).alts('KmsKeyId'), (k) => k !== undefined && k !== '', {
      bad: () => 'The log group has no KmsKeyId.',
      unknown: () => '',
    });
    return fromFindings(findings.list());
  },
});
