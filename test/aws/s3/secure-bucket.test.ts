import { App, Duration, RemovalPolicy, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EncryptionKey } from '../../../lib/aws/kms';
import { SecureBucket } from '../../../lib/aws/s3';
import { declaredOn } from '../../../lib/compliance/suppressions';
import { openFindings, synthAndCheck } from '../../util/aws';
import { errorOf } from '../../util/errors';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const stack = (): Stack => new Stack(new App(), 'S', { env: ENV });

function buckets(t: Template): { data: [string, any]; logs: [string, any] } {
  const all = Object.entries<any>(t.findResources('AWS::S3::Bucket'));
  return { data: all.find(([id]) => !id.includes('AccessLogs'))!, logs: all.find(([id]) => id.includes('AccessLogs'))! };
}

function policyOf(t: Template, bucketId: string): any[] {
  const p = Object.values<any>(t.findResources('AWS::S3::BucketPolicy')).find((x) => x.Properties.Bucket.Ref === bucketId);
  return p.Properties.PolicyDocument.Statement;
}

describe('SecureBucket', () => {
  test('with no options passes our pack and the four cdk-nag packs', () => {
    const report = synthAndCheck((s) => {
      new SecureBucket(s, 'Bucket');
    });
    expect(openFindings(report)).toEqual([]);
  });

  test('control: a plain bucket is reported (the check is not vacuous)', () => {
    const report = synthAndCheck((s) => {
      new s3.Bucket(s, 'Plain');
    });
    const open = openFindings(report).join('\n');
    expect(open).toContain('AwsSolutions-S1');
    expect(open).toContain('S3DefaultEncryptionKMS');
  });

  test('defaults on the data bucket', () => {
    const s = stack();
    new SecureBucket(s, 'Bucket');
    const t = Template.fromStack(s);
    const { data: [dataId, data], logs: [logsId] } = buckets(t);
    const p = data.Properties;
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^BucketKey/), 'Arn'] } },
    }]);
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.ObjectLockEnabled).toBe(true);
    expect(p.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(p.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(p.LifecycleConfiguration).toEqual({ Rules: [{ Id: 'abort-incomplete-multipart-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }] });
    expect(p.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'Bucket/' });
    expect(data.DeletionPolicy).toBe('Retain');
    const statements = policyOf(t, dataId);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
  });

  test('the dedicated log bucket is equally hardened, SSE-S3, and accepts log delivery from the data bucket only', () => {
    const s = stack();
    new SecureBucket(s, 'Bucket');
    const t = Template.fromStack(s);
    const { data: [dataId], logs: [logsId, logs] } = buckets(t);
    expect(logs.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    expect(logs.Properties.ObjectLockEnabled).toBe(true);
    expect(logs.Properties.ObjectLockConfiguration).toBeUndefined();
    expect(logs.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(logs.DeletionPolicy).toBe('Retain');
    const delivery = policyOf(t, logsId).find((x) => x.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery.Action).toBe('s3:PutObject');
    expect(delivery.Condition).toEqual({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [dataId, 'Arn'] } }, StringEquals: { 'aws:SourceAccount': '123456789012' } });
    expect(policyOf(t, logsId)).toContainEqual(expect.objectContaining({ Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
  });

  test('a shared log bucket and a given key are used', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Shared');
    const logs = new SecureBucket(s, 'Logs');
    const b = new SecureBucket(s, 'Data', { encryptionKey: key, serverAccessLogsBucket: logs.accessLogsBucket, serverAccessLogsPrefix: 'data/' });
    expect(b.encryptionKey).toBe(key);
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::S3::Bucket', 3);
    t.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { LogFilePrefix: 'data/' } });
  });

  test('replication to another region with its own key passes everything without the replication suppression', () => {
    const build = (s: Stack): SecureBucket => new SecureBucket(s, 'Bucket', {
      bucketName: 'orders-eu-west-1',
      replication: {
        destinationBucketArn: 'arn:aws:s3:::orders-eu-central-1',
        destinationRegion: 'eu-central-1',
        destinationKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555',
      },
    });
    const report = synthAndCheck((s) => {
      build(s);
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    const s = stack();
    const b = build(s);
    const t = Template.fromStack(s);
    const { data: [, data] } = buckets(t);
    expect(data.Properties.ReplicationConfiguration.Rules[0].Destination).toEqual({
      Bucket: 'arn:aws:s3:::orders-eu-central-1',
      EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555' },
    });
    expect(declaredOn(b.bucket.node.defaultChild!).map((x) => x.id).join()).not.toContain('S3BucketReplicationEnabled');
    const plain = new SecureBucket(stack(), 'Plain');
    expect(declaredOn(plain.bucket.node.defaultChild!).map((x) => x.id)).toContain('NIST.800.53.R5-S3BucketReplicationEnabled');
    expect(b.replicationRole).toBeDefined();
    const trust = Object.values<any>(t.findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Condition.ArnLike['aws:SourceArn']).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::orders-eu-west-1']] });
  });

  test('weakenings with reasons are recorded and accepted', () => {
    const report = synthAndCheck((s) => {
      new SecureBucket(s, 'Bucket', {
        objectLockOptOutReason: 'Objects are rewritten in place by a legacy batch job',
        removalPolicy: RemovalPolicy.DESTROY,
        removalPolicyReason: 'Scratch bucket of a sandbox stack torn down daily',
      });
    });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['objectLockOptOutReason', 'removalPolicy']);
  });

  test('Object Lock default retention', () => {
    const s = stack();
    new SecureBucket(s, 'Bucket', { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(30)) });
    const { data: [, data] } = buckets(Template.fromStack(s));
    expect(data.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } });
  });

  test('grantRead names the grantee in the key policy', () => {
    const s = stack();
    const b = new SecureBucket(s, 'Bucket');
    b.grantRead(new iam.Role(s, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    const key = Object.values<any>(Template.fromStack(s).findResources('AWS::KMS::Key'))[0];
    expect(key.Properties.KeyPolicy.Statement.some((x: any) => JSON.stringify(x.Principal).includes('Reader') && JSON.stringify(x.Action).includes('kms:Decrypt'))).toBe(true);
  });

  test('node.defaultChild is the bucket', () => {
    const b = new SecureBucket(stack(), 'Bucket');
    expect(b.node.defaultChild).toBe(b.bucket);
  });

  describe('bad input', () => {
    test('replication problems, no enabled lifecycle rule, bad name, DESTROY without reason: all at once', () => {
      const e = errorOf(() => new SecureBucket(stack(), 'Bucket', {
        bucketName: 'Not_A_Bucket',
        lifecycleRules: [{ enabled: false, expiration: Duration.days(1) }],
        replication: { destinationBucketArn: 'orders', destinationRegion: 'eu-west-1', destinationKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/x' },
        removalPolicy: RemovalPolicy.DESTROY,
      }));
      expect(e.message).toContain('S/Bucket');
      expect(e.problems.map((p) => p.property)).toEqual([
        'lifecycleRules', 'bucketName', 'replication.destinationBucketArn', 'replication.destinationKeyArn', 'replication.destinationRegion', 'removalPolicyReason',
      ]);
    });

    test('Object Lock opt-out without a reason, or with a retention', () => {
      const e = errorOf(() => new SecureBucket(stack(), 'Bucket', { objectLockOptOutReason: 'x', objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(1)) }));
      expect(e.problems.map((p) => p.property)).toEqual(['objectLockOptOutReason', 'objectLockDefaultRetention']);
    });
  });
});
