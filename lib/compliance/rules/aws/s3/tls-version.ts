import { COMPLIANT, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { valuesOf } from '../../../values/cfn-values';
import { num } from '../../../values/json';
import { alwaysHas, conditionKeys, documentsOf, indexByRef, principalIsAnyone, referencing, statementCovers } from '../iam/policy-document';
import { byLiteralName, certainlyCreated, stackKey } from '../shared/refs';

/** Oldest TLS version a bucket may accept. */
export const MIN_TLS_VERSION = 1.2;

/**
 * The bucket policies of a bucket: those that reference it, or name it by its literal BucketName; a policy that may
 * not be created (a `Condition` that can be false) does not count.
 */
export function bucketPolicies(bucket: Resource, context: RuleContext): Resource[] {
  const byRef = referencing(indexByRef(context, 'AWS::S3::BucketPolicy', 'Bucket'), bucket).filter(certainlyCreated);
  const names = new Set(valuesOf(bucket, context).alts('BucketName').map((a) => a.value).filter((n): n is string => typeof n === 'string'));
  if (names.size === 0) return byRef;
  // policies naming the bucket by a literal name, indexed once per run (stack + name -> policy logical ids)
  const index = byLiteralName(context, 'AWS::S3::BucketPolicy', 'Bucket');
  const byName: Resource[] = [];
  for (const n of names) {
    for (const id of index.get(stackKey(bucket.stack, n)) ?? []) {
      const p = context.byLogicalId(bucket.stack, id);
      if (p && !byRef.includes(p) && !byName.includes(p) && certainlyCreated(p)) byName.push(p);
    }
  }
  return [...byRef, ...byName];
}

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
    const policies = bucketPolicies(resource, context);
    const ok = policies.some((p) => alwaysHas(documentsOf(p, context, 'resource').flatMap((l) => l.docs), (s) => {
      if (s.effect !== 'Deny' || s.effectUnknown || principalIsAnyone(s) !== true || statementCovers(s, 's3:GetObject') !== true) return false;
      return (conditionKeys(s).get('s3:tlsversion') ?? []).some((c) => {
        const v = Array.isArray(c.value) ? c.value[0] : c.value;
        const n = num(v);
        return c.operator === 'NumericLessThan' && n !== undefined && n >= MIN_TLS_VERSION;
      });
    }));
    return ok ? COMPLIANT : nonCompliant({ message: policies.length === 0 ? 'The bucket has no bucket policy.' : 'No bucket policy statement (present in every possible value of the policy) denies s3:TlsVersion below 1.2.' });
  },
});
