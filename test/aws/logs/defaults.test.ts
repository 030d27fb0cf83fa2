import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureLogGroup } from '../../../lib/aws/logs';
import { expectDocumentedDefaults } from '../kms/doc-defaults';

const t = (() => {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new SecureLogGroup(s, 'Logs');
  return Template.fromStack(s);
})();
const [lgId, lg] = Object.entries<any>(t.findResources('AWS::Logs::LogGroup'))[0];
const noOverrides = () => expect(lg.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  logGroupName: () => expect(lg.Properties.LogGroupName).toBeUndefined(),
  encryptionKey: () => {
    t.resourceCountIs('AWS::KMS::Key', 1);
    const [keyId, key] = Object.entries<any>(t.findResources('AWS::KMS::Key'))[0];
    expect(keyId).toMatch(/^LogsKey/);
    expect(lg.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.KeyPolicy.Statement.find((x: any) => x.Principal?.Service === 'logs.eu-west-1.amazonaws.com').Condition.ArnLike)
      .toEqual({ 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:*']] } });
    expect(lgId).toMatch(/^Logs/);
  },
  retention: () => expect(lg.Properties.RetentionInDays).toBe(365),
  retentionReason: noOverrides,
  removalPolicy: () => {
    expect(lg.DeletionPolicy).toBe('Retain');
    expect(lg.UpdateReplacePolicy).toBe('Retain');
  },
  removalPolicyReason: noOverrides,
};

describe('SecureLogGroup documented defaults', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    expectDocumentedDefaults('SecureLogGroup', [['lib/aws/logs/secure-log-group.ts', 'SecureLogGroupProps']], Object.keys(CHECKS));
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
});
