/**
 * AWS Control Tower proactive controls (the CloudFormation Guard rules bundled with @cdklabs/cdk-validator-cfnguard)
 * against the default output of every network, edge and audit construct, in one app. Slow: it runs the cfn-guard binary.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations, aws_apigateway as apigw, aws_certificatemanager as acm, aws_s3 as s3 } from 'aws-cdk-lib';
import { AuditBaseline } from '../../lib/aws/audit';
import { MtlsHttpsService, SecureRestApi, SecureWebAcl } from '../../lib/aws/edge';
import { SecureNetworkAcl, SecureSecurityGroup, SecureVpc } from '../../lib/aws/network';

const CERT_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

function synthWithControlTower(build: (stack: Stack) => void): { error?: Error; report: any } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-ct-'));
  try {
    const app = new App({ outdir });
    build(new Stack(app, 'ControlTower', { env: { account: '123456789012', region: 'eu-west-1' } }));
    Validations.of(app).addPlugins(new CfnGuardValidator({ controlTowerRulesEnabled: true }));
    let error: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as Error;
    }
    const file = path.join(outdir, 'validation-report.json');
    return { error, report: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { pluginReports: [] } };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('AWS Control Tower proactive controls', () => {
  test('default output of every network, edge and audit construct: no failure; every accepted control carries a reason', () => {
    const { error, report } = synthWithControlTower((stack) => {
      const network = new SecureVpc(stack, 'Network');
      new SecureSecurityGroup(stack, 'Sg', { vpc: network.vpc });
      new SecureNetworkAcl(stack, 'Acl', { vpc: network.vpc });
      const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
      new MtlsHttpsService(stack, 'Service', { vpc: network.vpc, certificate });
      new MtlsHttpsService(stack, 'MtlsService', {
        vpc: network.vpc, certificate,
        mutualTls: { caCertificatesBucket: s3.Bucket.fromBucketName(stack, 'Ca', 'ca-bundles'), caCertificatesKey: 'ca.pem' },
      });
      new SecureWebAcl(stack, 'WebAcl');
      const api = new SecureRestApi(stack, 'Api', { domain: { domainName: 'api.example.com', certificate } });
      api.restApi.root.addMethod('GET', new apigw.HttpIntegration('https://backend.example.com/'));
      new AuditBaseline(stack, 'Audit');
    });
    const violations = report.pluginReports.flatMap((r: any) => r.violations.map((v: any) => `${v.ruleName}: ${v.violatingConstructs.map((c: any) => c.constructPath).join(', ')}`));
    expect(violations).toEqual([]);
    expect(error).toBeUndefined();
    // what was accepted, and why: exactly the documented Control Tower suppressions
    const accepted = report.pluginReports.flatMap((r: any) => (r.suppressedViolations ?? [])
      .map((v: any) => ({ rule: v.ruleName, reason: v.reason as string })));
    expect([...new Set(accepted.map((a: any) => a.rule))].sort()).toEqual([
      'guardduty_s3_protection_enabled_check', 'lambda_inside_vpc_check', 's3_bucket_default_encryption_kms_check', 's3_bucket_logging_enabled_check',
    ]);
    for (const a of accepted) expect(a.reason.length).toBeGreaterThan(40);
  });

  test('the validator does fail unhardened equivalents (the check above can fail)', () => {
    const { error, report } = synthWithControlTower((stack) => {
      new s3.Bucket(stack, 'PlainBucket');
      new apigw.RestApi(stack, 'PlainApi', { deployOptions: { tracingEnabled: false } }).root.addMethod('GET');
    });
    expect(error).toBeDefined();
    const rules = report.pluginReports.flatMap((r: any) => r.violations.map((v: any) => v.ruleName));
    expect(rules).toEqual(expect.arrayContaining(['s3_bucket_logging_enabled_check', 'api_gw_xray_enabled_check']));
  });
});
