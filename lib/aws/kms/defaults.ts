import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * The secure defaults of EncryptionKey, in one typed place. Documented in docs/aws-data-protection.md and
 * checked against synthesized output by test/aws/kms/defaults.test.ts.
 */
export const KMS_DEFAULTS = {
  /** Automatic rotation of the key material is on. */
  enableKeyRotation: true,
  /** Days between automatic rotations (KMS allows 90 to 2560). */
  rotationPeriodDays: 365,
  /** Days KMS waits before deleting a key scheduled for deletion: the longest window, for the most time to cancel. */
  pendingWindowDays: 30,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/** Range KMS accepts for the pending deletion window, in days. */
export const PENDING_WINDOW_RANGE_DAYS = { min: 7, max: 30 } as const;
/** Range KMS accepts for the rotation period, in days. */
export const ROTATION_PERIOD_RANGE_DAYS = { min: 90, max: 2560 } as const;

/**
 * What key administrators may do: manage the key's lifecycle, policy, aliases, tags and grants, but never use it
 * (no Encrypt, Decrypt, GenerateDataKey*, ReEncrypt*, CreateGrant). No wildcards, so new KMS actions are not
 * granted silently.
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/** Actions to decrypt with the key. */
export const KEY_DECRYPT_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:DescribeKey'];
/** Actions to encrypt with the key (named one by one: no wildcards in grantees' IAM policies). */
export const KEY_ENCRYPT_ACTIONS: readonly string[] = [
  'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey',
];
/** Actions to encrypt and decrypt with the key. */
export const KEY_ENCRYPT_DECRYPT_ACTIONS: readonly string[] = ['kms:Decrypt', ...KEY_ENCRYPT_ACTIONS];
