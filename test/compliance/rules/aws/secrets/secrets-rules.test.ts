import { aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { SecretRotation, SecretsStore } from '../../../../../lib/aws/secrets';
import { RULES } from '../../../../../lib/compliance/rules/aws/secrets';
import { AWS_SECRETS_CMK_ENCRYPTION } from '../../../../../lib/compliance/rules/aws/secrets/cmk-encryption';
import { AWS_SECRETS_RESOURCE_POLICY } from '../../../../../lib/compliance/rules/aws/secrets/resource-policy';
import { AWS_SECRETS_RETAINED } from '../../../../../lib/compliance/rules/aws/secrets/retained';
import { AWS_SECRETS_ROTATION } from '../../../../../lib/compliance/rules/aws/secrets/rotation';
import { Res, open, outcomes, synthResources } from '../iam/helpers';

const secret = (props: object = {}, extra: Partial<Res> = {}): Res => ({
  Type: 'AWS::SecretsManager::Secret',
  Properties: { KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] }, GenerateSecretString: {}, ...props },
  DeletionPolicy: 'Retain',
  ...extra,
});
const KEY: Res = { Type: 'AWS::KMS::Key', Properties: {} };
const TLS = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const ACCOUNTS = {
  Effect: 'Deny', Principal: '*', Action: 'secretsmanager:*', Resource: '*',
  Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['123456789012'] }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
};
const policy = (secretId: unknown, statements: object[]): Res => ({
  Type: 'AWS::SecretsManager::ResourcePolicy',
  Properties: { SecretId: secretId, ResourcePolicy: { Version: '2012-10-17', Statement: statements }, BlockPublicPolicy: true },
});
const schedule = (secretId: unknown, props: object = { RotationLambdaARN: 'arn:aws:lambda:eu-west-1:123456789012:function:r' }): Res => ({
  Type: 'AWS::SecretsManager::RotationSchedule',
  Properties: { SecretId: secretId, RotationRules: { ScheduleExpression: 'rate(30 days)' }, ...props },
});

test('the default output of SecretsStore passes every secrets rule; a plain aws-cdk-lib Secret fails all of them', () => {
  expect(open(RULES, synthResources((s) => {
    new SecretsStore(s, 'Secret');
  }))).toEqual([]);
  const plain = open(RULES, synthResources((s) => {
    new secretsmanager.Secret(s, 'Plain');
  }));
  expect(plain.map((f) => f.split(' ')[0])).toEqual([
    'aws-secrets-resource-policy[no-policy]', 'aws-secrets-cmk-encryption[KmsKeyId]', 'aws-secrets-rotation[]', 'aws-secrets-retained[]',
  ]);
});

