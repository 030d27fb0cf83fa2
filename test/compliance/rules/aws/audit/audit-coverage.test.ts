import { AWS_AUDIT_CLOUDTRAIL_CLOUDWATCH_LOGS } from '../../../../../lib/compliance/rules/aws/audit/cloudtrail-cloudwatch-logs';
import { AWS_AUDIT_CLOUDTRAIL_IS_LOGGING } from '../../../../../lib/compliance/rules/aws/audit/cloudtrail-is-logging';
import { AWS_AUDIT_CLOUDTRAIL_KMS } from '../../../../../lib/compliance/rules/aws/audit/cloudtrail-kms';
import { Res, findingIds } from '../template';

const FULL = {
  IsLogging: true, S3BucketName: 'trail-bucket', KMSKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] },
  CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['Logs', 'Arn'] }, CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
};
const trail = (props: Record<string, unknown> = {}): Res => ({ Type: 'AWS::CloudTrail::Trail', Properties: { ...FULL, ...props } });
const RULES = [AWS_AUDIT_CLOUDTRAIL_KMS, AWS_AUDIT_CLOUDTRAIL_CLOUDWATCH_LOGS, AWS_AUDIT_CLOUDTRAIL_IS_LOGGING];

describe('CloudTrail on every trail (with or without the AuditBaseline marker)', () => {
  test('a complete trail passes; each missing setting is its own finding', () => {
    expect(findingIds(RULES, {
      Full: trail(),
      NoKey: trail({ KMSKeyId: undefined }),
      NoLogs: trail({ CloudWatchLogsLogGroupArn: undefined, CloudWatchLogsRoleArn: undefined }),
      NoRole: trail({ CloudWatchLogsRoleArn: '' }),
      Stopped: trail({ IsLogging: 'false' }),
    })).toEqual([
      'aws-audit-cloudtrail-kms[KMSKeyId] NoKey',
      'aws-audit-cloudtrail-cloudwatch-logs[CloudWatchLogsLogGroupArn] NoLogs',
      'aws-audit-cloudtrail-cloudwatch-logs[CloudWatchLogsRoleArn] NoLogs',
      'aws-audit-cloudtrail-cloudwatch-logs[CloudWatchLogsRoleArn] NoRole',
      'aws-audit-cloudtrail-is-logging[IsLogging] Stopped',
    ]);
  });

  test('values behind conditions and parameters: the weak alternative is reported; an unknown IsLogging cannot be verified', () => {
    expect(findingIds(RULES, {
      Parameters: { Logging: { Type: 'String', Default: 'false', AllowedValues: ['true', 'false'] }, Free: { Type: 'String' } },
      Conditions: { Encrypt: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        MaybeKey: trail({ KMSKeyId: { 'Fn::If': ['Encrypt', 'arn:aws:kms:eu-west-1:123456789012:key/k', { Ref: 'AWS::NoValue' }] } }),
        Param: trail({ IsLogging: { Ref: 'Logging' } }),
        Unknown: trail({ IsLogging: { Ref: 'Free' } }),
      },
    })).toEqual([
      'aws-audit-cloudtrail-kms[KMSKeyId] MaybeKey',
      'aws-audit-cloudtrail-is-logging[IsLogging] Param',
      'aws-audit-cloudtrail-is-logging[IsLogging] Unknown (unverified)',
    ]);
  });

  test('management events: absent selectors, All with management events and an advanced Management selector pass; write-only, excluded and data-only fail', () => {
    expect(findingIds(AWS_AUDIT_CLOUDTRAIL_IS_LOGGING, {
      Default: trail(),
      All: trail({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }),
      Advanced: trail({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] }),
      WriteOnly: trail({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }),
      Excluded: trail({ EventSelectors: [{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }),
      DataOnly: trail({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }] }),
      ReadOnly: trail({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }] }),
    })).toEqual([
      'aws-audit-cloudtrail-is-logging[management-events] WriteOnly',
      'aws-audit-cloudtrail-is-logging[management-events] Excluded',
      'aws-audit-cloudtrail-is-logging[management-events] DataOnly',
      'aws-audit-cloudtrail-is-logging[management-events] ReadOnly',
    ]);
  });
});
