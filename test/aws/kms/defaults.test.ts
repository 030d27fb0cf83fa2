import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expectDocumentedDefaults } from './doc-defaults';
import { EncryptionKey, KEY_ADMIN_ACTIONS } from '../../../lib/aws/kms';

const t = (() => {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new EncryptionKey(s, 'Key');
  return Template.fromStack(s);
})();
const key = Object.values<any>(t.findResources('AWS::KMS::Key'))[0];
const statements: any[] = key.Properties.KeyPolicy.Statement;
const noOverrides = () => expect(key.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  description: () => expect(key.Properties.Description).toBe('Encryption key S/Key'),
  alias: () => t.resourceCountIs('AWS::KMS::Alias', 0),
  admins: () => {
    const admin = statements.filter((s) => s.Action === KEY_ADMIN_ACTIONS
      || JSON.stringify(s.Action) === JSON.stringify([...KEY_ADMIN_ACTIONS].sort()));
    expect(admin.map((s) => s.Sid)).toEqual(['KeyAdministrationByTheAccount']);
    expect(JSON.stringify(admin[0].Principal)).toContain(':root');
  },
  rotationPeriod: () => expect(key.Properties.RotationPeriodInDays).toBe(365),
  rotationOptOutReason: () => {
    expect(key.Properties.EnableKeyRotation).toBe(true);
    noOverrides();
  },
  pendingWindow: () => expect(key.Properties.PendingWindowInDays).toBe(30),
  pendingWindowReason: noOverrides,
  removalPolicy: () => {
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
  },
  removalPolicyReason: noOverrides,
  serviceUse: () => expect(JSON.stringify(statements)).not.toContain('kms:ViaService'),
  rootFullAccessReason: () => expect(statements.some((s) => s.Action === 'kms:*' || (Array.isArray(s.Action) && s.Action.includes('kms:*')))).toBe(false),
};

describe('EncryptionKey documented defaults', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    expectDocumentedDefaults('EncryptionKey', [['lib/aws/kms/encryption-key.ts', 'EncryptionKeyProps']], Object.keys(CHECKS));
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
});