describe('aws-secrets-resource-policy', () => {
  test('compliant: TLS and account denies (also split over statements, org id instead of accounts)', () => {
    expect(open(AWS_SECRETS_RESOURCE_POLICY, {
      Key: KEY,
      A: secret(), APolicy: policy({ Ref: 'A' }, [TLS, ACCOUNTS]),
      B: secret(), BPolicy: policy({ Ref: 'B' }, [TLS, { ...ACCOUNTS, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }]),
    })).toEqual([]);
  });

  test('non-compliant: no policy, no TLS deny, no account deny, a policy of another secret, denies that do not cover reads', () => {
    expect(open(AWS_SECRETS_RESOURCE_POLICY, {
      Key: KEY,
      None: secret(),
      NoTls: secret(), NoTlsPolicy: policy({ Ref: 'NoTls' }, [ACCOUNTS]),
      NoAccounts: secret(), NoAccountsPolicy: policy({ Ref: 'NoAccounts' }, [TLS]),
      Other: secret(), OtherPolicy: policy('arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', [TLS, ACCOUNTS]),
      Narrow: secret(), NarrowPolicy: policy({ Ref: 'Narrow' }, [{ ...TLS, Action: 'secretsmanager:DeleteSecret' }, { ...ACCOUNTS, Action: 'secretsmanager:DeleteSecret' }]),
      TrueTls: secret(), TrueTlsPolicy: policy({ Ref: 'TrueTls' }, [{ ...TLS, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, ACCOUNTS]),
    })).toEqual([
      'aws-secrets-resource-policy[no-policy] None',
      'aws-secrets-resource-policy[tls] NoTls',
      'aws-secrets-resource-policy[foreign-principals] NoAccounts',
      'aws-secrets-resource-policy[no-policy] Other',
      'aws-secrets-resource-policy[tls] Narrow',
      'aws-secrets-resource-policy[foreign-principals] Narrow',
      'aws-secrets-resource-policy[tls] TrueTls',
    ]);
  });
});

describe('aws-secrets-cmk-encryption', () => {
  test('compliant: a key reference, a key ARN, an alias of a customer key; replicas with keys', () => {
    expect(open(AWS_SECRETS_CMK_ENCRYPTION, {
      Key: KEY,
      Ref: secret({ ReplicaRegions: [{ Region: 'eu-central-1', KmsKeyId: 'arn:aws:kms:eu-central-1:123456789012:key/x' }] }),
      Arn: secret({ KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }),
      Alias: secret({ KmsKeyId: 'alias/orders' }),
    })).toEqual([]);
  });

  test('non-compliant: no key, the AWS managed alias, a reference to something else, a replica without key', () => {
    expect(open(AWS_SECRETS_CMK_ENCRYPTION, {
      Bucket: { Type: 'AWS::S3::Bucket' },
      NoKey: secret({ KmsKeyId: undefined }),
      Managed: secret({ KmsKeyId: 'alias/aws/secretsmanager' }),
      Wrong: secret({ KmsKeyId: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }),
      Replica: secret({ KmsKeyId: 'alias/orders', ReplicaRegions: [{ Region: 'eu-central-1' }] }),
    })).toEqual([
      'aws-secrets-cmk-encryption[KmsKeyId] NoKey',
      'aws-secrets-cmk-encryption[KmsKeyId] Managed',
      'aws-secrets-cmk-encryption[KmsKeyId] Wrong',
      'aws-secrets-cmk-encryption[replica:eu-central-1] Replica',
    ]);
  });
});

describe('aws-secrets-rotation', () => {
  test('compliant: a schedule with a function, with a hosted rotation', () => {
    expect(open(AWS_SECRETS_ROTATION, {
      A: secret(), ARot: schedule({ Ref: 'A' }),
      B: secret(), BRot: schedule({ Ref: 'B' }, { HostedRotationLambda: { RotationType: 'MySQLSingleUser' } }),
    })).toEqual([]);
  });

  test('non-compliant: no schedule, a schedule of another secret, a schedule without rotation function', () => {
    expect(open(AWS_SECRETS_ROTATION, {
      None: secret(),
      Other: secret(), OtherRot: schedule('arn:aws:secretsmanager:eu-west-1:123456789012:secret:x'),
      Empty: secret(), EmptyRot: schedule({ Ref: 'Empty' }, {}),
    })).toEqual(['aws-secrets-rotation[] None', 'aws-secrets-rotation[] Other', 'aws-secrets-rotation[] Empty']);
  });

  test('SecretRotation.disabled(reason) suppresses the finding with its reason', () => {
    const resources = synthResources((s) => {
      new SecretsStore(s, 'Secret', { rotation: SecretRotation.disabled('Partner-issued token, rotated by the partner') });
    });
    const id = Object.keys(resources).find((k) => resources[k].Type === 'AWS::SecretsManager::Secret')!;
    expect(outcomes(AWS_SECRETS_ROTATION, resources)).toEqual({ [id]: 'suppressed' });
  });
});

describe('aws-secrets-retained', () => {
  test('compliant: Retain; non-compliant: Delete or absent', () => {
    expect(open(AWS_SECRETS_RETAINED, {
      Kept: secret(),
      Deleted: secret({}, { DeletionPolicy: 'Delete' }),
      Absent: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    })).toEqual(['aws-secrets-retained[] Deleted', 'aws-secrets-retained[] Absent']);
  });
});
