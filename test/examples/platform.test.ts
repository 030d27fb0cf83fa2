import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthPlatform } from '../../examples/platform/synth';
import { run } from '../../lib/cli/main';
import { checkPaths } from '../../lib/compliance/check';

/**
 * The example platform is what the README's first command runs: it must synthesize and pass every pack
 * on both planes (ours, cdk-nag's four, the cross-plane rules) with zero unsuppressed findings.
 */
describe('examples/platform', () => {
  let out: string;
  let report: any;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-example-'));
    const { cdkOut, dist } = synthPlatform(out);
    const r = run(['check', cdkOut, dist, '--format', 'json', '--fail-on', 'info']);
    report = { ...JSON.parse(r.stdout), exitCode: r.exitCode };
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('synthesizes both planes', () => {
    expect(fs.readdirSync(path.join(out, 'cdk.out')).some((f) => f.endsWith('.template.json'))).toBe(true);
    expect(fs.readdirSync(path.join(out, 'dist')).some((f) => f.endsWith('.k8s.yaml'))).toBe(true);
    expect(report.summary.resources).toBeGreaterThan(10);
    const platforms = new Set(report.rules.map((r: any) => r.platform));
    expect(platforms).toEqual(new Set(['aws', 'k8s']));
  });

  test('has no unsuppressed finding of any severity on either plane, and no unused suppression', () => {
    const open = report.findings.filter((f: any) => f.status !== 'suppressed').map((f: any) => `${f.source} ${f.ruleId}[${f.findingId ?? ''}] ${f.resource.key}: ${f.message}`);
    expect(open).toEqual([]);
    expect(report.unusedSuppressions).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  test('uses the supply-chain building blocks, and the Kubernetes plane CloudFormation deploys is the one that was checked', () => {
    const { report: r } = checkPaths([path.join(out, 'cdk.out'), path.join(out, 'dist')]);
    const compliant = (ruleId: string) => r.evaluations.filter((e) => e.ruleId === ruleId && e.outcome === 'compliant').length;
    expect(compliant('aws-ecr-tag-immutability')).toBe(3);
    expect(compliant('aws-eks-secrets-encryption')).toBe(1);
    expect(compliant('aws-cross-eks-manifest-checked')).toBe(1);
    expect(compliant('aws-cross-repository-image-policy')).toBe(3);
    expect(compliant('k8s-supply-chain-signed-images')).toBeGreaterThanOrEqual(5);
    expect(r.findings.filter((f) => f.ruleId === 'k8s-supply-chain-signed-images' || f.ruleId === 'aws-cross-eks-manifest-checked')).toEqual([]);
  });

  test('carries no Secret with literal data: settings are ConfigMaps, secrets are sealed or external', () => {
    const yaml = require('yaml');
    const objects = fs.readdirSync(path.join(out, 'dist')).filter((f) => f.endsWith('.k8s.yaml'))
      .flatMap((f) => yaml.parseAllDocuments(fs.readFileSync(path.join(out, 'dist', f), 'utf8')).map((d: any) => d.toJSON()));
    const literal = objects.filter((o: any) => o?.kind === 'Secret' && (o.data || o.stringData)).map((o: any) => o.metadata.name);
    expect(literal).toEqual([]);
    expect(objects.filter((o: any) => o?.kind === 'ConfigMap').map((o: any) => o.metadata.name)).toContain('report-settings');
  });

  test('every suppressed finding carries a written reason', () => {
    for (const f of report.findings.filter((x: any) => x.status === 'suppressed')) expect(f.suppression.reason.length).toBeGreaterThanOrEqual(10);
  });
});

describe('examples/platform pipeline catches regressions on both planes', () => {
  test('an unhardened bucket and a privileged pod added to the example are reported by cdk-nag, our packs and exit 1', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-example-bad-'));
    try {
      const { cdkOut, dist } = synthPlatform(out, {
        aws: (app) => {
          const { Stack, aws_s3: s3, aws_ec2: ec2 } = require('aws-cdk-lib');
          const stack = new Stack(app, 'Regression');
          new s3.Bucket(stack, 'Plain');
          new ec2.CfnSecurityGroup(stack, 'OpenSsh', {
            groupDescription: 'ssh from anywhere', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' }],
          });
        },
        k8s: (app) => {
          const { Chart, ApiObject } = require('cdk8s');
          new ApiObject(new Chart(app, 'regression'), 'pod', {
            apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad', namespace: 'shop' },
            spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] },
          });
        },
      });
      const r = run(['check', cdkOut, dist, '--format', 'json']);
      expect(r.exitCode).toBe(1);
      const open = JSON.parse(r.stdout).findings.filter((f: any) => f.status !== 'suppressed');
      const sources = new Set(open.map((f: any) => f.source));
      for (const s of ['cdk-nag:AwsSolutions', 'cdk-nag:NIST.800.53.R5', 'cdk-nag:HIPAA.Security', 'cdk-nag:PCI.DSS.321', 'secure-constructs']) expect(sources).toContain(s);
      expect(open.some((f: any) => f.ruleId === 'k8s-pss-privileged' && f.resource.objectName === 'bad')).toBe(true);
      expect(open.some((f: any) => f.ruleId === 'aws-network-sg-open-ingress' && f.resource.stack === 'Regression')).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
