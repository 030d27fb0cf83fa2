import { Duration, RemovalPolicy, aws_s3 as s3 } from 'aws-cdk-lib';

/**
 * The secure defaults of SecureBucket, in one typed place. Documented in docs/aws-data-protection.md and
 * checked against synthesized output by test/aws/s3/secure-bucket.test.ts.
 */
export const S3_DEFAULTS = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  /** SSE-KMS with a customer managed key, and S3 Bucket Keys (fewer KMS calls). */
  encryption: s3.BucketEncryption.KMS,
  bucketKeyEnabled: true,
  enforceSSL: true,
  /** Requests with TLS older than 1.2 are denied (`s3:TlsVersion`). */
  minimumTLSVersion: 1.2,
  versioned: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  /** Object Lock on (no default retention unless given): objects can be locked against deletion. */
  objectLockEnabled: true,
  /** Events go to EventBridge (no Lambda custom resource). */
  eventBridgeEnabled: true,
  /** Incomplete multipart uploads are aborted after this many days (the default lifecycle rule). */
  abortIncompleteMultipartUploadDays: 7,
  /** Server access logs go to a dedicated log bucket (SSE-S3: the only default encryption log delivery supports). */
  serverAccessLogging: true,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/** The default lifecycle rule: removes parts of abandoned multipart uploads; deletes no object or version. */
export const DEFAULT_LIFECYCLE_RULE: s3.LifecycleRule = {
  id: 'abort-incomplete-multipart-uploads',
  abortIncompleteMultipartUploadAfter: Duration.days(S3_DEFAULTS.abortIncompleteMultipartUploadDays),
};

/** What `SecureBucket.grantRead` allows: named actions only (no `s3:GetObject*` / `s3:List*`, which also cover ACLs, tags and new actions). */
export const BUCKET_READ_ACTIONS = {
  objects: ['s3:GetObject', 's3:GetObjectVersion'],
  bucket: ['s3:ListBucket', 's3:GetBucketLocation'],
} as const;

/** What `SecureBucket.grantWrite` allows: put objects and abort multipart uploads; no deletes, ACLs, retention or legal holds. */
export const BUCKET_WRITE_ACTIONS = {
  objects: ['s3:PutObject', 's3:AbortMultipartUpload'],
} as const;

/** Rule ids of our pack that SecureBucket guarantees. */
export const S3_RULE_IDS = {
  tlsVersion: 'aws-s3-bucket-tls-version',
  ownerEnforced: 'aws-s3-bucket-owner-enforced',
  retained: 'aws-s3-bucket-retained',
} as const;
