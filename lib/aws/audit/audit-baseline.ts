import {
  Aws, Duration, Names, Stack, Token, aws_cloudtrail as cloudtrail, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cwActions,
  aws_config as config, aws_events as events, aws_events_targets as targets, aws_guardduty as guardduty, aws_iam as iam,
  aws_logs as logs, aws_s3 as s3, aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CIS_FILTER_PATTERNS } from './cis-patterns';
import { AUDIT_DEFAULTS } from './defaults';
import { CisAlarm, GuardDutyFeature } from './types';
import { AUDIT_BASELINE_MARKER } from '../../compliance/rules/aws/audit/marker';
import { PropValidator, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { LeastPrivilegeRole } from '../iam/least-privilege-role';
import { RoleTrust } from '../iam/role-trust';
import { EncryptionKey, IEncryptionKey } from '../kms/encryption-key';
import { KeyService } from '../kms/key-service';
import { SecureLogGroup } from '../logs/secure-log-group';
import { awsSolutions, controlTower, suppress, weaken } from '../private/compliance';
import { SecureBucket } from '../s3/secure-bucket';

/** Props of an AuditBaseline. */
export interface AuditBaselineProps {
  /**
   * Name of the trail.
   * @default - generated from the construct path
   */
  readonly trailName?: string;
  /**
   * Also log S3 object-level (data) events of every bucket (CIS 3.10/3.11; billed per event).
   * @default false
   */
  readonly includeS3DataEvents?: boolean;
  /**
   * KMS key of the trail, its log group, the buckets and the alarm topic. Its policy must be managed by this app
   * (the service statements for CloudTrail, CloudWatch Logs, CloudWatch alarms and EventBridge are added to it).
   * @default - a new EncryptionKey
   */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Create a GuardDuty detector (one per account and region). Turning it off needs `guardDutyReason`.
   * @default true
   */
  readonly guardDuty?: boolean;
  /**
   * Why no detector is created here (e.g. "enabled organization-wide by the delegated administrator").
   * @default - none
   */
  readonly guardDutyReason?: string;
  /**
   * GuardDuty protection plans.
   * @default - every GuardDutyFeature
   */
  readonly guardDutyFeatures?: GuardDutyFeature[];
  /**
   * Create an AWS Config recorder and delivery channel (one per account and region). Turning it off needs `configReason`.
   * @default true
   */
  readonly config?: boolean;
  /**
   * Why no Config recorder is created here.
   * @default - none
   */
  readonly configReason?: string;
  /**
   * CIS monitoring alarms.
   * @default - every CisAlarm
   */
  readonly cisAlarms?: CisAlarm[];
  /**
   * E-mail addresses subscribed to the alarm topic.
   * @default - none
   */
  readonly alarmEmails?: string[];
  /**
   * Object Lock (GOVERNANCE) default retention of the trail and Config buckets, days (1 to 36500).
   * @default 365
   */
  readonly objectLockRetentionDays?: number;
}

const CONFIG_KMS_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
const CONFIG_ROLE_REASON = 'AWS Config recorder role: AWS maintains AWS_ConfigRole with the read permissions for every resource type Config '
  + 'records; a hand-written copy would silently miss new resource types. Delivery permissions are in a separate least-privilege policy.';
const CONFIG_BOUNDARY_REASON = 'The recorder needs AWS_ConfigRole (read access to every resource type Config records); a permissions boundary '
  + 'built from the role\'s own statements would cap it and stop recording.';
const CONFIG_OBJECTS_REASON = 'AWS Config names its objects itself (AWSLogs/<account>/Config/<region>/<date>/...); the object wildcard is limited to '
  + 'that prefix of the dedicated Config bucket.';
const GUARDDUTY_DATASOURCES_REASON = 'CT.GUARDDUTY.PR.1 checks the legacy DataSources.S3Logs property. The detector turns on S3 protection '
  + 'through the S3_DATA_EVENTS feature instead, and GuardDuty rejects DataSources and Features in the same detector.';

/**
 * The account audit baseline: a multi-region CloudTrail trail (log file validation, KMS, CloudWatch Logs delivery,
 * dedicated Object-Locked bucket), a GuardDuty detector with every protection plan, an AWS Config recorder for all
 * resource types (global ones included) with a delivery channel, and the CIS AWS Foundations monitoring alarms on
 * the trail's log group, notifying a KMS-encrypted, TLS-only SNS topic (which also receives high-severity GuardDuty findings).
 *
 * Deploy once per account and region (GuardDuty and Config allow one detector / recorder each).
 */
export class AuditBaseline extends Construct {
  /** The trail. */
  public readonly trail: cloudtrail.CfnTrail;
  /** The trail's bucket. */
  public readonly trailBucket: s3.Bucket;
  /** The trail's CloudWatch Logs group (the CIS metric filters read it). */
  public readonly trailLogGroup: logs.LogGroup;
  /** The key encrypting the trail, its logs, the buckets and the topic. */
  public readonly encryptionKey: IEncryptionKey;
  /** The alarm topic. */
  public readonly alarmTopic: sns.Topic;
  /** The GuardDuty detector, unless turned off. */
  public readonly detector?: guardduty.CfnDetector;
  /** The Config recorder, unless turned off. */
  public readonly configRecorder?: config.CfnConfigurationRecorder;
  /** The Config delivery channel, unless turned off. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;
  /** The Config bucket, unless Config is turned off. */
  public readonly configBucket?: s3.Bucket;
  /** The CIS alarms by item. */
  public readonly alarms: Record<string, cloudwatch.Alarm> = {};

  constructor(scope: Construct, id: string, props: AuditBaselineProps = {}) {
    super(scope, id);
    const settings = validateProps(this, props);
    const stack = Stack.of(this);
    const trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 120, separator: '-' });
    const trailArn = `arn:${Aws.PARTITION}:cloudtrail:${stack.region}:${stack.account}:trail/${trailName}`;
    this.encryptionKey = props.encryptionKey ?? new EncryptionKey(this, 'Key', { description: `Encrypts the audit trail, logs, buckets and alarm topic of ${this.node.path}` });
    this.allowServicesToUseKey(trailArn);

    // buckets: trail and Config (SecureBuckets: KMS, Object Lock with default retention), sharing one server access log bucket
    const retention = s3.ObjectLockRetention.governance(Duration.days(settings.lockDays));
    const trailBucket = this.createTrailBucket(trailArn, retention);
    this.trailBucket = trailBucket.bucket;
    this.trailLogGroup = new SecureLogGroup(this, 'TrailLogGroup', { encryptionKey: this.encryptionKey }).logGroup;
    this.trail = this.createTrail(props, settings, trailName, trailArn);

    this.alarmTopic = this.createAlarmTopic(props.alarmEmails ?? []);
    for (const item of settings.alarms) this.alarms[item] = this.createCisAlarm(item, trailName);

    if (settings.guardDuty) {
      this.detector = this.createGuardDuty(settings.features);
    } else {
      weaken(this.trail, 'guardDuty', props.guardDutyReason!, ['aws-audit-guardduty-enabled']);
    }
    if (settings.config) {
      this.configBucket = new SecureBucket(this, 'ConfigBucket', {
        encryptionKey: this.encryptionKey, objectLockDefaultRetention: retention, serverAccessLogsBucket: trailBucket.accessLogsBucket,
      }).bucket;
      const recording = this.createConfigRecorder(this.configBucket);
      this.configRecorder = recording.recorder;
      this.deliveryChannel = recording.channel;
    } else {
      weaken(this.trail, 'config', props.configReason!, ['aws-audit-config-recorder']);
    }
  }

  /** The key policy lets CloudTrail encrypt this trail's logs, and alarms and events publish to the topic. */
  private allowServicesToUseKey(trailArn: string): void {
    const stack = Stack.of(this);
    const key = this.encryptionKey.key;
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogs',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${stack.account}:trail/*` },
        StringEquals: { 'aws:SourceArn': trailArn },
      },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowAlarmAndEventPublishersToUseTheTopicKey',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com'), new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
  }

  /** The trail bucket: a SecureBucket with Object Lock that only this trail may write to. */
  private createTrailBucket(trailArn: string, retention: s3.ObjectLockRetention): SecureBucket {
    const stack = Stack.of(this);
    const trailBucket = new SecureBucket(this, 'TrailBucket', { encryptionKey: this.encryptionKey, objectLockDefaultRetention: retention });
    const bucket = trailBucket.bucket;
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    }));
    return trailBucket;
  }

  /** The multi-region trail (KMS, log file validation, all management events) delivered to S3 and CloudWatch Logs. */
  private createTrail(props: AuditBaselineProps, settings: AuditSettings, trailName: string, trailArn: string): cloudtrail.CfnTrail {
    // CloudWatch Logs delivery through a least-privilege role
    const trailRole = new LeastPrivilegeRole(this, 'TrailLogsRole', {
      description: `Lets CloudTrail deliver ${trailName} to CloudWatch Logs`,
      assumedBy: RoleTrust.service('cloudtrail.amazonaws.com', { sourceArn: trailArn }),
      statements: [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.trailLogGroup.logGroupArn] }],
    });
    const trail = new cloudtrail.CfnTrail(this, 'Trail', {
      trailName,
      isLogging: true,
      isMultiRegionTrail: AUDIT_DEFAULTS.isMultiRegionTrail,
      includeGlobalServiceEvents: AUDIT_DEFAULTS.includeGlobalServiceEvents,
      enableLogFileValidation: AUDIT_DEFAULTS.enableLogFileValidation,
      kmsKeyId: this.encryptionKey.key.keyArn,
      s3BucketName: this.trailBucket.bucketName,
      cloudWatchLogsLogGroupArn: this.trailLogGroup.logGroupArn,
      cloudWatchLogsRoleArn: trailRole.roleArn,
      eventSelectors: [{
        readWriteType: 'All',
        includeManagementEvents: true,
        dataResources: (props.includeS3DataEvents ?? AUDIT_DEFAULTS.includeS3DataEvents) ? [{ type: 'AWS::S3::Object', values: [`arn:${Aws.PARTITION}:s3`] }] : undefined,
      }],
    });
    if (this.trailBucket.policy) trail.node.addDependency(this.trailBucket.policy);
    trail.node.addDependency(trailRole);
    trail.addMetadata(AUDIT_BASELINE_MARKER, { construct: 'AuditBaseline', guardDuty: settings.guardDuty, config: settings.config });
    return trail;
  }

  /** The alarm topic: KMS, TLS-only publishing, publishers limited to this account's alarms and events. */
  private createAlarmTopic(emails: readonly string[]): sns.Topic {
    const stack = Stack.of(this);
    const topic = new sns.Topic(this, 'AlarmTopic', { masterKey: this.encryptionKey.key, enforceSSL: true, displayName: `Audit alarms of ${this.node.path}`.slice(0, 100) });
    topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsOfThisAccount',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
      },
    }));
    for (const email of emails) {
      new sns.Subscription(this, `Email${Names.uniqueId(new Construct(this, `EmailId${emails.indexOf(email)}`)).slice(-8)}`, {
        topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: email,
      });
    }
    return topic;
  }

  /** One CIS monitoring alarm: a metric filter on the trail's log group and an alarm to the topic. */
  private createCisAlarm(item: CisAlarm, trailName: string): cloudwatch.Alarm {
    const filter = new logs.MetricFilter(this, `${item}Filter`, {
      logGroup: this.trailLogGroup,
      filterPattern: logs.FilterPattern.literal(CIS_FILTER_PATTERNS[item]),
      metricNamespace: AUDIT_DEFAULTS.cisMetricNamespace,
      metricName: item,
      metricValue: '1',
    });
    const alarm = new cloudwatch.Alarm(this, `${item}Alarm`, {
      alarmDescription: `CIS AWS Foundations Benchmark monitoring: ${item} (trail ${trailName})`,
      metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    alarm.addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
    return alarm;
  }

  /** The GuardDuty detector with its features, and high-severity findings to the alarm topic. */
  private createGuardDuty(features: readonly GuardDutyFeature[]): guardduty.CfnDetector {
    const detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: AUDIT_DEFAULTS.findingPublishingFrequency,
      features: features.map((name): guardduty.CfnDetector.CFNFeatureConfigurationProperty => ({
        name,
        status: 'ENABLED',
        additionalConfiguration: name === GuardDutyFeature.RUNTIME_MONITORING
          ? ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'].map((n) => ({ name: n, status: 'ENABLED' }))
          : undefined,
      })),
    });
    suppress(detector, GUARDDUTY_DATASOURCES_REASON, controlTower('guardduty_s3_protection_enabled_check'));
    new events.Rule(this, 'GuardDutyFindings', {
      description: `High-severity GuardDuty findings to the audit alarm topic of ${this.node.path}`,
      eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', AUDIT_DEFAULTS.guardDutyNotificationSeverity] }] } },
      targets: [new targets.SnsTopic(this.alarmTopic)],
    });
    return detector;
  }

  /** The AWS Config recorder (all resource types) and its delivery channel to the Config bucket, through S3 with SSE-KMS. */
  private createConfigRecorder(configBucket: s3.Bucket): { recorder: config.CfnConfigurationRecorder; channel: config.CfnDeliveryChannel } {
    const stack = Stack.of(this);
    const key = this.encryptionKey.key;
    const s3ViaService = { StringEquals: { 'kms:ViaService': KeyService.S3.viaServiceIn(this), 'kms:CallerAccount': stack.account } };
    const configRole = new LeastPrivilegeRole(this, 'ConfigRole', {
      description: `AWS Config recorder of ${this.node.path}`,
      assumedBy: RoleTrust.service('config.amazonaws.com'),
      permissionsBoundaryOptOutReason: CONFIG_BOUNDARY_REASON,
      statements: [
        {
          actions: ['s3:PutObject'],
          resources: [configBucket.arnForObjects(`AWSLogs/${stack.account}/Config/*`)],
          conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
          wildcardJustification: CONFIG_OBJECTS_REASON,
        },
        { actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [configBucket.bucketArn] },
        { actions: CONFIG_KMS_ACTIONS, resources: [this.encryptionKey.keyArn], conditions: s3ViaService },
      ],
    });
    // the read permissions of every resource type Config records
    configRole.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole'));
    suppress(configRole.role, CONFIG_ROLE_REASON, `${awsSolutions('IAM4')}[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]`);
    // Config delivers through S3 with SSE-KMS: the role may use the key only in requests S3 makes for it. Named in the
    // key policy (EncryptionKey does not delegate key use to IAM) and allowed by the role's own policy.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowConfigDeliveryThroughS3',
      principals: [new iam.ArnPrincipal(configRole.roleArn)],
      actions: CONFIG_KMS_ACTIONS,
      resources: ['*'],
      conditions: s3ViaService,
    }));
    const recorder = new config.CfnConfigurationRecorder(this, 'ConfigRecorder', {
      roleArn: configRole.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    recorder.node.addDependency(configRole);
    const channel = new config.CfnDeliveryChannel(this, 'ConfigDeliveryChannel', {
      s3BucketName: configBucket.bucketName,
      s3KmsKeyArn: key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: AUDIT_DEFAULTS.configSnapshotDeliveryFrequency },
    });
    channel.addResourceDependency(recorder);
    return { recorder, channel };
  }
}

