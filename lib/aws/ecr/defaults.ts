import { RemovalPolicy, aws_ecr as ecr } from 'aws-cdk-lib';

/**
 * The secure defaults of SecureRepository, in one typed place. Documented in docs/aws-ecr.md and checked
 * against synthesized output by test/aws/ecr/defaults.test.ts.
 */
export const ECR_DEFAULTS = {
  /** Tags cannot be moved to other content once pushed. */
  imageTagMutability: ecr.TagMutability.IMMUTABLE,
  /** Every pushed image is scanned for vulnerabilities. */
  scanOnPush: true,
  /** Images are encrypted with a customer managed KMS key. */
  encryption: ecr.RepositoryEncryption.KMS,
  /** The default lifecycle rule keeps the newest images (of any tag, signatures and attestations included). */
  maxImageCount: 1000,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/** Rule ids of our pack that SecureRepository guarantees (and that its explicit weakenings accept). */
export const ECR_RULE_IDS = {
  tagImmutability: 'aws-ecr-tag-immutability',
  scanOnPush: 'aws-ecr-scan-on-push',
  encryption: 'aws-ecr-kms-encryption',
  lifecyclePolicy: 'aws-ecr-lifecycle-policy',
  repositoryPolicy: 'aws-ecr-repository-policy',
  retained: 'aws-ecr-repository-retained',
} as const;

/** Actions a consumer needs to pull an image (besides `ecr:GetAuthorizationToken`, which has no resource). */
export const ECR_PULL_ACTIONS: readonly string[] = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
