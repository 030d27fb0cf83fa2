import { aws_s3 as s3 } from 'aws-cdk-lib';
import { SecureBucket } from '../../../../../lib/aws/s3';
import { RULES } from '../../../../../lib/compliance/rules/aws/s3';
import { AWS_S3_BUCKET_OWNER_ENFORCED } from '../../../../../lib/compliance/rules/aws/s3/owner-enforced';
import { AWS_S3_BUCKET_RETAINED } from '../../../../../lib/compliance/rules/aws/s3/retained';
import { AWS_S3_BUCKET_TLS_VERSION } from '../../../../../lib/compliance/rules/aws/s3/tls-version';
import { Res, open, synthResources } from '../iam/helpers';

const bucket = (props: object = {}, extra: Partial<Res> = {}): Res => ({
  Type: 'AWS::S3::Bucket',
  Properties: { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }, ...props },
  DeletionPolicy: 'Retain',
  ...extra,
});
const TLS12 = {
  Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
  Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
};
const policy = (bucketRef: unknown, statements: object[]): Res => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: { Bucket: bucketRef, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
});

test('the default output of SecureBucket passes every s3 rule (data and log bucket); a plain aws-cdk-lib Bucket does not', () => {
  expect(open(RULES, synthResources((s) => {
    new SecureBucket(s, 'Bucket');
  }))).toEqual([]);
  expect(open(RULES, synthResources((s) => {
    new s3.Bucket(s, 'Plain', { enforceSSL: true });
  })).map((f) => f.split(' ')[0])).toEqual([
    'aws-s3-bucket-tls-version[]', 'aws-s3-bucket-owner-enforced[]', 'aws-s3-bucket-public-access-block[PublicAccessBlockConfiguration]',
    'aws-s3-bucket-kms-encryption[not-kms]', 'aws-s3-bucket-versioning[VersioningConfiguration]', 'aws-s3-bucket-access-logging[LoggingConfiguration]',
  ]);
});

describe('aws-s3-bucket-tls-version', () => {
  test('compliant: Deny below 1.2 (number or string), below 1.3', () => {
    expect(open(AWS_S3_BUCKET_TLS_VERSION, {
      A: bucket(), APolicy: policy({ Ref: 'A' }, [TLS12]),
      B: bucket(), BPolicy: policy({ Ref: 'B' }, [{ ...TLS12, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }]),
      C: bucket(), CPolicy: policy({ Ref: 'C' }, [{ ...TLS12, Principal: '*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.3 } } }]),
    })).toEqual([]);
  });

  test('non-compliant: no policy, below 1.1 only, an Allow, a policy of another bucket, a deny that does not cover reads', () => {
    expect(open(AWS_S3_BUCKET_TLS_VERSION, {
      None: bucket(),
      Old: bucket(), OldPolicy: policy({ Ref: 'Old' }, [{ ...TLS12, Condition: { NumericLessThan: { 's3:TlsVersion': 1.1 } } }]),
      Allow: bucket(), AllowPolicy: policy({ Ref: 'Allow' }, [{ ...TLS12, Effect: 'Allow' }]),
      Other: bucket(), OtherPolicy: policy('other-bucket', [TLS12]),
      Put: bucket(), PutPolicy: policy({ Ref: 'Put' }, [{ ...TLS12, Action: 's3:PutObject' }]),
    })).toEqual(['None', 'Old', 'Allow', 'Other', 'Put'].map((k) => `aws-s3-bucket-tls-version[] ${k}`));
  });
});

describe('aws-s3-bucket-owner-enforced', () => {
  test('compliant: BucketOwnerEnforced; non-compliant: absent, BucketOwnerPreferred, ObjectWriter', () => {
    expect(open(AWS_S3_BUCKET_OWNER_ENFORCED, {
      Enforced: bucket(),
      Absent: bucket({ OwnershipControls: undefined }),
      Preferred: bucket({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }),
      Writer: bucket({ OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }),
    })).toEqual(['Absent', 'Preferred', 'Writer'].map((k) => `aws-s3-bucket-owner-enforced[] ${k}`));
  });
});

describe('aws-s3-bucket-retained', () => {
  test('compliant: Retain; non-compliant: Delete or absent', () => {
    expect(open(AWS_S3_BUCKET_RETAINED, {
      Kept: bucket(),
      Deleted: bucket({}, { DeletionPolicy: 'Delete' }),
      Absent: { Type: 'AWS::S3::Bucket', Properties: {} },
    })).toEqual(['aws-s3-bucket-retained[] Deleted', 'aws-s3-bucket-retained[] Absent']);
  });
});
