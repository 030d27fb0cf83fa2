/**
 * The one test that keeps aws-cdk-lib's built-in CloudFormation validator ON (every other test turns it
 * off in test/setup-env.ts because it costs ~3 s of start-up per process). It proves that the validator
 * runs here and that our compliance plugin coexists with it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('aws-cdk-lib built-in CloudFormation validation (kept on in this test only)', () => {
  test('runs alongside our checks and reports no problem for hardened output', () => {
    delete process.env.CDK_VALIDATION;
    // require after the env change: the flag is read at synth time, but keep the module fresh anyway
    const { App, Stack } = require('aws-cdk-lib');
    const { AwsCompliance, FailOn } = require('../../lib/compliance/aws-checks');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-builtin-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Validated');
      const { aws_sqs: sqs } = require('aws-cdk-lib');
      new sqs.Queue(stack, 'Queue', { enforceSSL: true });
      // A deliberately invalid raw resource: proves the validator really runs in this process.
      const { CfnResource } = require('aws-cdk-lib');
      new CfnResource(stack, 'Invalid', { type: 'AWS::SQS::Queue', properties: { NotAQueueProperty: 1 } });
      AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.ERROR });
      app.synth();
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
      const violations = report.pluginReports.flatMap((r: any) => r.violations.map((v: any) => ({ plugin: r.pluginName, ...v })));
      const paths = violations.flatMap((v: any) => v.violatingConstructs.map((c: any) => `${v.plugin} ${c.constructPath}`));
      // the built-in validator flagged the invalid resource, and nothing else
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.every((p: string) => p.endsWith('Validated/Invalid'))).toBe(true);
      expect(JSON.stringify(violations)).toContain('NotAQueueProperty');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