/** The props of an AuditBaseline with every default applied. */
interface AuditSettings {
  readonly guardDuty: boolean;
  readonly config: boolean;
  readonly features: readonly GuardDutyFeature[];
  readonly alarms: readonly CisAlarm[];
  readonly lockDays: number;
}

/** Checks every prop (all problems in one throw) and applies the defaults. */
function validateProps(scope: Construct, props: AuditBaselineProps): AuditSettings {
  const v = new PropValidator(scope);
  const withGuardDuty = props.guardDuty ?? AUDIT_DEFAULTS.guardDuty;
  const withConfig = props.config ?? AUDIT_DEFAULTS.config;
  if (!withGuardDuty) {
    v.require(isValidReason(props.guardDutyReason), 'guardDutyReason', `is required when guardDuty is false; at least ${MIN_REASON_LENGTH} characters.`,
      'Keep the detector, or say where GuardDuty is enabled instead (e.g. by the organization delegated administrator).');
    v.require(props.guardDutyFeatures === undefined, 'guardDutyFeatures', 'cannot be combined with guardDuty: false.', 'Remove guardDutyFeatures, or keep the detector.');
  } else {
    v.require(props.guardDutyReason === undefined, 'guardDutyReason', 'only applies when guardDuty is false.', 'Remove it.');
  }
  if (!withConfig) {
    v.require(isValidReason(props.configReason), 'configReason', `is required when config is false; at least ${MIN_REASON_LENGTH} characters.`,
      'Keep the recorder, or say where AWS Config records this account and region instead.');
  } else {
    v.require(props.configReason === undefined, 'configReason', 'only applies when config is false.', 'Remove it.');
  }
  const features = props.guardDutyFeatures ?? AUDIT_DEFAULTS.guardDutyFeatures;
  checkEnumList(v, 'guardDutyFeatures', features, Object.values(GuardDutyFeature), 'feature');
  const alarms = props.cisAlarms ?? AUDIT_DEFAULTS.cisAlarms;
  checkEnumList(v, 'cisAlarms', alarms, Object.values(CisAlarm), 'CIS alarm');
  const lockDays = props.objectLockRetentionDays ?? AUDIT_DEFAULTS.objectLockRetentionDays;
  v.require(Token.isUnresolved(lockDays) || (Number.isInteger(lockDays) && lockDays >= 1 && lockDays <= 36500), 'objectLockRetentionDays',
    `must be an integer from 1 to 36500 (got ${lockDays}).`, 'Keep audit logs immutable for at least a year (365).');
  (props.alarmEmails ?? []).forEach((e, i) => {
    if (!Token.isUnresolved(e)) v.require(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e), `alarmEmails[${i}]`, `is not an e-mail address (got ${JSON.stringify(e)}).`, 'Use name@example.com.');
  });
  if (props.trailName !== undefined && !Token.isUnresolved(props.trailName)) {
    v.require(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(props.trailName), 'trailName',
      `must be 3-128 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (got ${JSON.stringify(props.trailName)}).`, 'Use e.g. organization-audit-trail.');
  }
  v.throwIfInvalid();
  return { guardDuty: withGuardDuty, config: withConfig, features, alarms, lockDays };
}

/** Each entry is one of `valid`, listed once. */
function checkEnumList(v: PropValidator, property: string, list: readonly string[], valid: readonly string[], what: string): void {
  list.forEach((x, i) => {
    v.require(valid.includes(x), `${property}[${i}]`, `is not a known ${what} (got ${JSON.stringify(x)}).`, `Use one of ${valid.join(', ')}.`);
    v.require(list.indexOf(x) === i, `${property}[${i}]`, `lists ${x} twice.`, `List each ${what === 'feature' ? 'feature' : 'alarm'} once.`);
  });
}

