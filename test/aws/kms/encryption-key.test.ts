import { App, Duration, RemovalPolicy, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EncryptionKey, KeyService, KEY_ADMIN_ACTIONS } from '../../../lib/aws/kms';
import { openFindings, synthAndCheck } from '../../util/aws';
import { errorOf } from '../../util/errors';

const ENV = { account: '123456789012', region: 'eu-west-1' };

function stack(): Stack {
  return new Stack(new App(), 'S', { env: ENV });
}

function keyPolicy(t: Template): any {
  const keys = t.findResources('AWS::KMS::Key');
  return Object.values<any>(keys)[0].Properties.KeyPolicy;
}

function statements(t: Template): any[] {
  return keyPolicy(t).Statement;
}

describe('EncryptionKey', () => {
  test('with no options passes our pack and the four cdk-nag packs', () => {
    const report = synthAndCheck((s) => {
      new EncryptionKey(s, 'Key');
    });
    expect(openFindings(report)).toEqual([]);
    expect(report.findings.filter((f) => f.status === 'suppressed')).toEqual([]);
  });

  test('passes with grants, service use, admins and an alias too', () => {
    const report = synthAndCheck((s) => {
      const key = new EncryptionKey(s, 'Key', { alias: 'orders', serviceUse: [KeyService.SECRETS_MANAGER] });
      const role = new iam.Role(s, 'Role', { assumedBy: new iam.AccountPrincipal(ENV.account) });
      key.grantEncryptDecrypt(role);
      key.allowCloudWatchLogs('/app/*');
    }, { env: ENV });
    // the role's own inline DefaultPolicy is the role's business, not the key's
    expect(openFindings(report).filter((f) => !f.includes('/Role'))).toEqual([]);
  });

  test('the account administers the key without kms:* and without use actions', () => {
    const t = Template.fromStack((() => {
      const s = stack();
      new EncryptionKey(s, 'Key');
      return s;
    })());
    const admin = statements(t).find((st) => st.Sid === 'KeyAdministrationByTheAccount');
    expect(admin.Effect).toBe('Allow');
    expect(admin.Principal).toEqual({ AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:root']] } });
    expect(admin.Action).toEqual([...KEY_ADMIN_ACTIONS].sort());
    expect(admin.Action).toContain('kms:PutKeyPolicy');
    for (const a of ['kms:*', 'kms:Decrypt', 'kms:Encrypt', 'kms:CreateGrant', 'kms:GenerateDataKey*']) expect(admin.Action).not.toContain(a);
    expect(JSON.stringify(statements(t))).not.toContain('"kms:*"');
  });

  test('grants are restricted to AWS resources (CT.KMS.PR.3)', () => {
    const s = stack();
    new EncryptionKey(s, 'Key');
    expect(statements(Template.fromStack(s))).toContainEqual({
      Sid: 'DenyGrantsExceptForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  test('grantEncryptDecrypt names the grantee in the key policy, with use actions only', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Key');
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    key.grantEncryptDecrypt(role);
    const t = Template.fromStack(s);
    const st = statements(t).find((x) => JSON.stringify(x.Principal).includes('Role'));
    expect(st.Principal).toEqual({ AWS: { 'Fn::GetAtt': [expect.stringMatching(/^Role/), 'Arn'] } });
    expect(st.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']));
    expect(st.Action.some((a: string) => a.includes('*'))).toBe(false);
    expect(st.Action).not.toContain('kms:PutKeyPolicy');
  });

  test('grants through aws-cdk-lib L2s (key.key) also go into the key policy', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Key');
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    key.key.grantDecrypt(role);
    expect(statements(Template.fromStack(s)).some((x) => JSON.stringify(x.Principal).includes('Role') && JSON.stringify(x.Action).includes('kms:Decrypt'))).toBe(true);
  });

  test('grantDecryptViaService scopes use with kms:ViaService and kms:CallerAccount', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Key');
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    key.grantDecryptViaService(role, KeyService.SECRETS_MANAGER);
    const st = statements(Template.fromStack(s)).find((x) => JSON.stringify(x.Principal).includes('Role'));
    expect(st.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } });
    expect(st.Action).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });

  test('serviceUse lets account principals use the key through that service only', () => {
    const s = stack();
    new EncryptionKey(s, 'Key', { serviceUse: [KeyService.S3, KeyService.of('elasticfilesystem')] });
    const sts = statements(Template.fromStack(s));
    const s3 = sts.find((x) => x.Sid === 'AllowAccountUseVias3');
    expect(s3.Condition.StringEquals['kms:ViaService']).toBe('s3.eu-west-1.amazonaws.com');
    expect(s3.Condition.StringEquals['kms:CallerAccount']).toBe('123456789012');
    expect(sts.find((x) => x.Sid === 'AllowAccountUseViaelasticfilesystem')).toBeDefined();
  });

  test('allowCloudWatchLogs adds one scoped statement per pattern', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Key');
    key.allowCloudWatchLogs('/app/*');
    key.allowCloudWatchLogs('/app/*');
    const sts = statements(Template.fromStack(s)).filter((x) => x.Principal?.Service === 'logs.eu-west-1.amazonaws.com');
    expect(sts).toHaveLength(1);
    expect(sts[0].Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:/app/*']],
    });
  });

  test('admins are added as administrators, the account stays one', () => {
    const s = stack();
    const admin = new iam.Role(s, 'Admin', { assumedBy: new iam.AccountPrincipal(ENV.account) });
    new EncryptionKey(s, 'Key', { admins: [admin] });
    const sts = statements(Template.fromStack(s));
    expect(sts.find((x) => x.Sid === 'KeyAdministrators').Principal).toEqual({ AWS: { 'Fn::GetAtt': [expect.stringMatching(/^Admin/), 'Arn'] } });
    expect(sts.find((x) => x.Sid === 'KeyAdministrationByTheAccount')).toBeDefined();
  });

  test('alias with or without prefix', () => {
    const s = stack();
    new EncryptionKey(s, 'A', { alias: 'orders' });
    new EncryptionKey(s, 'B', { alias: 'alias/team/billing' });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/orders' });
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/team/billing' });
  });

  test('node.defaultChild is the wrapped kms.Key (id Resource), whose defaultChild is the CfnKey', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Key');
    expect(key.node.defaultChild).toBe(key.key);
    expect((key.key.node.defaultChild as any).cfnResourceType).toBe('AWS::KMS::Key');
  });

  test('weakening with reasons is recorded and accepted by every pack', () => {
    const report = synthAndCheck((s) => {
      new EncryptionKey(s, 'Key', {
        rotationOptOutReason: 'Key material is imported and rotated by the HSM team',
        pendingWindow: Duration.days(7),
        pendingWindowReason: 'Ephemeral test environment key, recreated daily',
        removalPolicy: RemovalPolicy.DESTROY,
        removalPolicyReason: 'Ephemeral test environment key, recreated daily',
        rootFullAccessReason: 'Legacy IAM-only access model during the migration',
      });
    });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['pendingWindow', 'removalPolicy', 'rootFullAccessReason', 'rotationOptOutReason']);
  });

  test('rotation off with a reason turns rotation off; root full access adds kms:*', () => {
    const s = stack();
    new EncryptionKey(s, 'Key', { rotationOptOutReason: 'Key material is imported and rotated by the HSM team', rootFullAccessReason: 'Legacy IAM-only access model during migration' });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: false, RotationPeriodInDays: Match.absent() });
    expect(statements(t).find((x) => x.Sid === 'RootFullAccess').Action).toBe('kms:*');
  });

  describe('bad input fails at construction, naming the path and every property', () => {
    test('out-of-range windows and periods, short reasons, reserved alias: all reported at once', () => {
      const s = stack();
      const e = errorOf(() => new EncryptionKey(s, 'Key', {
        pendingWindow: Duration.days(3),
        rotationPeriod: Duration.days(30),
        alias: 'alias/aws/mine',
        rootFullAccessReason: 'because',
      }));
      expect(e.message).toContain('S/Key');
      expect(e.problems.map((p) => p.property)).toEqual(['rotationPeriod', 'pendingWindow', 'rootFullAccessReason', 'alias']);
      expect(e.message).toContain('pendingWindow: must be a whole number of days between 7 and 30 (got 3 days)');
    });

    test('pending window above 30 days', () => {
      expect(errorOf(() => new EncryptionKey(stack(), 'Key', { pendingWindow: Duration.days(31) })).message).toMatch(/S\/Key[\s\S]*pendingWindow/);
    });

    test('a shorter pending window without a reason', () => {
      expect(errorOf(() => new EncryptionKey(stack(), 'Key', { pendingWindow: Duration.days(10) })).problems.map((p) => p.property)).toEqual(['pendingWindowReason']);
    });

    test('rotation off without a real reason, or with a rotation period', () => {
      const e = errorOf(() => new EncryptionKey(stack(), 'Key', { rotationOptOutReason: 'no', rotationPeriod: Duration.days(90) }));
      expect(e.problems.map((p) => p.property)).toEqual(['rotationOptOutReason', 'rotationPeriod']);
    });

    test('DESTROY without a reason; SNAPSHOT; a reason without the weakening', () => {
      expect(errorOf(() => new EncryptionKey(stack(), 'Key', { removalPolicy: RemovalPolicy.DESTROY })).problems[0].property).toBe('removalPolicyReason');
      expect(errorOf(() => new EncryptionKey(stack(), 'Key', { removalPolicy: RemovalPolicy.SNAPSHOT })).problems[0].property).toBe('removalPolicy');
      expect(errorOf(() => new EncryptionKey(stack(), 'Key', { removalPolicyReason: 'Nothing to explain here really' })).problems[0].property).toBe('removalPolicyReason');
    });

    test('invalid service prefix', () => {
      const e = errorOf(() => new EncryptionKey(stack(), 'Key', { serviceUse: [KeyService.of('Not A Service')] }));
      expect(e.message).toContain('serviceUse[0]');
    });

    test('fromKeyArn refuses alias ARNs and garbage', () => {
      expect(errorOf(() => EncryptionKey.fromKeyArn(stack(), 'K', 'arn:aws:kms:eu-west-1:123456789012:alias/x')).message).toContain('keyArn');
      expect(errorOf(() => EncryptionKey.fromKeyArn(stack(), 'K', 'not-an-arn')).message).toContain('S/K');
    });
  });

  describe('imported keys', () => {
    test('fromKeyArn grants through the principal policy, scoped via the service', () => {
      const s = stack();
      const key = EncryptionKey.fromKeyArn(s, 'K', 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555');
      const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      key.grantDecryptViaService(role, KeyService.SECRETS_MANAGER);
      expect(key.policyManaged).toBe(false);
      Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Action: ['kms:Decrypt', 'kms:DescribeKey'],
            Resource: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
            Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } },
          }],
        },
      });
    });

    test('fromKey of a kms.Key of this app adds service statements to its policy', () => {
      const s = stack();
      const { aws_kms: kms } = require('aws-cdk-lib');
      const raw = new kms.Key(s, 'Raw', { enableKeyRotation: true });
      const key = EncryptionKey.fromKey(s, 'Wrapped', raw);
      key.allowCloudWatchLogs('/x');
      expect(key.policyManaged).toBe(true);
      expect(JSON.stringify(keyPolicy(Template.fromStack(s)))).toContain('logs.eu-west-1.amazonaws.com');
    });
  });
});
