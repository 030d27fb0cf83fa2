import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_ec2 as ec2, aws_kms as kms, aws_s3 as s3, Validations } from 'aws-cdk-lib';
import { AwsCompliance } from '../../lib/compliance/aws-checks';
import { Suppressions } from '../../lib/compliance/suppressions';
import { openFindings, synthAndCheck } from '../util/aws';

describe('AwsCompliance.enable collects cdk-nag results into the one finding model', () => {
  test('an unhardened KMS key and bucket are reported by cdk-nag packs, with controls', () => {
    const report = synthAndCheck((stack) => {
      new kms.Key(stack, 'Key');
      new s3.Bucket(stack, 'Bucket');
    });
    const kms5 = report.findings.find((f) => f.ruleId === 'AwsSolutions-KMS5');
    expect(kms5).toMatchObject({ source: 'cdk-nag:AwsSolutions', status: 'non-compliant', resource: { type: 'AWS::KMS::Key' } });
    const nist = report.findings.find((f) => f.ruleId === 'NIST.800.53.R5-KMSBackingKeyRotationEnabled');
    expect(nist?.controls).toContain('NIST-800-53-R5:SC-12');
    expect(report.findings.some((f) => f.source === 'cdk-nag:HIPAA.Security')).toBe(true);
    expect(report.findings.some((f) => f.source === 'cdk-nag:PCI.DSS.321')).toBe(true);
  });

  test('Suppressions.of(x) and Validations.of(x).acknowledge silence cdk-nag findings on descendants', () => {
    const report = synthAndCheck((stack) => {
      const k = new kms.Key(stack, 'Key');
      Suppressions.of(stack).add({ id: 'AwsSolutions-KMS5', reason: 'rotation is handled by an external process' });
      Validations.of(k).acknowledge({ id: 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', reason: 'rotation handled externally' });
    });
    const open = openFindings(report);
    expect(open.join('\n')).not.toContain('AwsSolutions-KMS5');
    expect(open.join('\n')).not.toContain('NIST.800.53.R5-KMSBackingKeyRotationEnabled');
  });
});

describe('what AwsCompliance.enable hands to CDK\'s report', () => {
  function synthOpenGroups(n: number, props: object): { threw: boolean; report: any } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cap-'));
    try {
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      const s = new Stack(app, 'S');
      for (let i = 0; i < n; i++) new ec2.CfnSecurityGroup(s, `Sg${i}`, { groupDescription: 'x', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' }] });
      AwsCompliance.enable(app, { cdkNagPacks: false, ...props });
      let threw = false;
      try {
        app.synth();
      } catch {
        threw = true;
      }
      return { threw, report: JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) };
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  const sgViolation = (report: any) => report.pluginReports.find((p: any) => p.pluginName === 'secure-constructs').violations.find((v: any) => v.ruleName === 'aws-network-sg-open-ingress');

  test('at most 25 resources per rule are listed, the rest counted, and synth still fails on all of them', () => {
    const { threw, report } = synthOpenGroups(30, {});
    expect(threw).toBe(true);
    const v = sgViolation(report);
    expect(v.violatingConstructs).toHaveLength(25);
    expect(v.description).toContain('25 of 30 resources listed');
  });

  test('maxReportedResourcesPerRule lists more; a bad value is refused with a fix', () => {
    expect(sgViolation(synthOpenGroups(30, { maxReportedResourcesPerRule: 1000 }).report).violatingConstructs).toHaveLength(30);
    expect(() => AwsCompliance.enable(new App(), { maxReportedResourcesPerRule: 0 })).toThrow(/maxReportedResourcesPerRule must be a positive integer.*Fix/);
  });
});
