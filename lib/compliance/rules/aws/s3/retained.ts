import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';
import { judgeRetained } from '../shared/retained';

/** Buckets survive stack deletion and replacement. */
export const AWS_S3_BUCKET_RETAINED = defineRule({
  id: 'aws-s3-bucket-retained',
  title: 'S3 buckets are retained when removed from the stack',
  description: 'An S3 bucket is deleted with its stack (DeletionPolicy not Retain).',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:CP-9', 'NIST-800-53-R5:SI-12', 'HIPAA:164.308(a)(7)(ii)(A)'],
  remediation: 'Set DeletionPolicy and UpdateReplacePolicy to Retain (SecureBucket does), or record why with SecureBucket removalPolicyReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    judgeRetained(resource, context, findings);
    return fromFindings(findings.list());
  },
});
