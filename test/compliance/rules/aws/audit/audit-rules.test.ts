import { CIS_FILTER_PATTERNS, CisAlarm } from '../../../../../lib/aws/audit';
import { RULES } from '../../../../../lib/compliance/rules/aws/audit';
import { AWS_AUDIT_CIS_MONITORING } from '../../../../../lib/compliance/rules/aws/audit/cis-monitoring';
import { AWS_AUDIT_CLOUDTRAIL_LOG_FILE_VALIDATION } from '../../../../../lib/compliance/rules/aws/audit/cloudtrail-log-file-validation';
import { AWS_AUDIT_CLOUDTRAIL_MULTI_REGION } from '../../../../../lib/compliance/rules/aws/audit/cloudtrail-multi-region';
import { AWS_AUDIT_CONFIG_RECORDER } from '../../../../../lib/compliance/rules/aws/audit/config-recorder';
import { AWS_AUDIT_CONFIG_RECORDER_ALL_RESOURCES } from '../../../../../lib/compliance/rules/aws/audit/config-recorder-all-resources';
import { AWS_AUDIT_GUARDDUTY_ENABLED } from '../../../../../lib/compliance/rules/aws/audit/guardduty-enabled';
import { AUDIT_BASELINE_MARKER } from '../../../../../lib/compliance/rules/aws/audit/marker';
import { Res, ids, open, outcomes, run } from '../network/helpers';

const trail = (p: object = {}, marked = true, extraMetadata: object = {}): Res => ({
  Type: 'AWS::CloudTrail::Trail',
  Properties: { IsLogging: true, S3BucketName: 'b', IsMultiRegionTrail: true, EnableLogFileValidation: true, CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['Logs', 'Arn'] }, ...p },
  Metadata: { ...(marked ? { [AUDIT_BASELINE_MARKER]: { construct: 'AuditBaseline' } } : {}), ...extraMetadata },
});

describe('aws-audit-cloudtrail-multi-region / -log-file-validation', () => {
  test('compliant trail', () => {
    expect(open([AWS_AUDIT_CLOUDTRAIL_MULTI_REGION, AWS_AUDIT_CLOUDTRAIL_LOG_FILE_VALIDATION], { T: trail({}, false) })).toEqual([]);
  });
  test('single-region, without validation, or with intrinsic values (fail closed)', () => {
    expect(ids(open([AWS_AUDIT_CLOUDTRAIL_MULTI_REGION, AWS_AUDIT_CLOUDTRAIL_LOG_FILE_VALIDATION], {
      Single: trail({ IsMultiRegionTrail: false }, false),
      NoValidation: trail({ EnableLogFileValidation: undefined }, false),
      Param: trail({ IsMultiRegionTrail: { Ref: 'MultiRegion' } }, false),
    })).sort()).toEqual([
      'aws-audit-cloudtrail-log-file-validation[] NoValidation',
      'aws-audit-cloudtrail-multi-region[] Param',
      'aws-audit-cloudtrail-multi-region[] Single',
    ]);
  });
});

describe('aws-audit-guardduty-enabled', () => {
  const detector = (enable: unknown): Res => ({ Type: 'AWS::GuardDuty::Detector', Properties: { Enable: enable } });
  test('compliant: an enabled detector next to the baseline trail; unmarked trails are not applicable', () => {
    expect(outcomes(AWS_AUDIT_GUARDDUTY_ENABLED, { T: trail(), Other: trail({}, false), D: detector(true) })).toEqual({ T: 'compliant', Other: 'not-applicable' });
  });
  test('non-compliant: no detector, or a disabled one', () => {
    expect(ids(open(AWS_AUDIT_GUARDDUTY_ENABLED, { T: trail() }))).toEqual(['aws-audit-guardduty-enabled[] T']);
    expect(ids(open(AWS_AUDIT_GUARDDUTY_ENABLED, { T: trail(), D: detector(false) }))).toEqual(['aws-audit-guardduty-enabled[] T']);
  });
  test('guardDuty: false records the reason on the trail, which suppresses the finding', () => {
    const f = run(AWS_AUDIT_GUARDDUTY_ENABLED, {
      T: trail({}, true, { 'secure-constructs': { overrides: [{ property: 'guardDuty', reason: 'delegated administrator enables it' }], suppressions: [{ id: 'aws-audit-guardduty-enabled', reason: 'guardDuty: delegated administrator enables it' }] } }),
    });
    expect(f.map((x) => x.status)).toEqual(['suppressed']);
  });
});

