/** GuardDuty protection plans an AuditBaseline turns on. */
export enum GuardDutyFeature {
  /** S3 Protection: S3 data-event monitoring. */
  S3_DATA_EVENTS = 'S3_DATA_EVENTS',
  /** EKS Protection: Kubernetes audit logs. */
  EKS_AUDIT_LOGS = 'EKS_AUDIT_LOGS',
  /** Runtime Monitoring for EKS, ECS on Fargate and EC2, with agents managed by GuardDuty. */
  RUNTIME_MONITORING = 'RUNTIME_MONITORING',
  /** Malware Protection for EC2 (EBS volume scans). */
  EBS_MALWARE_PROTECTION = 'EBS_MALWARE_PROTECTION',
  /** RDS Protection: Aurora login activity. */
  RDS_LOGIN_EVENTS = 'RDS_LOGIN_EVENTS',
  /** Lambda Protection: Lambda network activity. */
  LAMBDA_NETWORK_LOGS = 'LAMBDA_NETWORK_LOGS',
}

/** The monitoring items of the CIS AWS Foundations Benchmark (section "Monitoring"), each a metric filter + alarm. */
export enum CisAlarm {
  /** Unauthorized API calls (CIS 4.1 / Security Hub CloudWatch.2). */
  UNAUTHORIZED_API_CALLS = 'UnauthorizedApiCalls',
  /** Console sign-in without MFA (CIS 4.2 / CloudWatch.3). */
  CONSOLE_SIGN_IN_WITHOUT_MFA = 'ConsoleSignInWithoutMfa',
  /** Use of the root user (CIS 4.3 / CloudWatch.1). */
  ROOT_ACCOUNT_USAGE = 'RootAccountUsage',
  /** IAM policy changes (CIS 4.4 / CloudWatch.4). */
  IAM_POLICY_CHANGES = 'IamPolicyChanges',
  /** CloudTrail configuration changes (CIS 4.5 / CloudWatch.5). */
  CLOUDTRAIL_CONFIG_CHANGES = 'CloudTrailConfigChanges',
  /** Console authentication failures (CIS 4.6 / CloudWatch.6). */
  CONSOLE_AUTHENTICATION_FAILURES = 'ConsoleAuthenticationFailures',
  /** Disabling or scheduled deletion of customer managed KMS keys (CIS 4.7 / CloudWatch.7). */
  CMK_DISABLED_OR_DELETED = 'CmkDisabledOrScheduledForDeletion',
  /** S3 bucket policy changes (CIS 4.8 / CloudWatch.8). */
  S3_BUCKET_POLICY_CHANGES = 'S3BucketPolicyChanges',
  /** AWS Config configuration changes (CIS 4.9 / CloudWatch.9). */
  CONFIG_CHANGES = 'ConfigChanges',
  /** Security group changes (CIS 4.10 / CloudWatch.10). */
  SECURITY_GROUP_CHANGES = 'SecurityGroupChanges',
  /** Network ACL changes (CIS 4.11 / CloudWatch.11). */
  NACL_CHANGES = 'NaclChanges',
  /** Network gateway changes (CIS 4.12 / CloudWatch.12). */
  NETWORK_GATEWAY_CHANGES = 'NetworkGatewayChanges',
  /** Route table changes (CIS 4.13 / CloudWatch.13). */
  ROUTE_TABLE_CHANGES = 'RouteTableChanges',
  /** VPC changes (CIS 4.14 / CloudWatch.14). */
  VPC_CHANGES = 'VpcChanges',
  /** AWS Organizations changes (CIS 4.15). */
  ORGANIZATIONS_CHANGES = 'OrganizationsChanges',
}
