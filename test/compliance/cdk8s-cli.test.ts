import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';

// End to end with the real `cdk8s` command (cdk8s-cli, a pinned dev dependency): `cdk8s synth` loads our
// package from cdk8s.yaml `validations:` (a local path here, as a consumer would name the npm package), runs
// SecureConstructsValidation on the synthesized manifests and fails synth on unsuppressed errors.
// Needs the compiled package (npm test compiles before jest).
const root = path.join(__dirname, '..', '..');
const cdk8sCli = path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

function project(bad: boolean, suppress = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cdk8s-cli-'));
  const req = (m: string) => JSON.stringify(path.join(root, 'node_modules', m));
  fs.writeFileSync(path.join(dir, 'main.js'), `
const { App, Chart } = require(${req('cdk8s')});
const kplus = require(${req('cdk8s-plus-28')});
const sc = require(${JSON.stringify(root)});
const app = new App();
const chart = new Chart(app, 'shop');
new sc.SecureNamespace(chart, 'Ns', { name: 'shop' });
new sc.HardenedDeployment(chart, 'Api', {
  namespace: 'shop',
  containers: [{
    name: 'api',
    image: 'registry.example.com/shop/api:1.4.2@sha256:${'a'.repeat(64)}',
    ports: [{ name: 'http', containerPort: 8080 }],
    livenessProbe: sc.HealthProbe.httpGet('/healthz', 8080),
    readinessProbe: sc.HealthProbe.httpGet('/ready', 8080),
  }],
});
${bad ? "const plain = new kplus.Deployment(chart, 'Plain', { metadata: { namespace: 'shop' }, containers: [{ image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }] });" : ''}
${suppress ? "sc.Suppressions.of(plain).add({ id: 'k8s-pss-run-as-non-root', reason: 'Legacy image, tracked in TICKET-42.' });" : ''}
app.synth();
`);
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    'app: node main.js',
    'validations:',
    `  - package: ${root}`,
    '    version: 0.0.0',
    '    class: SecureConstructsValidation',
    '    properties:',
    '      packs: [k8s]',
    '      failOn: error',
    '',
  ].join('\n'));
  return dir;
}

function synth(dir: string) {
  return spawnSync(process.execPath, [cdk8sCli, 'synth', '--no-check-upgrade'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
}

describe('cdk8s-cli runs SecureConstructsValidation from cdk8s.yaml', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('our constructs synthesize and validate successfully', () => {
    const dir = project(false);
    dirs.push(dir);
    const r = synth(dir);
    const out = r.stdout + r.stderr;
    expect(out).toContain('Performing validations');
    expect(out).toMatch(/Status\s*│\s*success/);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist', 'shop.k8s.yaml'))).toBe(true);
  });

  test('a plain cdk8s-plus Deployment fails synth with our rule ids and construct paths', () => {
    const dir = project(true);
    dirs.push(dir);
    const r = synth(dir);
    const out = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(out).toMatch(/Status\s*│\s*failure/);
    expect(out).toContain('k8s-pss-run-as-non-root (error)');
    expect(out).toContain('k8s-pss-capabilities-restricted (error)');
    // cdk8s-cli resolves the construct path from the object name we report
    expect(out).toContain('Construct Path: shop/Plain/Resource');
    expect(out).toMatch(/Deployment shop\/shop-plain-[0-9a-f]+ container:main/);
  });

  test('Suppressions.of without K8sCompliance reaches the plugin and `check dist/` (construct-metadata.json is skipped)', () => {
    const dir = project(true, true);
    dirs.push(dir);
    const r = synth(dir);
    const out = r.stdout + r.stderr;
    expect(r.status).not.toBe(0); // other findings still fail
    expect(out).toContain('k8s-pss-capabilities-restricted (error)');
    expect(out).not.toContain('k8s-pss-run-as-non-root');
    const dist = path.join(dir, 'dist');
    expect(fs.existsSync(path.join(dist, 'construct-metadata.json'))).toBe(true);
    const check = run(['check', dist, '--format', 'json', '--show-suppressed']);
    expect(check.exitCode).toBe(1); // findings, and no input error
    const report = JSON.parse(check.stdout);
    expect(report.inputErrors).toEqual([]);
    expect(report.findings.filter((f: any) => f.ruleId === 'k8s-pss-run-as-non-root').map((f: any) => f.status)).toEqual(['suppressed']);
  });
});
