import { bucketPolicies } from './tls-version';
import { COMPLIANT, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { shape } from '../../../values/cfn-resolve';
import { Statement, alwaysHas, conditionKeys, documentsOf, isFalseValue, principalIsAnyone, statementCovers } from '../iam/policy-document';

/**
 * Whether a resource of a deny covers every object of a bucket: `*`, `arn:aws:s3:::*`, or `<bucket ARN>/*`
 * (`Fn::Join` / `Fn::Sub` of the bucket's ARN or name, or a literal ARN), not a prefix of the keys.
 */
export function coversAllObjects(r: unknown): boolean {
  if (typeof r !== 'string') return false;
  const s = shape(r).trim();
  if (s === '*' || s === 'arn:*' || /^arn:[^:]*:s3:::\*(\/\*)?$/.test(s)) return true;
  // <r>/* (the bucket's ARN), arn:<p>:s3:::<r>/* or arn:aws:s3:::name/*: the bucket part holds no '/'
  return /^(<[rp]>|arn:(<p>|[\w-]+):s3:::(<[rp]>|[a-z0-9.-]+))\/\*$/.test(s);
}

/**
 * A statement that denies every request made without TLS: Deny, for everyone, of object reads and writes on every
 * object, with `Bool` / `BoolIfExists` `aws:SecureTransport: false` as its only condition.
 */
export function deniesInsecureTransport(s: Statement): boolean {
  if (s.effect !== 'Deny' || s.effectUnknown || s.notPrincipal || principalIsAnyone(s) !== true) return false;
  if (statementCovers(s, 's3:GetObject') !== true || statementCovers(s, 's3:PutObject') !== true) return false;
  if (s.hasNotResource || !s.resources.some(coversAllObjects)) return false;
  const keys = conditionKeys(s);
  if (s.conditionsUnknown || keys.size !== 1) return false;
  return (keys.get('aws:securetransport') ?? []).some((c) => /^Bool(IfExists)?$/.test(c.operator) && isFalseValue(c.value));
}

/**
 * Buckets refuse plain HTTP: a bucket policy of the bucket has, in every possible value, a statement that denies
 * requests without TLS (`aws:SecureTransport` false). `s3:TlsVersion` does not replace it: plain HTTP requests carry
 * no TLS version, so a `NumericLessThan` test on it does not match them.
 */
export const AWS_S3_BUCKET_SSL_ONLY = defineRule({
  id: 'aws-s3-bucket-ssl-only',
  title: 'S3 buckets deny requests without TLS',
  description: 'An S3 bucket has no bucket policy that denies every request without TLS (Deny for "*" with Bool aws:SecureTransport false on every object): '
    + 'objects can be read and written over plain HTTP.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-8(1)', 'NIST-800-53-R5:SC-23', 'PCI-DSS-3.2.1:4.1', 'HIPAA:164.312(e)(1)', 'HIPAA:164.312(e)(2)(i)', 'CIS-AWS:2.1.1', 'AWS-CT:CT.S3.PR.8'],
  remediation: 'Add a bucket policy Deny of s3:* for Principal "*" on the bucket and <bucket ARN>/* with Bool { aws:SecureTransport: false } (SecureBucket does; aws-cdk-lib: enforceSSL: true).',
  evaluate: (resource: Resource, context: RuleContext) => {
    const policies = bucketPolicies(resource, context);
    if (policies.length === 0) return nonCompliant({ id: 'no-policy', message: 'The bucket has no bucket policy, so nothing denies requests without TLS.' });
    const docs = policies.flatMap((p) => documentsOf(p, context, 'resource').flatMap((l) => l.docs));
    return alwaysHas(docs, deniesInsecureTransport)
      ? COMPLIANT
      : nonCompliant({ id: 'no-deny', message: 'No bucket policy statement (present in every possible value of the policy) denies requests without TLS (Bool aws:SecureTransport false) for everyone on every object.' });
  },
});
