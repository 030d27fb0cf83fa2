import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { loadInputs } from '../../lib/compliance/check';
import { readInputBytes } from '../../lib/compliance/loaders/errors';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-k8s-inputs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const PRIVILEGED = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: app
spec:
  containers:
    - name: app
      image: registry.example.com/app@sha256:${'a'.repeat(64)}
      securityContext:
        privileged: Yes
`;

const json = (r: { stdout: string }) => JSON.parse(r.stdout);

describe('inputs that are not manifests exit 2 with a message, never hang or read without bound', () => {
  test('an empty folder', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const r = run(['check', empty]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${empty}: nothing to check in this folder`);
  });

  test('a file of only ~, of only comments, an empty file, plain data, a scalar', () => {
    for (const [name, content, message] of [
      ['tilde.yaml', '~\n', 'no Kubernetes object in this file'],
      ['comments.yaml', '# nothing\n# here\n---\n# either\n', 'no Kubernetes object in this file'],
      ['zero.yaml', '', 'no Kubernetes object in this file'],
      ['data.yaml', 'just: text\n', 'document 1: object has no "kind"'],
      ['scalar.json', '"hello"\n', 'not a Kubernetes object'],
    ]) {
      const f = file(name, content);
      const r = run(['check', f]);
      expect({ name, exitCode: r.exitCode }).toEqual({ name, exitCode: 2 });
      expect(r.stderr).toContain(message);
    }
  });

  test('a FIFO, /dev/zero and a link to it are refused without reading (no hang, no unbounded read)', () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(dir, 'zero-link.yaml');
    fs.symlinkSync('/dev/zero', zero);
    for (const p of [fifo, '/dev/zero', zero]) {
      const r = run(['check', p]);
      expect({ p, exitCode: r.exitCode }).toEqual({ p, exitCode: 2 });
      expect(r.stderr).toMatch(/not a regular file/);
    }
    // in a folder: named like manifests, so listed (as kubectl would) and refused when read
    const r = run(['check', dir, '--format', 'json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${fifo}: a named pipe (FIFO), not a regular file`);
    expect(r.stderr).toContain(`${zero}: a character device, not a regular file`);
    fs.rmSync(fifo);
    fs.rmSync(zero);
  });

  test('a file is read with a bound whatever its size claims', () => {
    const f = file('big.bin', Buffer.alloc(2048, 0x61));
    expect(() => readInputBytes(f, 1024)).toThrow(/larger than/);
    expect(readInputBytes(f, 4096)).toHaveLength(2048);
  });

  test('a huge generated input is refused (document count limit), with the reason', () => {
    const f = file('huge.yaml', 'a: 1\n---\n'.repeat(100_001));
    const r = run(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${f}: more than 100000 documents (refused before parsing)`);
    fs.rmSync(f);
  });

  test('invalid UTF-8 is refused with its position', () => {
    const f = file('latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const r = run(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${f}:4:12: not valid UTF-8 text`);
  });
});

describe('one bad document does not hide the others', () => {
  test('a Deployment without metadata: exit 2, and the other objects of the file are still checked', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'mixed-'));
    const f = path.join(sub, 'app.yaml');
    fs.writeFileSync(f, `apiVersion: apps/v1\nkind: Deployment\nspec: {}\n---\n${PRIVILEGED('p')}`);
    const r = run(['check', f, '--pack', 'pss-baseline', '--format', 'json']);
    expect(r.exitCode).toBe(2);
    const report = json(r);
    expect(report.inputErrors).toHaveLength(1);
    expect(report.inputErrors[0]).toMatchObject({ file: f, line: 1, message: 'document 1: Deployment has no "metadata"' });
    expect(report.findings.map((x: any) => `${x.ruleId} ${x.resource.key} ${x.line}`)).toContain('k8s-pss-privileged Pod/app/p 5');
  });
});

describe('folders are walked as kubectl apply -f DIR -R walks them', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(dir, 'walk-'));
    const w = (rel: string, content: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    };
    w('visible.yaml', PRIVILEGED('visible'));
    w('.hidden.yaml', PRIVILEGED('dotfile'));
    w('.dot-folder/inner.yml', PRIVILEGED('dot-folder'));
    w('node_modules/pkg/manifest.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'node-modules', namespace: 'app' }, spec: { hostPID: true } }));
    w('UPPER.YAML', PRIVILEGED('upper'));
    w('notes.txt', 'not: read\n');
    // cdk8s-cli writes this beside the manifests when a validation plugin is configured
    w('construct-metadata.json', JSON.stringify({ version: '1.0.0', resources: { visible: { path: 'chart/Pod' } } }));
    // a manifest.json without the cloud-assembly shape does not make a folder a cloud assembly
    w('assembly-lookalike/manifest.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lookalike', namespace: 'app' }, spec: { hostIPC: true } }));
    const outside = fs.mkdtempSync(path.join(dir, 'outside-'));
    fs.writeFileSync(path.join(outside, 'linked.yaml'), PRIVILEGED('linked-file'));
    fs.mkdirSync(path.join(outside, 'folder'));
    fs.writeFileSync(path.join(outside, 'folder', 'in-linked-folder.yaml'), PRIVILEGED('in-linked-folder'));
    fs.symlinkSync(path.join(outside, 'linked.yaml'), path.join(root, 'link.yaml'));
    fs.symlinkSync(path.join(outside, 'folder'), path.join(root, 'linked-folder'));
  });

  test('dotfiles, dot-folders, node_modules, links to files and any case of the extension are checked', () => {
    const loaded = loadInputs([root]);
    const names = loaded.resources.map((r) => r.objectName).sort();
    expect(names).toEqual(['dot-folder', 'dotfile', 'linked-file', 'lookalike', 'node-modules', 'upper', 'visible']);
    expect(loaded.inputErrors).toEqual([]);
  });

  test('links to folders are not followed (kubectl does not follow them); construct-metadata.json is skipped, not an error', () => {
    const loaded = loadInputs([root]);
    expect(loaded.inputs.some((p) => p.includes('in-linked-folder'))).toBe(false);
    expect(loaded.inputs.some((p) => p.endsWith('construct-metadata.json'))).toBe(false);
    const r = run(['check', root, '--pack', 'pss-baseline', '--format', 'json']);
    expect(r.exitCode).toBe(1); // findings, no input error
    expect(json(r).findings.filter((f: any) => f.ruleId === 'k8s-pss-privileged').map((f: any) => f.resource.objectName).sort())
      .toEqual(['dot-folder', 'dotfile', 'linked-file', 'upper', 'visible']);
  });

  test('a construct-metadata.json that is not cdk8s-cli\'s shape is read as a manifest (no hiding place)', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'cm-'));
    fs.writeFileSync(path.join(sub, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: {}, apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sneaky' } }));
    const loaded = loadInputs([sub]);
    expect(loaded.resources.map((r) => r.objectName)).toEqual(['sneaky']);
  });
});
