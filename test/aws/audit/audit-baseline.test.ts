import { Match } from 'aws-cdk-lib/assertions';
import { AuditBaseline, AuditBaselineProps, CIS_FILTER_PATTERNS, CisAlarm, GuardDutyFeature } from '../../../lib/aws/audit';
import { AUDIT_BASELINE_MARKER } from '../../../lib/compliance/rules/aws/audit/marker';
import { openFindings, synthAndCheck } from '../../util/aws';
import { expectDocumentedDefaultsMatchSource, expectInvalid, overridesOf, resourcesOf, synthTemplate } from '../network/doc-defaults';

const ENV = { env: { account: '123456789012', region: 'eu-west-1' } };

describe('AuditBaseline defaults', () => {
  test('no options: every pack clean, and our baseline rules evaluated compliant', () => {
    const report = synthAndCheck((stack) => {
      new AuditBaseline(stack, 'Audit');
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    const ours = new Set(report.evaluations.filter((e) => e.ruleId.startsWith('aws-audit-')).map((e) => `${e.ruleId}:${e.outcome}`));
    expect([...ours].sort()).toEqual([
      'aws-audit-cis-monitoring:compliant', 'aws-audit-cloudtrail-cloudwatch-logs:compliant', 'aws-audit-cloudtrail-is-logging:compliant', 'aws-audit-cloudtrail-kms:compliant',
      'aws-audit-cloudtrail-log-file-validation:compliant', 'aws-audit-cloudtrail-multi-region:compliant', 'aws-audit-config-recorder-all-resources:compliant', 'aws-audit-config-recorder:compliant', 'aws-audit-guardduty-enabled:compliant',
    ]);
  });

  test('every documented @default matches the source and the synthesized output', () => {
    const documented = expectDocumentedDefaultsMatchSource('AuditBaseline', [['lib/aws/audit/audit-baseline.ts', 'AuditBaselineProps']]);
    const { json, template } = synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit');
    });
    const [[, trail]] = resourcesOf(json, 'AWS::CloudTrail::Trail');
    const keys = resourcesOf(json, 'AWS::KMS::Key');
    const keyRef = { 'Fn::GetAtt': [keys[0][0], 'Arn'] };
    const buckets = resourcesOf(json, 'AWS::S3::Bucket');
    const kmsBuckets = buckets.filter(([, b]) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm === 'aws:kms');
    const [[, detector]] = resourcesOf(json, 'AWS::GuardDuty::Detector');
    const checks: Record<string, () => void> = {
      trailName: () => {
        expect(trail.Properties.TrailName).toMatch(/^TestStack-Audit-/);
        expect(JSON.stringify(json)).toContain(`:trail/${trail.Properties.TrailName}`);
      },
      includeS3DataEvents: () => expect(trail.Properties.EventSelectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true }]),
      encryptionKey: () => {
        expect(keys).toHaveLength(1);
        expect(keys[0][1].Properties.EnableKeyRotation).toBe(true);
        expect(trail.Properties.KMSKeyId).toEqual(keyRef);
        expect(kmsBuckets).toHaveLength(2);
        for (const [, b] of kmsBuckets) {
          expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual(keyRef);
        }
        template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: keyRef, RetentionInDays: 365 });
        template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyRef });
      },
      guardDuty: () => expect(detector.Properties).toMatchObject({ Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' }),
      guardDutyReason: () => expect(overridesOf(trail)).toEqual([]),
      guardDutyFeatures: () => {
        expect(detector.Properties.Features.map((f: any) => `${f.Name}:${f.Status}`)).toEqual(Object.values(GuardDutyFeature).map((f) => `${f}:ENABLED`));
        expect(detector.Properties.Features.find((f: any) => f.Name === 'RUNTIME_MONITORING').AdditionalConfiguration.map((c: any) => c.Name))
          .toEqual(['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT']);
      },
      config: () => {
        template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true } });
        template.hasResourceProperties('AWS::Config::DeliveryChannel', { S3KmsKeyArn: keyRef, ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' } });
      },
      configReason: () => expect(overridesOf(trail)).toEqual([]),
      cisAlarms: () => {
        expect(resourcesOf(json, 'AWS::Logs::MetricFilter')).toHaveLength(Object.values(CisAlarm).length);
        const alarms = resourcesOf(json, 'AWS::CloudWatch::Alarm');
        expect(alarms).toHaveLength(Object.values(CisAlarm).length);
        for (const [, a] of alarms) {
          expect(a.Properties).toMatchObject({ ActionsEnabled: true, Threshold: 1, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Namespace: 'CISBenchmark', TreatMissingData: 'notBreaching' });
          expect(a.Properties.AlarmActions).toEqual([{ Ref: resourcesOf(json, 'AWS::SNS::Topic')[0][0] }]);
        }
      },
      alarmEmails: () => template.resourceCountIs('AWS::SNS::Subscription', 0),
      objectLockRetentionDays: () => {
        for (const [, b] of kmsBuckets) expect(b.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } });
      },
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const c of Object.values(checks)) c();
  });

  test('trail: multi-region, global events, validation, CloudWatch Logs through a least-privilege role, marker', () => {
    const { json, template } = synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit');
    });
    const [[, trail]] = resourcesOf(json, 'AWS::CloudTrail::Trail');
    const [[logGroupId]] = resourcesOf(json, 'AWS::Logs::LogGroup');
    expect(trail.Properties).toMatchObject({
      IsLogging: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
    });
    expect(trail.Metadata[AUDIT_BASELINE_MARKER]).toEqual({ construct: 'AuditBaseline', guardDuty: true, config: true });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }] },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    // CloudTrail may write to the bucket and use the key for this trail only
    const trailArn = `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${trail.Properties.TrailName}`;
    template.hasResourceProperties('AWS::S3::BucketPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AWSCloudTrailWrite', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': Match.objectLike({ 'Fn::Join': Match.anyValue() }) } } })]) } });
    expect(JSON.stringify(json)).toContain(`:cloudtrail:eu-west-1:123456789012:trail/${trail.Properties.TrailName}`.replace('arn:aws', ''));
    expect(trailArn).toContain(trail.Properties.TrailName);
  });

  test('alarm topic: TLS-only publishing, CloudWatch of this account may publish, GuardDuty high findings routed to it', () => {
    const { json, template } = synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit', { alarmEmails: ['security@example.com'] });
    });
    const [[topicId]] = resourcesOf(json, 'AWS::SNS::Topic');
    const [[, policy]] = resourcesOf(json, 'AWS::SNS::TopicPolicy');
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Sid: 'AllowCloudWatchAlarmsOfThisAccount', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': '123456789012' } }) }),
    ]));
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], 'detail': { severity: [{ numeric: ['>=', 7] }] } },
      Targets: [Match.objectLike({ Arn: { Ref: topicId } })],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com', TopicArn: { Ref: topicId } });
  });

  test('CIS filter patterns are the benchmark ones, on the trail log group', () => {
    const { template } = synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit', { cisAlarms: [CisAlarm.ROOT_ACCOUNT_USAGE, CisAlarm.CONSOLE_SIGN_IN_WITHOUT_MFA] });
    });
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      MetricTransformations: [{ MetricName: 'RootAccountUsage', MetricNamespace: 'CISBenchmark', MetricValue: '1' }],
    });
    expect(CIS_FILTER_PATTERNS[CisAlarm.CONSOLE_SIGN_IN_WITHOUT_MFA]).toBe('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }');
    expect(CIS_FILTER_PATTERNS[CisAlarm.CLOUDTRAIL_CONFIG_CHANGES]).toBe('{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }');
    for (const p of Object.values(CIS_FILTER_PATTERNS)) {
      expect(p.startsWith('{ ') && p.endsWith(' }')).toBe(true);
      expect(p.split('(').length).toBe(p.split(')').length);
    }
  });

  test('fewer CIS alarms than the five core items is reported by aws-audit-cis-monitoring (warning)', () => {
    const report = synthAndCheck((stack) => {
      new AuditBaseline(stack, 'Audit', { cisAlarms: [CisAlarm.ROOT_ACCOUNT_USAGE] });
    }, ENV);
    expect(openFindings(report).filter((f) => f.includes('aws-audit-cis-monitoring'))).toHaveLength(4);
  });
});

