/**
 * Internal factory for the one kind of bucket SecureBucket does not build: a log-delivery bucket with SSE-S3 default
 * encryption, which Elastic Load Balancing access/connection logs and S3 server access logs require (SSE-KMS makes
 * their delivery fail). Everything else matches SecureBucket: public access blocked, TLS 1.2+ only, ACLs disabled,
 * versioning, Object Lock, a lifecycle rule, EventBridge notifications, server access logs, RETAIN.
 * KMS-encrypted buckets are SecureBuckets.
 */
import { RemovalPolicy, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { awsSolutions, controlTower, nagPacks, suppress } from '../../private/compliance';
import { DEFAULT_LIFECYCLE_RULE, S3_DEFAULTS } from '../../s3/defaults';

const REPLICATION_REASON = 'Replication needs a destination bucket in another region or account that this stack cannot create; '
  + 'replicate log buckets to the organization log-archive account (see docs/aws-network-edge-audit.md).';

/** Options of a log-delivery bucket. */
export interface LogDeliveryBucketNeed {
  /** Why SSE-S3: which writer only supports it. */
  readonly sseS3Reason: string;
  /** Where this bucket's own server access logs go; when absent the bucket is itself the server access log bucket. */
  readonly serverAccessLogsBucket?: s3.IBucket;
}

/** A hardened SSE-S3 bucket for log delivery (see the file comment). */
export function logDeliveryBucket(scope: Construct, id: string, need: LogDeliveryBucketNeed): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: S3_DEFAULTS.blockPublicAccess,
    enforceSSL: S3_DEFAULTS.enforceSSL,
    minimumTLSVersion: S3_DEFAULTS.minimumTLSVersion,
    objectOwnership: S3_DEFAULTS.objectOwnership,
    versioned: S3_DEFAULTS.versioned,
    objectLockEnabled: S3_DEFAULTS.objectLockEnabled,
    lifecycleRules: [DEFAULT_LIFECYCLE_RULE],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  // EventBridge notifications on the L1: the L2 flag adds a notifications custom resource (a Lambda function)
  cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: S3_DEFAULTS.eventBridgeEnabled } };
  if (need.serverAccessLogsBucket) {
    // wired by hand (not `serverAccessLogsBucket`) so that delivery uses a bucket policy whatever the app's feature flags
    const target = need.serverAccessLogsBucket;
    const prefix = `${id}/`;
    cfn.loggingConfiguration = { destinationBucketName: target.bucketName, logFilePrefix: prefix };
    target.addToResourcePolicy(new iam.PolicyStatement({
      sid: `S3ServerAccessLogsFor${id}`.replace(/[^A-Za-z0-9]/g, ''),
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [target.arnForObjects(`${prefix}*`)],
      conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account } },
    }));
  } else {
    suppress(cfn, 'This is the server access log bucket; logging it to itself would log its own log deliveries.',
      awsSolutions('S1'), ...nagPacks('S3BucketLoggingEnabled'), controlTower('s3_bucket_logging_enabled_check'));
  }
  suppress(cfn, need.sseS3Reason, ...nagPacks('S3DefaultEncryptionKMS'), controlTower('s3_bucket_default_encryption_kms_check'));
  suppress(cfn, REPLICATION_REASON, ...nagPacks('S3BucketReplicationEnabled'));
  return bucket;
}
