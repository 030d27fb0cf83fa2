import { App, CfnParameter, Duration, RemovalPolicy, SecretValue, Stack, aws_ec2 as ec2, aws_iam as iam, aws_lambda as lambda, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LeastPrivilegeRole, RoleTrust } from '../../../lib/aws/iam';
import { EncryptionKey } from '../../../lib/aws/kms';
import { SecretRotation, SecretsStore } from '../../../lib/aws/secrets';
import { openFindings, synthAndCheck } from '../../util/aws';
import { errorOf } from '../../util/errors';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const stack = (): Stack => new Stack(new App(), 'S', { env: ENV });

const one = (t: Template, type: string): [string, any] => {
  const all = Object.entries<any>(t.findResources(type));
  expect(all).toHaveLength(1);
  return all[0];
};

describe('SecretsStore', () => {
  test('with no options passes our pack and the four cdk-nag packs', () => {
    const report = synthAndCheck((s) => {
      new SecretsStore(s, 'Secret');
    });
    expect(openFindings(report)).toEqual([]);
  });

  test('with an account allow-list, a reader and a replica it still passes everything', () => {
    const report = synthAndCheck((s) => {
      const store = new SecretsStore(s, 'Secret', {
        allowedAccounts: ['210987654321'],
        replicaRegions: [{ region: 'eu-central-1', encryptionKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555' }],
      });
      store.grantRead(new LeastPrivilegeRole(s, 'App', { assumedBy: RoleTrust.service('lambda.amazonaws.com') }));
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
  });

  test('defaults: generated value, CMK, retained, 30-day rotation by the generated-value function', () => {
    const s = stack();
    const store = new SecretsStore(s, 'Secret');
    const t = Template.fromStack(s);
    const [secretId, secret] = one(t, 'AWS::SecretsManager::Secret');
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 32 });
    expect(secret.Properties.GenerateSecretString.PasswordLength).toBe(32);
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SecretKey/), 'Arn'] });
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.UpdateReplacePolicy).toBe('Retain');
    const [, schedule] = one(t, 'AWS::SecretsManager::RotationSchedule');
    expect(schedule.Properties.SecretId).toEqual({ Ref: secretId });
    expect(schedule.Properties.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)' });
    expect(schedule.Properties.RotationLambdaARN).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SecretRotationFunction/), 'Arn'] });
    const [, fn] = one(t, 'AWS::Lambda::Function');
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn.Properties.Timeout).toBe(60);
    expect(fn.Properties.Environment.Variables.SECRET_ARN).toEqual({ Ref: secretId });
    expect(JSON.parse(fn.Properties.Environment.Variables.GENERATE)).toEqual({ password: { PasswordLength: 32 } });
    expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^SecretRotationLogs/) });
    const [, permission] = one(t, 'AWS::Lambda::Permission');
    expect(permission.Properties).toMatchObject({ Principal: 'secretsmanager.amazonaws.com', SourceAccount: '123456789012' });
    expect(store.rotationFunction).toBeDefined();
    // one key for the secret and the rotation logs
    t.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('the resource policy denies requests without TLS and principals of other accounts, and blocks public policies', () => {
    const s = stack();
    new SecretsStore(s, 'Secret', { allowedAccounts: ['210987654321'] });
    const [, policy] = one(Template.fromStack(s), 'AWS::SecretsManager::ResourcePolicy');
    expect(policy.Properties.BlockPublicPolicy).toBe(true);
    expect(policy.Properties.ResourcePolicy.Statement).toEqual([
      { Sid: 'DenyRequestsWithoutTls', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      {
        Sid: 'DenyPrincipalsOutsideTrustedAccounts', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:*', Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['123456789012', '210987654321'] }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      },
    ]);
  });

  test('principalOrgId limits access to an organization instead', () => {
    const s = stack();
    new SecretsStore(s, 'Secret', { principalOrgId: 'o-a1b2c3d4e5' });
    const [, policy] = one(Template.fromStack(s), 'AWS::SecretsManager::ResourcePolicy');
    expect(policy.Properties.ResourcePolicy.Statement[1].Condition.StringNotEquals).toEqual({ 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' });
  });

  test('the key lets account principals use it through Secrets Manager only', () => {
    const s = stack();
    new SecretsStore(s, 'Secret');
    const [, key] = one(Template.fromStack(s), 'AWS::KMS::Key');
    const st = key.Properties.KeyPolicy.Statement.find((x: any) => x.Sid === 'AllowAccountUseViasecretsmanager');
    expect(st.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } });
  });

  test('grantRead grants this secret only, and kms:Decrypt through Secrets Manager only', () => {
    const s = stack();
    const store = new SecretsStore(s, 'Secret', { rotation: SecretRotation.disabled('Static test fixture that is never used in production') });
    const role = new iam.Role(s, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    store.grantRead(role);
    const t = Template.fromStack(s);
    const [secretId] = one(t, 'AWS::SecretsManager::Secret');
    const [, policy] = one(t, 'AWS::IAM::Policy');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: secretId } },
      {
        Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SecretKey/), 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } },
      },
    ]);
    const [, key] = one(t, 'AWS::KMS::Key');
    const keySt = key.Properties.KeyPolicy.Statement.find((x: any) => JSON.stringify(x.Principal).includes('Reader'));
    expect(keySt.Condition.StringEquals['kms:ViaService']).toBe('secretsmanager.eu-west-1.amazonaws.com');
  });

  test('the rotation role is least-privilege: exact secret actions, justified GetRandomPassword, key via Secrets Manager', () => {
    const s = stack();
    new SecretsStore(s, 'Secret');
    const t = Template.fromStack(s);
    const policy = Object.entries<any>(t.findResources('AWS::IAM::ManagedPolicy')).find(([id]) => id.startsWith('SecretRotationRolePolicy'))![1];
    const sts = policy.Properties.PolicyDocument.Statement;
    expect(sts[0]).toEqual({ Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'], Resource: { Ref: expect.stringMatching(/^Secret/) } });
    expect(sts[1]).toEqual({ Effect: 'Allow', Action: 'secretsmanager:GetRandomPassword', Resource: '*' });
    expect(JSON.stringify(policy.Metadata)).toContain('secretsmanager:GetRandomPassword acts on no resource');
    const role = one(t, 'AWS::IAM::Role')[1];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' } });
  });

  test('a JSON secret rotates one key, keeping the template', () => {
    const s = stack();
    new SecretsStore(s, 'Secret', { generateSecretString: { secretStringTemplate: '{"username":"app"}', generateStringKey: 'password', excludePunctuation: true } });
    const [, fn] = one(Template.fromStack(s), 'AWS::Lambda::Function');
    expect(JSON.parse(fn.Properties.Environment.Variables.GENERATE)).toEqual({
      password: { PasswordLength: 32, ExcludePunctuation: true }, key: 'password', template: '{"username":"app"}',
    });
  });

  test('hosted rotation for a database engine uses the Secrets Manager transform, and passes everything', () => {
    const s = stack();
    new SecretsStore(s, 'Db', { rotation: SecretRotation.hosted(secretsmanager.HostedRotation.postgreSqlSingleUser(), { schedule: Duration.days(7) }) });
    const t = Template.fromStack(s);
    expect(t.toJSON().Transform).toMatch(/^AWS::SecretsManager-\d{4}-\d{2}-\d{2}$/);
    const [, schedule] = one(t, 'AWS::SecretsManager::RotationSchedule');
    expect(schedule.Properties.HostedRotationLambda.RotationType).toBe('PostgreSQLSingleUser');
    expect(schedule.Properties.RotationRules.ScheduleExpression).toBe('rate(7 days)');
    t.resourceCountIs('AWS::Lambda::Function', 0);
    const report = synthAndCheck((st) => {
      new SecretsStore(st, 'Db', { rotation: SecretRotation.hosted(secretsmanager.HostedRotation.mysqlSingleUser()) });
    });
    expect(openFindings(report)).toEqual([]);
  });

  test('a given rotation function is scheduled', () => {
    const s = stack();
    const fn = lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:rotate');
    new SecretsStore(s, 'Secret', { rotation: SecretRotation.lambdaFunction(fn) });
    const [, schedule] = one(Template.fromStack(s), 'AWS::SecretsManager::RotationSchedule');
    expect(schedule.Properties.RotationLambdaARN).toBe('arn:aws:lambda:eu-west-1:123456789012:function:rotate');
  });

  test('the generated-value rotation can run in a VPC', () => {
    const report = synthAndCheck((s) => {
      const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new SecretsStore(s, 'Secret', { rotation: SecretRotation.generatedValue({ vpc }) });
    }, { env: ENV });
    const open = openFindings(report).filter((f) => f.includes('TestStack/Secret'));
    expect(open).toEqual([]);
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new SecretsStore(s, 'Secret', { rotation: SecretRotation.generatedValue({ vpc }) });
    const [, sg] = one(Template.fromStack(s), 'AWS::EC2::SecurityGroup');
    // the rotation function's own group: HTTPS out only (no all-traffic egress to the internet)
    expect(sg.Properties.SecurityGroupEgress).toEqual([{ CidrIp: '0.0.0.0/0', Description: expect.any(String), FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
  });

  test('a given key is used, with the Secrets Manager statement added', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Shared');
    const store = new SecretsStore(s, 'Secret', { encryptionKey: key });
    expect(store.encryptionKey).toBe(key);
    Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('an initial value from a reference is accepted with an explicit rotation', () => {
    const s = stack();
    const p = new CfnParameter(s, 'ApiToken', { noEcho: true });
    new SecretsStore(s, 'Secret', { initialValue: SecretValue.cfnParameter(p), rotation: SecretRotation.disabled('Token is issued by a partner and rotated on their side') });
    const [, secret] = one(Template.fromStack(s), 'AWS::SecretsManager::Secret');
    expect(secret.Properties.SecretString).toEqual({ Ref: 'ApiToken' });
    expect(secret.Properties.GenerateSecretString).toBeUndefined();
  });

  test('weakenings with reasons are recorded and accepted', () => {
    const report = synthAndCheck((s) => {
      new SecretsStore(s, 'Secret', {
        rotation: SecretRotation.disabled('Token is issued by a partner and rotated on their side'),
        removalPolicy: RemovalPolicy.DESTROY,
        removalPolicyReason: 'Sandbox stack torn down daily, secret has no value after',
      });
    });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['removalPolicy', 'rotation']);
  });

  test('node.defaultChild is the Secret', () => {
    const store = new SecretsStore(stack(), 'Secret');
    expect(store.node.defaultChild).toBe(store.secret);
  });

  describe('bad input', () => {
    test('a plain-text initial value is refused, and so is the default rotation with it', () => {
      const e = errorOf(() => new SecretsStore(stack(), 'Secret', { initialValue: SecretValue.unsafePlainText('hunter2') }));
      expect(e.message).toContain('S/Secret');
      expect(e.problems.map((p) => p.property)).toEqual(['initialValue', 'rotation']);
      expect(e.message).not.toContain('hunter2');
    });

    test('rotation disabled without a reason; schedule out of range', () => {
      expect(errorOf(() => new SecretsStore(stack(), 'Secret', { rotation: SecretRotation.disabled('no') })).problems[0].property).toBe('rotation');
      expect(errorOf(() => new SecretsStore(stack(), 'Secret', { rotation: SecretRotation.generatedValue({ schedule: Duration.days(120) }) })).problems[0].property).toBe('rotation.schedule');
      expect(errorOf(() => new SecretsStore(stack(), 'Secret', { rotation: SecretRotation.generatedValue({ schedule: Duration.hours(36) }) })).problems[0].property).toBe('rotation.schedule');
    });

    test('replicas need a key ARN in their region; conflicting access options; bad accounts; short passwords: all at once', () => {
      const e = errorOf(() => new SecretsStore(stack(), 'Secret', {
        replicaRegions: [
          { region: 'eu-central-1', encryptionKeyArn: '' },
          { region: 'eu-central-1', encryptionKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
        ],
        principalOrgId: 'o-a1b2c3d4e5',
        allowedAccounts: ['12345'],
        generateSecretString: { passwordLength: 8 },
      }));
      expect(e.problems.map((p) => p.property)).toEqual([
        'generateSecretString.passwordLength', 'principalOrgId', 'allowedAccounts[0]', 'replicaRegions[0].encryptionKeyArn', 'replicaRegions[1].encryptionKeyArn',
      ]);
    });

    test('DESTROY without a reason', () => {
      expect(errorOf(() => new SecretsStore(stack(), 'Secret', { removalPolicy: RemovalPolicy.DESTROY })).problems[0].property).toBe('removalPolicyReason');
    });
  });
});