describe('aws-audit-config-recorder / -all-resources', () => {
  const recorder = (group?: object): Res => ({ Type: 'AWS::Config::ConfigurationRecorder', Properties: { RoleARN: 'arn', ...(group ? { RecordingGroup: group } : {}) } });
  const channel: Res = { Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: 'b' } };
  test('baseline trail with recorder and channel is compliant; missing either is not', () => {
    expect(open(AWS_AUDIT_CONFIG_RECORDER, { T: trail(), R: recorder({ AllSupported: true }), C: channel })).toEqual([]);
    expect(open(AWS_AUDIT_CONFIG_RECORDER, { T: trail(), R: recorder() })[0].message).toContain('DeliveryChannel');
    expect(ids(open(AWS_AUDIT_CONFIG_RECORDER, { T: trail() }))).toEqual(['aws-audit-config-recorder[] T']);
    expect(outcomes(AWS_AUDIT_CONFIG_RECORDER, { T: trail({}, false) })).toEqual({ T: 'not-applicable' });
  });
  test('all supported types with global types, classic or recording-strategy form', () => {
    expect(open(AWS_AUDIT_CONFIG_RECORDER_ALL_RESOURCES, {
      Classic: recorder({ AllSupported: true, IncludeGlobalResourceTypes: true }),
      Strategy: recorder({ RecordingStrategy: { UseOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' }, IncludeGlobalResourceTypes: 'true' }),
    })).toEqual([]);
    expect(ids(open(AWS_AUDIT_CONFIG_RECORDER_ALL_RESOURCES, {
      NoGroup: recorder(),
      Some: recorder({ AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] }),
      NoGlobal: recorder({ AllSupported: true }),
    })).sort()).toEqual([
      'aws-audit-config-recorder-all-resources[no-global-types] NoGlobal',
      'aws-audit-config-recorder-all-resources[no-recording-group] NoGroup',
      'aws-audit-config-recorder-all-resources[not-all-supported] Some',
    ]);
  });
});

describe('aws-audit-cis-monitoring', () => {
  const CORE: CisAlarm[] = [
    CisAlarm.UNAUTHORIZED_API_CALLS,
    CisAlarm.CONSOLE_SIGN_IN_WITHOUT_MFA,
    CisAlarm.ROOT_ACCOUNT_USAGE,
    CisAlarm.IAM_POLICY_CHANGES,
    CisAlarm.CLOUDTRAIL_CONFIG_CHANGES,
  ];
  const monitoring = (items: CisAlarm[], withAction = true): Record<string, Res> => {
    const out: Record<string, Res> = { Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} } };
    for (const item of items) {
      out[`${item}Filter`] = { Type: 'AWS::Logs::MetricFilter', Properties: { LogGroupName: { Ref: 'Logs' }, FilterPattern: CIS_FILTER_PATTERNS[item], MetricTransformations: [{ MetricName: item, MetricNamespace: 'CIS', MetricValue: '1' }] } };
      out[`${item}Alarm`] = { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: item, Namespace: 'CIS', Threshold: 1, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', ...(withAction ? { AlarmActions: [{ Ref: 'Topic' }] } : {}) } };
    }
    return out;
  };
  test('compliant: the five core items have a filter on the trail log group and an alarm with an action', () => {
    expect(open(AWS_AUDIT_CIS_MONITORING, { T: trail(), ...monitoring(CORE) })).toEqual([]);
    expect(outcomes(AWS_AUDIT_CIS_MONITORING, { T: trail({}, false) })).toEqual({ T: 'not-applicable' });
  });
  test('non-compliant: a missing filter, an alarm without action, filters on another log group', () => {
    expect(ids(open(AWS_AUDIT_CIS_MONITORING, { T: trail(), ...monitoring(CORE.filter((c) => c !== CisAlarm.ROOT_ACCOUNT_USAGE)) })))
      .toEqual(['aws-audit-cis-monitoring[no-filter:root-account-usage] T']);
    expect(open(AWS_AUDIT_CIS_MONITORING, { T: trail(), ...monitoring(CORE, false) }).map((f) => f.findingId)).toHaveLength(5);
    expect(open(AWS_AUDIT_CIS_MONITORING, { T: trail({ CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['Elsewhere', 'Arn'] } }), ...monitoring(CORE) })).toHaveLength(5);
  });
});

test('every audit rule is registered once', () => {
  expect(RULES.map((r) => r.id).sort()).toEqual([
    'aws-audit-cis-monitoring', 'aws-audit-cloudtrail-cloudwatch-logs', 'aws-audit-cloudtrail-is-logging', 'aws-audit-cloudtrail-kms', 'aws-audit-cloudtrail-log-file-validation', 'aws-audit-cloudtrail-multi-region',
    'aws-audit-config-recorder', 'aws-audit-config-recorder-all-resources', 'aws-audit-guardduty-enabled',
  ]);
});
