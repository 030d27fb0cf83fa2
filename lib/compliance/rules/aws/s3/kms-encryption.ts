import { logTargetKind } from './log-targets';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/** Default encryption algorithms that use KMS keys. */
const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

/**
 * Data buckets encrypt new objects with SSE-KMS by default (`aws:kms` or `aws:kms:dsse`), in every possible value of
 * `BucketEncryption`; without it S3 uses SSE-S3, whose key no key policy controls. Buckets that receive logs from
 * services that only deliver to SSE-S3 buckets (S3 server access logs, Elastic Load Balancing, CloudFront standard
 * logs; see `log-targets.ts`) are not applicable: SSE-KMS would make the delivery fail.
 */
export const AWS_S3_BUCKET_KMS_ENCRYPTION = defineRule({
  id: 'aws-s3-bucket-kms-encryption',
  title: 'S3 data buckets are encrypted with SSE-KMS by default',
  description: 'An S3 bucket that is not a log-delivery target has no default encryption with a KMS key (SSEAlgorithm aws:kms or aws:kms:dsse): '
    + 'objects are encrypted with SSE-S3, whose key no key policy controls.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-28(1)', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.4', 'HIPAA:164.312(a)(2)(iv)', 'AWS-CT:CT.S3.PR.10'],
  remediation: 'Set BucketEncryption.ServerSideEncryptionConfiguration to SSEAlgorithm aws:kms with a customer managed KMSMasterKeyID (SecureBucket does); '
    + 'log buckets written by S3 server access logging, ELB or CloudFront keep SSE-S3.',
  evaluate: (resource, context) => {
    if (logTargetKind(resource, context) !== undefined) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('BucketEncryption.ServerSideEncryptionConfiguration')) {
      if (a.value === undefined) {
        findings.fail('encryption', 'not-kms', 'The bucket has no default encryption configuration: S3 encrypts new objects with SSE-S3.', a);
        continue;
      }
      if (typeof a.value === 'string' && hasTokens(a.value)) {
        findings.unverified('encryption', 'not-kms', `ServerSideEncryptionConfiguration is ${display(a.value)}.`, a);
        continue;
      }
      const rules = asList(a.value);
      if (rules.length === 0) findings.fail('encryption', 'not-kms', 'ServerSideEncryptionConfiguration is empty: S3 encrypts new objects with SSE-S3.', a);
      for (const r of rules) {
        const algorithm = obj(obj(r)?.ServerSideEncryptionByDefault)?.SSEAlgorithm;
        if (typeof algorithm === 'string' && hasTokens(algorithm)) {findings.unverified('encryption', 'not-kms', `SSEAlgorithm is ${display(algorithm)}.`, a);} else if (typeof algorithm !== 'string' || !KMS_ALGORITHMS.has(algorithm.trim().toLowerCase())) {
          findings.fail('encryption', 'not-kms', `The default encryption is ${algorithm === undefined ? 'not set' : JSON.stringify(display(algorithm))}, not SSE-KMS (aws:kms or aws:kms:dsse).`, a);
        }
      }
    }
    return fromFindings(findings.list());
  },
});
