import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { run } from '../../lib/cli/main';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const BAD_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

describe('secure-constructs check: input errors exit 2 and name the file', () => {
  test('invalid YAML names the file and line, no stack trace', () => {
    const f = file('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n');
    const r = run(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(f);
    expect(r.stderr).toMatch(/bad\.yaml:\d+(:\d+)?: invalid YAML/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('invalid JSON template names the file and position', () => {
    const f = file('broken.template.json', '{\n  "Resources": {\n    "A": { "Type": "AWS::S3::Bucket", }\n  }\n}\n');
    const r = run(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/broken\.template\.json:3:\d+: invalid JSON/);
  });

  test('a missing path, a binary file, an object without kind', () => {
    expect(run(['check', path.join(dir, 'nope.yaml')])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('nope.yaml: no such file') });
    const bin = file('img.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    expect(run(['check', bin])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('binary file') });
    const nokind = file('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n');
    expect(run(['check', nokind])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('nokind.yaml:1: document 1: object has no "kind"') });
  });

  test('a YAML alias bomb is refused quickly, not expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const f = file('bomb.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${lines.join('\n  ')}\n`);
    const r = run(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('bomb.yaml');
  });

  test('an extremely deeply nested document is refused', () => {
    const depth = 5000;
    const f = file('deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const r = run(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('deep.yaml');
  });

  test('usage errors exit 2 with the usage text', () => {
    expect(run(['check'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('no input') });
    expect(run(['check', '--fail-on', 'sometimes', 'x'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--fail-on must be') });
    expect(run(['check', '--pack', 'nope', dir])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown pack "nope"') });
    expect(run(['check', '--bogus', dir])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown option --bogus') });
  });
});

describe('secure-constructs check: findings and exit codes', () => {
  test('a namespace without Pod Security labels fails (exit 1); --fail-on never passes', () => {
    const f = file('k8s/ns.yaml', BAD_NAMESPACE);
    const r = run(['check', f, '--no-color']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('k8s-namespace-pod-security-admission[label:enforce]');
    expect(r.stdout).toMatch(/ns\.yaml:1/);
    expect(run(['check', f, '--fail-on', 'never']).exitCode).toBe(0);
  });

  test('--format json validates against the documented schema (docs/report.schema.json)', () => {
    const f = file('k8s2/ns.yaml', BAD_NAMESPACE);
    const r = run(['check', f, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const json = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'report.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true });
    const valid = ajv.validate(schema, json);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(json.summary).toMatchObject({ passed: false, failOn: 'error' });
    expect(json.summary.open.error).toBe(json.findings.filter((x: any) => x.status === 'non-compliant' && x.severity === 'error').length);
    expect(json.findings[0]).toMatchObject({ platform: 'k8s', resource: { type: 'Namespace', objectName: 'shop' }, file: f, line: 1, documentIndex: 0 });
  });

  test('a CloudFormation YAML template with short-form intrinsics is read', () => {
    const f = file('cfn/app.yaml', `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '\${AWS::StackName}-t'
      KmsMasterKeyId: !GetAtt Key.Arn
  Key:
    Type: AWS::KMS::Key
`);
    const r = run(['check', f, '--format', 'json', '--fail-on', 'never']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).summary.resources).toBe(2);
  });

  test('a folder of manifests and a List kind are read, each object with its position', () => {
    file('multi/a.yaml', `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Namespace
    metadata: { name: one }
  - apiVersion: v1
    kind: Namespace
    metadata: { name: two }
`);
    file('multi/sub/b.yml', `---\n${BAD_NAMESPACE.replace('shop', 'three')}---\n# empty document\n`);
    const r = run(['check', path.join(dir, 'multi'), '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.summary.resources).toBe(3);
    const lines = json.findings.filter((x: any) => x.findingId === 'label:enforce').map((x: any) => `${path.basename(x.file)}:${x.line}:${x.resource.objectName}`).sort();
    expect(lines).toEqual(['a.yaml:4:one', 'a.yaml:7:two', 'b.yml:2:three']);
  });

  test('rules command lists rule metadata', () => {
    const r = run(['rules', '--pack', 'k8s', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const rules = JSON.parse(r.stdout);
    expect(rules.every((x: any) => x.platform === 'k8s')).toBe(true);
    expect(rules.map((x: any) => x.id)).toContain('k8s-namespace-pod-security-admission');
  });
});
