import { AWS_AUDIT_CIS_MONITORING } from './cis-monitoring';
import { AWS_AUDIT_CLOUDTRAIL_CLOUDWATCH_LOGS } from './cloudtrail-cloudwatch-logs';
import { AWS_AUDIT_CLOUDTRAIL_IS_LOGGING } from './cloudtrail-is-logging';
import { AWS_AUDIT_CLOUDTRAIL_KMS } from './cloudtrail-kms';
import { AWS_AUDIT_CLOUDTRAIL_LOG_FILE_VALIDATION } from './cloudtrail-log-file-validation';
import { AWS_AUDIT_CLOUDTRAIL_MULTI_REGION } from './cloudtrail-multi-region';
import { AWS_AUDIT_CONFIG_RECORDER } from './config-recorder';
import { AWS_AUDIT_CONFIG_RECORDER_ALL_RESOURCES } from './config-recorder-all-resources';
import { AWS_AUDIT_GUARDDUTY_ENABLED } from './guardduty-enabled';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_AUDIT_CLOUDTRAIL_MULTI_REGION, AWS_AUDIT_CLOUDTRAIL_LOG_FILE_VALIDATION, AWS_AUDIT_GUARDDUTY_ENABLED,
  AWS_AUDIT_CONFIG_RECORDER, AWS_AUDIT_CONFIG_RECORDER_ALL_RESOURCES, AWS_AUDIT_CIS_MONITORING,
  AWS_AUDIT_CLOUDTRAIL_KMS, AWS_AUDIT_CLOUDTRAIL_CLOUDWATCH_LOGS, AWS_AUDIT_CLOUDTRAIL_IS_LOGGING,
];
