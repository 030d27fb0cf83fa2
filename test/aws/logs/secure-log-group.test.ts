import { App, RemovalPolicy, Stack, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EncryptionKey } from '../../../lib/aws/kms';
import { SecureLogGroup } from '../../../lib/aws/logs';
import { openFindings, synthAndCheck } from '../../util/aws';
import { errorOf } from '../../util/errors';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const stack = (): Stack => new Stack(new App(), 'S', { env: ENV });

describe('SecureLogGroup', () => {
  test('with no options passes our pack and the four cdk-nag packs', () => {
    const report = synthAndCheck((s) => {
      new SecureLogGroup(s, 'Logs');
    });
    expect(openFindings(report)).toEqual([]);
  });

  test('defaults: KMS-encrypted with its own key, one year, retained', () => {
    const s = stack();
    new SecureLogGroup(s, 'Logs');
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::KMS::Key', 1);
    const [id, lg] = Object.entries<any>(t.findResources('AWS::Logs::LogGroup'))[0];
    expect(id).toMatch(/^Logs/);
    expect(lg.Properties.RetentionInDays).toBe(365);
    expect(lg.Properties.RetentionInDays).toBe(365);
    expect(lg.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] });
    expect(lg.DeletionPolicy).toBe('Retain');
    expect(lg.UpdateReplacePolicy).toBe('Retain');
    expect(lg.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^LogsKey/)]));
  });

  test('the key policy lets CloudWatch Logs of this account and region use the key, scoped by encryption context', () => {
    const s = stack();
    new SecureLogGroup(s, 'Logs', { logGroupName: '/app/orders' });
    const key = Object.values<any>(Template.fromStack(s).findResources('AWS::KMS::Key'))[0];
    const st = key.Properties.KeyPolicy.Statement.find((x: any) => x.Principal?.Service === 'logs.eu-west-1.amazonaws.com');
    expect(st.Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:/app/orders']],
        },
      },
    });
    expect(st.Action).not.toContain('kms:*');
  });

  test('a given key is used and gets the logs statement', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Shared');
    const lg = new SecureLogGroup(s, 'Logs', { encryptionKey: key });
    expect(lg.encryptionKey).toBe(key);
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::KMS::Key', 1);
    expect(JSON.stringify(t.toJSON())).toContain('logs.eu-west-1.amazonaws.com');
  });

  test('node.defaultChild is the LogGroup', () => {
    const lg = new SecureLogGroup(stack(), 'Logs');
    expect(lg.node.defaultChild).toBe(lg.logGroup);
  });

  test('longer retention needs no reason; shorter retention and DESTROY with reasons are recorded and accepted', () => {
    const s = stack();
    new SecureLogGroup(s, 'Long', { retention: logs.RetentionDays.TEN_YEARS });
    Template.fromStack(s).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
    const report = synthAndCheck((st) => {
      new SecureLogGroup(st, 'Short', {
        retention: logs.RetentionDays.ONE_MONTH,
        retentionReason: 'Debug logs of a sandbox, no personal data, cost bound',
        removalPolicy: RemovalPolicy.DESTROY,
        removalPolicyReason: 'Sandbox stack, logs have no value after teardown',
      });
    });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['removalPolicy', 'retention']);
  });

  test('grantWrite grants log writes', () => {
    const s = stack();
    const lg = new SecureLogGroup(s, 'Logs');
    lg.grantWrite(new iam.Role(s, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    expect(JSON.stringify(Template.fromStack(s).toJSON())).toContain('logs:PutLogEvents');
  });

  describe('bad input', () => {
    test('INFINITE retention is refused', () => {
      const e = errorOf(() => new SecureLogGroup(stack(), 'Logs', { retention: logs.RetentionDays.INFINITE }));
      expect(e.message).toContain('S/Logs');
      expect(e.problems.map((p) => p.property)).toEqual(['retention']);
    });

    test('short retention without reason, DESTROY without reason, bad name: all at once', () => {
      const e = errorOf(() => new SecureLogGroup(stack(), 'Logs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY, logGroupName: 'bad name!' }));
      expect(e.problems.map((p) => p.property)).toEqual(['retentionReason', 'removalPolicyReason', 'logGroupName']);
      expect(e.message).toContain('S/Logs');
    });

    test('a reason without the weakening is refused', () => {
      expect(errorOf(() => new SecureLogGroup(stack(), 'Logs', { retentionReason: 'no idea why this is here' })).problems[0].property).toBe('retentionReason');
    });
  });
});