describe('AuditBaseline weakening and bad input', () => {
  test('guardDuty / config off with reasons: recorded on the trail, the baseline findings suppressed, packs clean', () => {
    const report = synthAndCheck((stack) => {
      new AuditBaseline(stack, 'Audit', {
        guardDuty: false, guardDutyReason: 'GuardDuty is enabled organization-wide by the delegated administrator.',
        config: false, configReason: 'AWS Config is deployed by the Control Tower landing zone.',
      });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['config', 'guardDuty']);
    expect(report.findings.filter((f) => f.ruleId === 'aws-audit-guardduty-enabled' || f.ruleId === 'aws-audit-config-recorder').map((f) => f.status)).toEqual(['suppressed', 'suppressed']);
    const { template } = synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit', { guardDuty: false, guardDutyReason: 'GuardDuty is enabled organization-wide.', config: false, configReason: 'Config comes from the landing zone.' });
    });
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
  });

  test('S3 data events', () => {
    const { json } = synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit', { includeS3DataEvents: true });
    });
    expect(resourcesOf(json, 'AWS::CloudTrail::Trail')[0][1].Properties.EventSelectors[0].DataResources).toEqual([{ Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3']] }] }]);
  });

  test('missing reasons, conflicts, duplicates and malformed values, all reported at once', () => {
    const build = (props: AuditBaselineProps) => () => synthTemplate((stack) => {
      new AuditBaseline(stack, 'Audit', props);
    });
    expectInvalid(build({ guardDuty: false, guardDutyFeatures: [GuardDutyFeature.S3_DATA_EVENTS], config: false, configReason: 'short' }),
      'TestStack/Audit', 'guardDutyReason', 'guardDutyFeatures', 'configReason');
    expectInvalid(build({ guardDutyReason: 'given while the detector is on', configReason: 'given while the recorder is on' }), 'TestStack/Audit', 'guardDutyReason', 'configReason');
    expectInvalid(build({ guardDutyFeatures: [GuardDutyFeature.RDS_LOGIN_EVENTS, GuardDutyFeature.RDS_LOGIN_EVENTS], cisAlarms: [CisAlarm.VPC_CHANGES, 'Other' as CisAlarm] }),
      'TestStack/Audit', 'guardDutyFeatures[1]', 'cisAlarms[1]');
    expectInvalid(build({ objectLockRetentionDays: 0, alarmEmails: ['not-an-email'], trailName: '-bad name-' }), 'TestStack/Audit', 'objectLockRetentionDays', 'alarmEmails[0]', 'trailName');
  });
});
