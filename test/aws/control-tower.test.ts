/**
 * Independent check: the AWS Control Tower proactive controls (cdk-validator-cfnguard, bundled cfn-guard, offline)
 * report no violation on the default output of the data-protection constructs. Slow (~7 s a stack): one app, one stack.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations, aws_kms as kms } from 'aws-cdk-lib';
import { LeastPrivilegeRole, RoleTrust } from '../../lib/aws/iam';
import { EncryptionKey } from '../../lib/aws/kms';
import { SecureLogGroup } from '../../lib/aws/logs';
import { SecureBucket } from '../../lib/aws/s3';
import { SecretsStore } from '../../lib/aws/secrets';

describe('AWS Control Tower proactive controls', () => {
  test('report no violation on the default output of EncryptionKey, SecureLogGroup, SecretsStore, LeastPrivilegeRole and SecureBucket', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-ct-data-'));
    try {
      const app = new App({ outdir, context: { '@aws-cdk/core:validationReportJson': true } });
      const stack = new Stack(app, 'DataProtection', { env: { account: '123456789012', region: 'eu-west-1' } });
      new EncryptionKey(stack, 'Key');
      new SecureLogGroup(stack, 'Logs');
      const store = new SecretsStore(stack, 'Secret');
      const role = new LeastPrivilegeRole(stack, 'Role', {
        assumedBy: RoleTrust.service('lambda.amazonaws.com'),
        statements: [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:orders'] }],
      });
      store.grantRead(role);
      const bucket = new SecureBucket(stack, 'Bucket');
      bucket.grantRead(role);
      // control: a raw key without rotation in another stack must be reported (the check is not vacuous)
      const control = new Stack(app, 'Control', { env: { account: '123456789012', region: 'eu-west-1' } });
      new kms.Key(control, 'Unrotated');
      Validations.of(app).addPlugins(new CfnGuardValidator({ controlTowerRulesEnabled: true }));
      // CDK prints the report of the failing control stack; keep the test output readable
      const quiet = [jest.spyOn(console, 'error').mockImplementation(() => undefined), jest.spyOn(console, 'log').mockImplementation(() => undefined)];
      try {
        app.synth();
      } catch {
        // synthesis fails because of the control stack; the report is written anyway
      } finally {
        quiet.forEach((q) => q.mockRestore());
      }
      const reportFile = path.join(outdir, 'validation-report.json');
      expect(fs.existsSync(reportFile)).toBe(true);
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
      const guard = report.pluginReports.find((r: any) => /cfn-?guard/i.test(r.pluginName));
      // the plugin really ran (its report is there) and found nothing
      expect(guard).toBeDefined();
      const violations: string[] = guard.violations.flatMap((v: any) => (v.violatingConstructs ?? v.violatingResources ?? [])
        .map((c: any) => `${v.ruleName} ${c.constructPath ?? c.resourceLogicalId}`));
      expect(violations.filter((x) => x.includes('Control/Unrotated'))).toEqual(expect.arrayContaining([expect.stringMatching(/kms_key_rotation_enabled_check/)]));
      expect(violations.filter((x) => !x.includes('Control/'))).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
