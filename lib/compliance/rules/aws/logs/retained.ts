import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';
import { judgeRetained } from '../shared/retained';

/** Log groups survive stack deletion: audit evidence outlives the stack that produced it. */
export const AWS_LOGS_LOG_GROUP_RETAINED = defineRule({
  id: 'aws-logs-log-group-retained',
  title: 'Log groups are retained when removed from the stack',
  description: 'A CloudWatch Logs log group is deleted with its stack (DeletionPolicy not Retain), and its events with it.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::Logs::LogGroup'],
  controls: ['NIST-800-53-R5:AU-9', 'NIST-800-53-R5:AU-11', 'PCI-DSS-3.2.1:10.5', 'HIPAA:164.312(b)'],
  remediation: 'Set DeletionPolicy and UpdateReplacePolicy to Retain (SecureLogGroup does), or record why with SecureLogGroup removalPolicyReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    judgeRetained(resource, context, findings);
    return fromFindings(findings.list());
  },
});
