import { COMPLIANT, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { props } from '../network/cfn-values';
import { conditionKeys, indexByRef, isAnyone, referencing, statementCovers, statements } from '../iam/policy-document';

/** Oldest TLS version a bucket may accept. */
export const MIN_TLS_VERSION = 1.2;

/** Buckets refuse requests made with TLS older than 1.2 (bucket policy Deny on s3:TlsVersion). */
export const AWS_S3_BUCKET_TLS_VERSION = defineRule({
  id: 'aws-s3-bucket-tls-version',
  title: 'S3 buckets refuse TLS older than 1.2',
  description: 'An S3 bucket has no bucket policy that denies requests with s3:TlsVersion below 1.2: clients can still use TLS 1.0 or 1.1.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-13', 'PCI-DSS-3.2.1:4.1', 'HIPAA:164.312(e)(2)(ii)'],
  remediation: 'Add a bucket policy Deny of s3:* for Principal "*" with NumericLessThan { s3:TlsVersion: 1.2 } (SecureBucket does; aws-cdk-lib: minimumTLSVersion: 1.2).',
  evaluate: (resource: Resource, context: RuleContext) => {
    const policies = referencing(indexByRef(context, 'AWS::S3::BucketPolicy', 'Bucket'), resource);
    const ok = policies.flatMap((p) => statements(props(p).PolicyDocument)).some((s) => {
      if (s.effect !== 'Deny' || !(s.principals.AWS ?? []).some(isAnyone) || !statementCovers(s, 's3:GetObject')) return false;
      return (conditionKeys(s).get('s3:tlsversion') ?? []).some((c) => {
        const v = Array.isArray(c.value) ? c.value[0] : c.value;
        const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
        return c.operator === 'NumericLessThan' && n >= MIN_TLS_VERSION;
      });
    });
    return ok ? COMPLIANT : nonCompliant({ message: policies.length === 0 ? 'The bucket has no bucket policy.' : 'No bucket policy statement denies s3:TlsVersion below 1.2.' });
  },
});
