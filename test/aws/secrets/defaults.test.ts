import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecretsStore } from '../../../lib/aws/secrets';
import { expectDocumentedDefaults } from '../kms/doc-defaults';

const t = (() => {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new SecretsStore(s, 'Secret');
  return Template.fromStack(s);
})();
const [secretId, secret] = Object.entries<any>(t.findResources('AWS::SecretsManager::Secret'))[0];
const policy = Object.values<any>(t.findResources('AWS::SecretsManager::ResourcePolicy'))[0];
const schedule = Object.values<any>(t.findResources('AWS::SecretsManager::RotationSchedule'))[0];
const fn = Object.values<any>(t.findResources('AWS::Lambda::Function'))[0];
const noOverrides = () => expect(secret.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  'secretName': () => expect(secret.Properties.Name).toBeUndefined(),
  'description': () => expect(secret.Properties.Description).toBe('Secret S/Secret'),
  'encryptionKey': () => {
    const [keyId, key] = Object.entries<any>(t.findResources('AWS::KMS::Key'))[0];
    expect(keyId).toMatch(/^SecretKey/);
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.KeyPolicy.Statement.find((x: any) => x.Sid === 'AllowAccountUseViasecretsmanager').Condition.StringEquals['kms:ViaService'])
      .toBe('secretsmanager.eu-west-1.amazonaws.com');
  },
  'generateSecretString': () => expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 32 }),
  'initialValue': () => expect(secret.Properties.SecretString).toBeUndefined(),
  'rotation': () => {
    expect(schedule.Properties.SecretId).toEqual({ Ref: secretId });
    expect(schedule.Properties.RotationLambdaARN).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SecretRotationFunction/), 'Arn'] });
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.Code.ZipFile).toContain('get_random_password');
  },
  'rotation.schedule': () => expect(schedule.Properties.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)' }),
  'rotation.vpc': () => expect(fn.Properties.VpcConfig).toBeUndefined(),
  'rotation.vpcSubnets': () => expect(fn.Properties.VpcConfig).toBeUndefined(),
  'rotation.securityGroups': () => t.resourceCountIs('AWS::EC2::SecurityGroup', 0),
  'allowedAccounts': () => expect(policy.Properties.ResourcePolicy.Statement[1].Condition.StringNotEquals).toEqual({ 'aws:PrincipalAccount': ['123456789012'] }),
  'principalOrgId': () => expect(JSON.stringify(policy)).not.toContain('aws:PrincipalOrgID'),
  'replicaRegions': () => expect(secret.Properties.ReplicaRegions).toBeUndefined(),
  'removalPolicy': () => {
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.UpdateReplacePolicy).toBe('Retain');
  },
  'removalPolicyReason': noOverrides,
};

describe('SecretsStore documented defaults', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    expectDocumentedDefaults('SecretsStore', [
      ['lib/aws/secrets/secrets-store.ts', 'SecretsStoreProps'],
      ['lib/aws/secrets/secret-rotation.ts', 'RotationScheduleOptions', 'rotation.'],
      ['lib/aws/secrets/secret-rotation.ts', 'GeneratedValueRotationOptions', 'rotation.'],
    ], Object.keys(CHECKS));
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
});
