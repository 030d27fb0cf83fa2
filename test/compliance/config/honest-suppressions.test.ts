/**
 * Suppressions mean exactly what they say: cdk-nag's granular form suppresses only the named findings, one reason
 * rule on every channel, Suppressions.of(app) works, a declaration is reported once, and a run of one pack does not
 * judge the others' suppressions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Stage, Validations, aws_ec2 as ec2, aws_sns as sns } from 'aws-cdk-lib';
import { App as K8sApp, ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { run } from '../../../lib/cli/main';
import { AwsCompliance, FailOn } from '../../../lib/compliance/aws-checks';
import { Suppressions } from '../../../lib/compliance/suppressions';
import { isValidReason } from '../../../lib/core/errors';
import { tempFolder } from '../../util/doc-files';

const tmp = tempFolder('sc-honest-');
afterAll(() => tmp.cleanup());

const REASON = 'Public HTTPS entry point behind the WAF.';

function sgTemplate(metadata: object): string {
  return JSON.stringify({
    Resources: {
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Metadata: metadata,
        Properties: {
          GroupDescription: 'web',
          SecurityGroupIngress: [
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
          ],
        },
      },
    },
  });
}

function check(args: string[]): any {
  const r = run([...args, '--format', 'json']);
  expect(r.stdout).not.toBe('');
  return { ...JSON.parse(r.stdout), stderr: r.stderr, exitCode: r.exitCode };
}

const statusOf = (json: any, ruleId: string) => json.findings.filter((f: any) => f.ruleId === ruleId).map((f: any) => `${f.findingId} ${f.status}`).sort();

describe('cdk-nag granular suppressions suppress only the named findings', () => {
  test('applies_to on one of our rules: the 443 finding is suppressed, the port-22 finding stays open', () => {
    const f = tmp.write('sg.template.json', sgTemplate({ cdk_nag: { rules_to_suppress: [{ id: 'aws-network-sg-open-ingress', reason: REASON, applies_to: ['tcp:443-443:0.0.0.0/0'] }] } }));
    const json = check(['check', f, '--pack', 'aws']);
    expect(statusOf(json, 'aws-network-sg-open-ingress')).toEqual(['tcp:22-22:0.0.0.0/0 non-compliant', 'tcp:443-443:0.0.0.0/0 suppressed']);
    expect(json.suppressions).toEqual([expect.objectContaining({ id: 'aws-network-sg-open-ingress[tcp:443-443:0.0.0.0/0]', reason: REASON, source: 'metadata', state: 'used', suppressed: 1 })]);
  });

  test('applies_to with {regex}, and entries that are not finding ids suppress nothing', () => {
    const f = tmp.write('sg-regex.template.json', sgTemplate({ cdk_nag: { rules_to_suppress: [{ id: 'aws-network-sg-open-ingress', reason: REASON, applies_to: [{ regex: '/^tcp:443-/' }] }] } }));
    expect(statusOf(check(['check', f, '--pack', 'aws']), 'aws-network-sg-open-ingress')).toEqual(['tcp:22-22:0.0.0.0/0 non-compliant', 'tcp:443-443:0.0.0.0/0 suppressed']);
    const bad = tmp.write('sg-bad.template.json', sgTemplate({ cdk_nag: { rules_to_suppress: [{ id: 'aws-network-sg-open-ingress', reason: REASON, applies_to: [42] }] } }));
    const json = check(['check', bad, '--pack', 'aws']);
    expect(statusOf(json, 'aws-network-sg-open-ingress')).toEqual(['tcp:22-22:0.0.0.0/0 non-compliant', 'tcp:443-443:0.0.0.0/0 non-compliant']);
    expect(json.problems.join('\n')).toContain('applies_to entry 42 is ignored');
  });

  test('a narrowed AwsSolutions-IAM5 entry suppresses only its finding when the CLI runs the cdk-nag pack', () => {
    const role = tmp.write('role.template.json', JSON.stringify({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'The S3 wildcard is scoped by the bucket policy.', applies_to: ['Action::s3:*'] }] } },
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: 'arn:aws:s3:::b/*' }] } }],
          },
        },
      },
    }));
    const json = check(['check', role, '--pack', 'cdk-nag-aws-solutions']);
    expect(statusOf(json, 'AwsSolutions-IAM5')).toEqual(['Action::s3:* suppressed', 'Action::sqs:* non-compliant', 'Resource::arn:aws:s3:::b/* non-compliant']);
    expect(json.suppressions).toEqual([expect.objectContaining({ id: 'AwsSolutions-IAM5[Action::s3:*]', state: 'used', source: 'metadata' })]);
  });
});

describe('one reason rule on every channel', () => {
  test('invisible characters do not count', () => {
    expect(isValidReason('Imported key, rotated by HSM team')).toBe(true);
    expect(isValidReason(`ok${'\u200b'.repeat(20)}`)).toBe(false);
    expect(isValidReason('a\u00a0b\u2003c\u3000d\ufeffe\u200ef\u2060g   h')).toBe(false); // 8 visible characters
    expect(isValidReason('é'.repeat(10))).toBe(true);
  });

  test('Suppressions.of refuses a reason padded with U+200B', () => {
    expect(() => Suppressions.of(new Stack(new App(), 'S')).add({ id: 'aws-s3-bucket-retained', reason: 'short\u200b\u200b\u200b\u200b\u200b\u200b' })).toThrow('reason');
  });

  test('Validations.of(x).acknowledge({ reason: "" }): refused at synth by AwsCompliance.enable, ignored by check cdk.out', () => {
    const build = (outdir: string) => {
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      const s = new Stack(app, 'S');
      const sg = new ec2.CfnSecurityGroup(s, 'Sg', { groupDescription: 'x', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' }] });
      Validations.of(sg).acknowledge({ id: 'aws-network-sg-open-ingress', reason: '' });
      Validations.of(sg).acknowledge({ id: 'AwsSolutions-EC23', reason: '\u200b'.repeat(12) });
      return app;
    };
    const withChecks = build(path.join(tmp.dir, 'ack-synth'));
    AwsCompliance.enable(withChecks, { cdkNagPacks: true, failOn: FailOn.NEVER });
    let message = '';
    try {
      withChecks.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("[S/Sg] Validations.of(...).acknowledge({ id: 'Annotation::aws-network-sg-open-ingress' }) needs a reason of at least 10 characters");
    expect(message).toContain('AwsSolutions-EC23');
    // without our checks at synth, the cloud assembly is checked afterwards: the acknowledgement is ignored, with a warning
    const outdir = path.join(tmp.dir, 'ack-plain');
    build(outdir).synth();
    const r = run(['check', outdir, '--pack', 'aws', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(statusOf(json, 'aws-network-sg-open-ingress')).toEqual(['tcp:22-22:0.0.0.0/0 non-compliant']);
    expect(json.problems.join('\n')).toMatch(/S\/Sg: acknowledgement of .*aws-network-sg-open-ingress is ignored: it needs a reason/);
  });
});

describe('acknowledged violations of other CDK plugins', () => {
  test('appear in check cdk.out as suppressed with their reason; one without a real reason stays open', () => {
    const outdir = path.join(tmp.dir, 'plugin-acks');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const s = new Stack(app, 'S');
    const topics = ['Good', 'Blank'].map((id) => new sns.CfnTopic(s, id, {}));
    Validations.of(app).addPlugins({
      name: 'acme-guard',
      validate: (ctx) => ({
        success: false,
        violations: [{
          ruleName: 'ACME1', description: 'Topics are encrypted', fix: 'Set KmsMasterKeyId', severity: 'error',
          violatingResources: topics.map((t) => ({ resourceLogicalId: s.resolve(t.logicalId), templatePath: ctx.templatePaths[0], locations: ['Properties'] })),
        }],
      }),
    });
    Validations.of(topics[0]).acknowledge({ id: 'acme-guard::ACME1', reason: 'Encrypted by the account-wide default key.' });
    Validations.of(topics[1]).acknowledge({ id: 'acme-guard::ACME1', reason: ' ' });
    try {
      app.synth();
    } catch {
      // the open violation fails synth; the report is written first
    }
    const json = check(['check', outdir]);
    const acme = json.findings.filter((f: any) => f.ruleId === 'ACME1').map((f: any) => `${f.constructPath} ${f.status} ${f.suppression?.reason ?? ''}`).sort();
    expect(acme).toEqual(['S/Blank non-compliant ', 'S/Good suppressed Encrypted by the account-wide default key.']);
    expect(json.problems.join('\n')).toContain('acknowledgement of');
  });
});

describe('Suppressions.of(app) and declarations reported once', () => {
  test('AWS: a suppression on the App applies to every stack, at synth and in check cdk.out, and is reported once', () => {
    const outdir = path.join(tmp.dir, 'app-level');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    for (const name of ['A', 'B']) {
      const s = new Stack(app, name);
      new CfnResource(s, 'Sg', { type: 'AWS::EC2::SecurityGroup', properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } });
      new sns.CfnTopic(s, 'Topic', {});
    }
    Suppressions.of(app).add({ id: 'aws-network-sg-open-ingress[tcp:443-443:0.0.0.0/0]', reason: REASON });
    Suppressions.of(app).add({ id: 'aws-kms-key-rotation', reason: 'No key in these stacks; kept for the next one.' });
    AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.ERROR });
    app.synth(); // the open-ingress errors are suppressed at synth too, so synth passes
    const json = check(['check', outdir, '--pack', 'aws']);
    expect(json.findings.filter((f: any) => f.ruleId === 'aws-network-sg-open-ingress').map((f: any) => `${f.resource.key} ${f.status}`).sort()).toEqual(['A/Sg suppressed', 'B/Sg suppressed']);
    expect(json.suppressions.filter((s: any) => s.declaredAt === '(app)')).toEqual([
      expect.objectContaining({ id: 'aws-network-sg-open-ingress[tcp:443-443:0.0.0.0/0]', state: 'used', suppressed: 2 }),
      expect.objectContaining({ id: 'aws-kms-key-rotation', state: 'unused' }),
    ]);
    expect(json.unusedSuppressions).toEqual([expect.objectContaining({ id: 'aws-kms-key-rotation', declaredAt: '(app)' })]);
  });

  test('AWS: a suppression on the App reaches the stacks inside Stages (CDK synthesizes each Stage with its own Aspects)', () => {
    const outdir = path.join(tmp.dir, 'app-level-stages');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const prod = new Stage(app, 'Prod');
    const inner = new Stage(prod, 'Eu');
    for (const scope of [app, prod, inner]) {
      const s = new Stack(scope, 'S');
      new CfnResource(s, 'Sg', { type: 'AWS::EC2::SecurityGroup', properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } });
    }
    Suppressions.of(app).add({ id: 'aws-network-sg-open-ingress[tcp:443-443:0.0.0.0/0]', reason: REASON });
    Suppressions.of(prod).add({ id: 'aws-network-sg-rule-description', reason: 'Rules are described in the runbook of Prod.' });
    AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.ERROR });
    app.synth();
    const json = check(['check', outdir, '--pack', 'aws']);
    const open = (rule: string) => json.findings.filter((f: any) => f.ruleId === rule).map((f: any) => `${f.resource.key} ${f.status}`).sort();
    expect(open('aws-network-sg-open-ingress')).toEqual(['Prod/Eu/S/Sg suppressed', 'Prod/S/Sg suppressed', 'S/Sg suppressed']);
    // a stage's suppression reaches its own and its nested stages' stacks, not the app's
    expect(open('aws-network-sg-rule-description')).toEqual(['Prod/Eu/S/Sg suppressed', 'Prod/S/Sg suppressed', 'S/Sg non-compliant']);
    expect(json.suppressions.filter((x: any) => x.declaredAt === '(app)')).toEqual([expect.objectContaining({ state: 'used', suppressed: 3 })]);
  });

  test('Kubernetes: a suppression on a chart is reported once, used if any object used it', () => {
    const outdir = path.join(tmp.dir, 'chart-level');
    const app = new K8sApp({ outdir });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const group = new Construct(chart, 'pods');
    for (const name of ['a', 'b', 'c']) {
      new ApiObject(group, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: {} } as any);
    }
    new ApiObject(chart, 'probe', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } as any);
    Suppressions.of(group).add({ id: 'k8s-workload-probes', reason: 'Probes come from the mesh sidecar injector.' });
    Suppressions.of(chart).add({ id: 'k8s-workload-probes', reason: 'The chart accepts missing probes everywhere.' });
    Suppressions.of(app).add({ id: 'k8s-workload-resources', reason: 'Limits are set by the namespace LimitRange.' });
    app.synth();
    const json = check(['check', outdir, '--pack', 'k8s']);
    const records = json.suppressions.filter((s: any) => s.id === 'k8s-workload-probes');
    expect(records.map((s: any) => `${s.declaredAt} ${s.state}`).sort()).toEqual(['shop used', 'shop/pods unused']);
    // the chart-level one is used by the pod; the group-level one (copied onto three ConfigMaps, none with probes) is listed once as unused
    expect(json.unusedSuppressions.filter((u: any) => u.id === 'k8s-workload-probes')).toEqual([expect.objectContaining({ declaredAt: 'shop/pods' })]);
    // Suppressions.of(app) reaches every object and is one declaration
    expect(json.findings.filter((x: any) => x.ruleId === 'k8s-workload-resources').map((x: any) => x.status)).toEqual(['suppressed']);
    expect(json.suppressions.filter((x: any) => x.id === 'k8s-workload-resources')).toEqual([expect.objectContaining({ declaredAt: '(app)', state: 'used', suppressed: 1 })]);
  });
});

describe('a run of some packs does not judge the others\' suppressions', () => {
  test('--pack pss-baseline and --pack aws leave the other rules\' suppressions not judged', () => {
    const pod = tmp.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
  annotations:
    secure-constructs.dev/suppressions: '[{"id":"k8s-workload-probes","reason":"Probes come from the mesh sidecar."},{"id":"aws-s3-bucket-retained","reason":"Not an AWS resource at all here."}]'
spec: { containers: [{ name: c, image: nginx:1.27 }] }
`);
    const baseline = check(['check', pod, '--pack', 'pss-baseline']);
    expect(baseline.unusedSuppressions).toEqual([]);
    expect(baseline.suppressions.map((s: any) => `${s.id} ${s.state}`).sort()).toEqual(['aws-s3-bucket-retained not-judged', 'k8s-workload-probes not-judged']);
    const all = check(['check', pod]);
    expect(all.suppressions.map((s: any) => `${s.id} ${s.state}`).sort()).toEqual(['aws-s3-bucket-retained unused', 'k8s-workload-probes used']);
  });

  test('cdk-nag suppressions are listed with their reasons even when no cdk-nag pack ran', () => {
    const f = tmp.write('nag-only.template.json', sgTemplate({ cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-EC23', reason: REASON }] } }));
    const json = check(['check', f, '--pack', 'aws']);
    expect(json.suppressions).toEqual([expect.objectContaining({ id: 'AwsSolutions-EC23', reason: REASON, state: 'not-judged' })]);
    const md = path.join(tmp.dir, 'nag-only.md');
    run(['check', f, '--pack', 'aws', '--markdown', md]);
    expect(fs.readFileSync(md, 'utf8')).toContain(`| \`AwsSolutions-EC23\` | \`nag-only/Sg\` | metadata | ${REASON} |`);
    const withNag = check(['check', f, '--pack', 'cdk-nag-aws-solutions']);
    expect(withNag.suppressions).toEqual([expect.objectContaining({ id: 'AwsSolutions-EC23', state: 'used' })]);
    expect(fs.existsSync(f)).toBe(true);
  });
});

describe('the config file applies to cdk-nag packs at synth as in check cdk.out', () => {
  test('a scoped suppression of AwsSolutions-EC23 keeps the other security group failing; the report marks the suppressed one', () => {
    const config = tmp.write('nag-synth/secure-constructs.config.yaml', `suppressions:
  - id: AwsSolutions-EC23
    resources: ["S/Public"]
    reason: Public HTTPS entry point behind the WAF.
    expires: 2099-01-01
`);
    const outdir = path.join(tmp.dir, 'nag-synth', 'cdk.out');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const s = new Stack(app, 'S');
    for (const id of ['Public', 'Private']) new ec2.CfnSecurityGroup(s, id, { groupDescription: 'x', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' }] });
    AwsCompliance.enable(app, { configFile: config });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('AwsSolutions-EC23');
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const ec23 = report.pluginReports.find((p: any) => p.pluginName === 'AwsSolutions').violations.filter((v: any) => v.ruleName === 'AwsSolutions-EC23');
    expect(ec23.map((v: any) => `${v.violatingConstructs.map((c: any) => c.constructPath).join(',')} ${v.description.startsWith('[suppressed by the config file: Public HTTPS entry point behind the WAF.]')}`).sort()).toEqual(['S/Private false', 'S/Public true']);
    const json = check(['check', outdir, '--config', config]);
    expect(json.findings.filter((f: any) => f.ruleId === 'AwsSolutions-EC23').map((f: any) => `${f.constructPath} ${f.status}`).sort()).toEqual(['S/Private non-compliant', 'S/Public suppressed']);
    expect(json.findings.filter((f: any) => f.ruleId === 'AwsSolutions-EC23').every((f: any) => !f.message.startsWith('[suppressed') && !f.title.startsWith('[suppressed'))).toBe(true);
  });
});
