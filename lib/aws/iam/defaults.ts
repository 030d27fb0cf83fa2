import { Duration } from 'aws-cdk-lib';

/**
 * The secure defaults of LeastPrivilegeRole, in one typed place. Documented in docs/aws-data-protection.md and
 * checked against synthesized output by test/aws/iam/least-privilege-role.test.ts.
 */
export const IAM_DEFAULTS = {
  /** Seconds: the shortest session IAM allows; longer needs `maxSessionDurationReason`. */
  maxSessionDurationSeconds: 3600,
  /** A permissions boundary is attached (created from the role's own statements unless one is given). */
  permissionsBoundary: true,
  /** Service principals must be scoped to this account (`aws:SourceAccount`) unless a source is given. */
  serviceTrustSourceAccount: true,
} as const;

/** Range IAM accepts for MaxSessionDuration. */
export const MAX_SESSION_DURATION_RANGE = { min: Duration.hours(1), max: Duration.hours(12) } as const;

/**
 * Actions the created permissions boundary always denies: removing a permissions boundary would let a role (or a
 * user or role it manages) escape the boundary.
 */
export const BOUNDARY_DENIED_ACTIONS: readonly string[] = ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'];

/** Rule ids of our pack that LeastPrivilegeRole guarantees. */
export const IAM_RULE_IDS = {
  boundary: 'aws-iam-role-permissions-boundary',
  maxSession: 'aws-iam-role-max-session-duration',
  serviceTrust: 'aws-iam-role-trust-conditions',
  passRole: 'aws-iam-pass-role-wildcard',
  accountRoot: 'aws-iam-role-trust-account-root',
  wildcardActions: 'aws-iam-policy-wildcard-actions',
} as const;
