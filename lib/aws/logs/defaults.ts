import { RemovalPolicy, aws_logs as logs } from 'aws-cdk-lib';

/**
 * The secure defaults of SecureLogGroup, in one typed place. Documented in docs/aws-data-protection.md and
 * checked against synthesized output by test/aws/logs/secure-log-group.test.ts.
 */
export const LOGS_DEFAULTS = {
  /** One year: AWS Control Tower CT.CLOUDWATCH.PR.2 asks for at least 365 days; cdk-nag asks for an explicit value. */
  retention: logs.RetentionDays.ONE_YEAR,
  /** Days of `retention`; shorter retention needs a reason. */
  retentionDays: 365,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/** Rule ids of our pack that SecureLogGroup guarantees. */
export const LOGS_RULE_IDS = {
  retention: 'aws-logs-log-group-retention',
  encrypted: 'aws-logs-log-group-encrypted',
  retained: 'aws-logs-log-group-retained',
} as const;
