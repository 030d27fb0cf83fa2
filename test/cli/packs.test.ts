import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-packs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

const OPEN_BUCKET = { AWSTemplateFormatVersion: '2010-09-09', Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} } } };
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

describe('check --pack cdk-nag-*: cdk-nag runs on raw templates', () => {
  test('a template gets cdk-nag findings, not "0 rules ... PASSED"', () => {
    const f = file('raw/bucket.template.json', OPEN_BUCKET);
    const r = run(['check', '--pack', 'cdk-nag-aws-solutions', '--no-color', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('AwsSolutions-S1 (cdk-nag:AwsSolutions): The S3 Bucket has server access logs disabled.');
    expect(r.stdout).toMatch(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4`));
    expect(r.stdout).not.toMatch(/\b0 rules\b/);
    expect(r.stdout).not.toContain('PASSED');
  });

  test('--format json: evaluations, rules with their levels, findings of the pack', () => {
    const f = file('raw/json.template.json', OPEN_BUCKET);
    const json = JSON.parse(run(['check', '--pack', 'cdk-nag-aws-solutions', '--format', 'json', f]).stdout);
    expect(json.summary.rules).toBeGreaterThan(100);
    expect(json.summary.evaluations).toBeGreaterThan(0);
    expect(json.findings.every((x: any) => x.source === 'cdk-nag:AwsSolutions')).toBe(true);
    expect(json.rules.find((x: any) => x.id === 'AwsSolutions-S1')).toMatchObject({ severity: 'error' });
  });

  test('a suppression in the template applies; with everything suppressed the run passes', () => {
    const t = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {}, Metadata: { 'secure-constructs': { suppressions: [{ id: 'AwsSolutions-SNS3', reason: 'Internal topic, only the same account publishes.' }] } } } } };
    const f = file('raw/suppressed.template.json', t);
    const r = run(['check', '--pack', 'cdk-nag-aws-solutions', '--no-color', f]);
    expect(r.stdout).toContain('AwsSolutions-SNS3 on suppressed/Topic: Internal topic, only the same account publishes.');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('PASSED');
  });

  test('a template CfnInclude refuses is exit 2 naming the template and the reason; the others are still reported', () => {
    const bad = file('refuse/bad.template.json', { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Nope': 'x' } } } } });
    const good = file('refuse/good.template.json', OPEN_BUCKET);
    const r = run(['check', '--pack', 'cdk-nag-aws-solutions', '--no-color', bad, good]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error: ${bad}: cdk-nag (AwsSolutions) did not check this template: CfnInclude cannot load it: Unsupported CloudFormation function 'Fn::Nope'`);
    expect(r.stdout).toContain('good/Bucket');
    expect(r.stdout).toContain('FAILED: 1 input error(s)');
  });

  test.each([
    ['an unknown intrinsic around an open ingress', { Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: '-1', CidrIp: { 'Fn::Evade': '0.0.0.0/0' } }] } } } }],
    ['a dependency cycle', { Resources: { A: { Type: 'AWS::SQS::Queue', DependsOn: 'B' }, B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } } } }],
    ['a Condition that does not exist', { Resources: { A: { Type: 'AWS::S3::Bucket', Condition: 'Missing' } } }],
    ['a resource without a Type next to a compliant one', { Resources: { Ok: { Type: 'AWS::CloudFormation::WaitConditionHandle' }, Hidden: { Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } } } }],
    ['Properties given as a string', { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: 'AccessControl: PublicReadWrite' } } }],
    ['an AWS::Include transform', { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } } } } }],
  ])('evasion probe: %s never yields PASSED', (_name, template) => {
    const f = file(`evasion/${_name.replace(/\W+/g, '-')}.template.json`, template);
    for (const args of [['--pack', 'cdk-nag-aws-solutions'], ['--pack', 'cdk-nag-aws-solutions', '--fail-on', 'never']]) {
      const r = run(['check', ...args, '--no-color', f]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).not.toContain('PASSED');
      expect(r.stderr).toContain(f);
    }
  });
});

