import { aws_logs as logs } from 'aws-cdk-lib';
import { SecureLogGroup } from '../../../../../lib/aws/logs';
import { RULES } from '../../../../../lib/compliance/rules/aws/logs';
import { AWS_LOGS_LOG_GROUP_ENCRYPTED } from '../../../../../lib/compliance/rules/aws/logs/encrypted';
import { AWS_LOGS_LOG_GROUP_RETAINED } from '../../../../../lib/compliance/rules/aws/logs/retained';
import { AWS_LOGS_LOG_GROUP_RETENTION } from '../../../../../lib/compliance/rules/aws/logs/retention';
import { Res, open, synthResources } from '../iam/helpers';

const lg = (props: object = {}, extra: Partial<Res> = {}): Res => ({
  Type: 'AWS::Logs::LogGroup',
  Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] }, ...props },
  DeletionPolicy: 'Retain',
  ...extra,
});

test('the default output of SecureLogGroup passes every logs rule; a plain aws-cdk-lib LogGroup does not', () => {
  expect(open(RULES, synthResources((s) => {
    new SecureLogGroup(s, 'Logs');
  }))).toEqual([]);
  expect(open(RULES, synthResources((s) => {
    new logs.LogGroup(s, 'Plain', { retention: logs.RetentionDays.INFINITE });
  })).map((f) => f.split(' ')[0])).toEqual(['aws-logs-log-group-retention[unset]', 'aws-logs-log-group-encrypted[]']);
});

describe('aws-logs-log-group-retention', () => {
  test('compliant: one year or more', () => {
    expect(open(AWS_LOGS_LOG_GROUP_RETENTION, { Year: lg(), Ten: lg({ RetentionInDays: 3653 }), Str: lg({ RetentionInDays: '400' }) })).toEqual([]);
  });

  test('non-compliant: unset (forever), shorter than a year, an intrinsic', () => {
    expect(open(AWS_LOGS_LOG_GROUP_RETENTION, {
      Forever: lg({ RetentionInDays: undefined }),
      Month: lg({ RetentionInDays: 30 }),
      Param: lg({ RetentionInDays: { Ref: 'Days' } }),
    })).toEqual([
      'aws-logs-log-group-retention[unset] Forever',
      'aws-logs-log-group-retention[short] Month',
      'aws-logs-log-group-retention[unset] Param',
    ]);
  });
});

describe('aws-logs-log-group-encrypted', () => {
  test('compliant: a key (reference or ARN); non-compliant: none', () => {
    expect(open(AWS_LOGS_LOG_GROUP_ENCRYPTED, {
      Ref: lg(),
      Arn: lg({ KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/x' }),
      None: lg({ KmsKeyId: undefined }),
    })).toEqual(['aws-logs-log-group-encrypted[] None']);
  });
});

describe('aws-logs-log-group-retained', () => {
  test('compliant: Retain; non-compliant: Delete or absent', () => {
    expect(open(AWS_LOGS_LOG_GROUP_RETAINED, {
      Kept: lg(),
      Deleted: lg({}, { DeletionPolicy: 'Delete' }),
      Absent: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    })).toEqual(['aws-logs-log-group-retained[] Deleted', 'aws-logs-log-group-retained[] Absent']);
  });
});
