import { Duration, RemovalPolicy } from 'aws-cdk-lib';

/**
 * The secure defaults of SecretsStore, in one typed place. Documented in docs/aws-data-protection.md and
 * checked against synthesized output by test/aws/secrets/secrets-store.test.ts.
 */
export const SECRETS_DEFAULTS = {
  /** Days between rotations (PCI DSS 8.2.4 asks for at most 90). */
  rotationScheduleDays: 30,
  /** Length of generated values. */
  passwordLength: 32,
  removalPolicy: RemovalPolicy.RETAIN,
  /** The resource policy refuses changes that would make the secret public (`BlockPublicPolicy`). */
  blockPublicPolicy: true,
  /** Seconds the generated-value rotation function may run per step. */
  rotationFunctionTimeoutSeconds: 60,
  /** Reserved concurrency of the rotation function: the four rotation steps run one after the other. */
  rotationFunctionReservedConcurrency: 1,
} as const;

/** Range of the rotation schedule. */
export const ROTATION_SCHEDULE_RANGE = { min: Duration.days(1), max: Duration.days(90) } as const;

/** Rule ids of our pack that SecretsStore guarantees. */
export const SECRETS_RULE_IDS = {
  resourcePolicy: 'aws-secrets-resource-policy',
  cmk: 'aws-secrets-cmk-encryption',
  rotation: 'aws-secrets-rotation',
  retained: 'aws-secrets-retained',
} as const;
