import { CisAlarm, GuardDutyFeature } from './types';

export { AUDIT_BASELINE_MARKER } from '../../compliance/rules/aws/audit/marker';

/** The secure defaults of the audit area, in one typed place. Documented in docs/aws-network-edge-audit.md. */
export const AUDIT_DEFAULTS = {
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableLogFileValidation: true,
  includeS3DataEvents: false,
  guardDuty: true,
  guardDutyFeatures: Object.values(GuardDutyFeature) as GuardDutyFeature[],
  findingPublishingFrequency: 'FIFTEEN_MINUTES',
  /** GuardDuty findings of this severity or higher are sent to the alarm topic. */
  guardDutyNotificationSeverity: 7,
  config: true,
  configSnapshotDeliveryFrequency: 'TwentyFour_Hours',
  cisAlarms: Object.values(CisAlarm) as CisAlarm[],
  cisMetricNamespace: 'CISBenchmark',
  /** Object Lock (GOVERNANCE) default retention of the trail and Config buckets, days. */
  objectLockRetentionDays: 365,
} as const;