describe('a selected pack, framework or run that evaluates no rule is exit 2', () => {
  test('--pack k8s on a template: the inputs contain no Kubernetes objects', () => {
    const f = file('none/bucket.template.json', OPEN_BUCKET);
    const r = run(['check', '--pack', 'k8s', '--no-color', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error: ${f}: pack k8s evaluated no rule: the inputs contain no Kubernetes objects; this is not a pass`);
    expect(r.stdout).not.toContain('PASSED');
  });

  test('--pack aws on Kubernetes YAML: the inputs contain no CloudFormation resources', () => {
    const f = file('none/ns.yaml', NAMESPACE);
    const r = run(['check', '--pack', 'aws', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('pack aws evaluated no rule: the inputs contain no CloudFormation resources');
  });

  test('each pack of several must evaluate something; --fail-on never does not hide it', () => {
    const t = file('none/mixed.template.json', OPEN_BUCKET);
    const ns = file('none/mixed-ns.yaml', NAMESPACE);
    expect(run(['check', '--pack', 'aws,k8s', '--fail-on', 'never', t, ns]).exitCode).toBe(0);
    const r = run(['check', '--pack', 'aws,pss-restricted', '--fail-on', 'never', t]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('pack pss-restricted evaluated no rule');
    expect(r.stderr).not.toContain('pack aws evaluated no rule');
  });

  test('--framework without a rule that applies: names the framework', () => {
    const f = file('none/fw.template.json', OPEN_BUCKET);
    const r = run(['check', '--framework', 'PSS-baseline', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/framework PSS-baseline evaluated no rule: the selected \d+ rule\(s\) apply to none of the 1 CloudFormation resources \(types: AWS::S3::Bucket\)/);
  });

  test('--pack with --framework its rules do not evidence', () => {
    const f = file('none/fw2.template.json', OPEN_BUCKET);
    const r = run(['check', '--pack', 'cdk-nag-aws-solutions', '--framework', 'HIPAA', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('pack cdk-nag-aws-solutions evaluated no rule with --framework HIPAA: none of its rules evidences HIPAA');
  });

  test('no --pack: a template whose only resource type no rule covers is not a pass', () => {
    const f = file('none/wait.template.json', { Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } });
    const r = run(['check', '--no-color', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/this run evaluated no rule: the selected \d+ rule\(s\) apply to none of the 1 CloudFormation resources \(types: AWS::CloudFormation::WaitConditionHandle\); this is not a pass/);
    expect(r.stdout).not.toContain('PASSED');
  });

  test('a cdk-nag pack on a template it has no rule for', () => {
    const f = file('none/nag.template.json', { Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } });
    const r = run(['check', '--pack', 'cdk-nag-hipaa', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/pack cdk-nag-hipaa evaluated no rule: its \d+ rule\(s\) apply to none of the 1 CloudFormation resources/);
  });

  test('a cdk-nag pack whose only template CfnInclude refuses says so', () => {
    const f = file('none/refused.template.json', { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Nope' } } } } });
    const r = run(['check', '--pack', 'cdk-nag-aws-solutions', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("CfnInclude cannot load it: Element used in Ref expression with logical ID: 'Nope' not found");
    expect(r.stderr).toContain('pack cdk-nag-aws-solutions evaluated no rule: cdk-nag could not load any of the 1 template(s) (see the input errors)');
  });
});

describe('rules --pack cdk-nag-*', () => {
  test.each(['cdk-nag-aws-solutions', 'cdk-nag-nist-800-53-r5', 'cdk-nag-hipaa', 'cdk-nag-pci-dss-3.2.1'])('%s lists the pack rules with their levels', (pack) => {
    const r = run(['rules', '--pack', pack]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const count = Number(/^(\d+) rules$/.exec(lines[lines.length - 1])?.[1]);
    expect(count).toBeGreaterThan(50);
    expect(lines.slice(0, -1).every((l) => /^\S+-\S+\s+(error|warning)\s+\S/.test(l))).toBe(true);
    const json = JSON.parse(run(['rules', '--pack', pack, '--format', 'json']).stdout);
    expect(json).toHaveLength(count);
    expect(new Set(json.map((x: any) => x.severity))).toEqual(new Set(['error', 'warning']));
  });

  test('with --framework: the pack rules evidencing it; none is exit 2', () => {
    const json = JSON.parse(run(['rules', '--pack', 'cdk-nag-nist-800-53-r5', '--framework', 'NIST-800-53-R5', '--format', 'json']).stdout);
    expect(json.length).toBeGreaterThan(50);
    expect(json.every((x: any) => x.controls.every((c: string) => c.startsWith('NIST-800-53-R5:')))).toBe(true);
    expect(run(['rules', '--pack', 'cdk-nag-aws-solutions', '--framework', 'HIPAA'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('no rule matches pack cdk-nag-aws-solutions and framework HIPAA') });
  });

  test('--help says when cdk-nag packs run', () => {
    const r = run(['--help']);
    expect(r.stdout).toContain('A cdk-nag pack given here also runs on raw templates');
    expect(r.stdout).toContain('evaluates no rule is exit 2');
  });
});
