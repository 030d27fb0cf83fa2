import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** CloudTrail trails encrypt their log files with a KMS key (`KMSKeyId`), every trail (not only AuditBaseline's). */
export const AWS_AUDIT_CLOUDTRAIL_KMS = defineRule({
  id: 'aws-audit-cloudtrail-kms',
  title: 'CloudTrail trails are encrypted with a KMS key',
  description: 'A CloudTrail trail has no KMSKeyId: its log files are encrypted with SSE-S3 only, readable by anyone who can read the bucket.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:AU-9', 'NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-13', 'PCI-DSS-3.2.1:10.5', 'PCI-DSS-3.2.1:3.4', 'HIPAA:164.312(a)(2)(iv)', 'CIS-AWS:3.5',
    'AWS-CT:CT.CLOUDTRAIL.PR.1'],
  remediation: 'Set KMSKeyId to a customer managed key whose policy lets CloudTrail encrypt (AuditBaseline does).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('KMSKeyId', valuesOf(resource, context).alts('KMSKeyId'), (k) => k !== undefined && k !== '', {
      id: 'KMSKeyId', bad: () => 'The trail has no KMSKeyId.', unknown: () => '',
    });
    return fromFindings(findings.list());
  },
});
