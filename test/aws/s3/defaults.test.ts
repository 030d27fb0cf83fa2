import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureBucket } from '../../../lib/aws/s3';
import { expectDocumentedDefaults } from '../kms/doc-defaults';

const t = (() => {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new SecureBucket(s, 'Bucket');
  return Template.fromStack(s);
})();
const all = Object.entries<any>(t.findResources('AWS::S3::Bucket'));
const [, data] = all.find(([id]) => !id.includes('AccessLogs'))!;
const [logsId] = all.find(([id]) => id.includes('AccessLogs'))!;
const noOverrides = () => expect(data.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  bucketName: () => expect(data.Properties.BucketName).toBeUndefined(),
  encryptionKey: () => {
    const [keyId] = Object.entries<any>(t.findResources('AWS::KMS::Key'))[0];
    expect(keyId).toMatch(/^BucketKey/);
    expect(data.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  },
  serverAccessLogsBucket: () => expect(data.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logsId }),
  serverAccessLogsPrefix: () => expect(data.Properties.LoggingConfiguration.LogFilePrefix).toBe('Bucket/'),
  objectLockDefaultRetention: () => {
    expect(data.Properties.ObjectLockEnabled).toBe(true);
    expect(data.Properties.ObjectLockConfiguration).toBeUndefined();
  },
  objectLockOptOutReason: () => {
    expect(data.Properties.ObjectLockEnabled).toBe(true);
    noOverrides();
  },
  lifecycleRules: () => expect(data.Properties.LifecycleConfiguration.Rules).toEqual([
    { Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
  ]),
  replication: () => {
    expect(data.Properties.ReplicationConfiguration).toBeUndefined();
    t.resourceCountIs('AWS::IAM::Role', 0);
  },
  removalPolicy: () => {
    expect(data.DeletionPolicy).toBe('Retain');
    expect(data.UpdateReplacePolicy).toBe('Retain');
  },
  removalPolicyReason: noOverrides,
};

describe('SecureBucket documented defaults', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    expectDocumentedDefaults('SecureBucket', [['lib/aws/s3/secure-bucket.ts', 'SecureBucketProps']], Object.keys(CHECKS));
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
});
