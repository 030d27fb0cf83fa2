import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseArgs } from '../../../../../lib/cli/args';
import { run } from '../../../../../lib/cli/main';
import { runEngine } from '../../../../../lib/compliance/engine';
import { parseManifests } from '../../../../../lib/compliance/loaders/kubernetes';
import { Finding } from '../../../../../lib/compliance/model';
import { K8S_WORKLOAD_IMAGE_PULL_POLICY } from '../../../../../lib/compliance/rules/k8s/workload/image-pull-policy';
import { K8S_WORKLOAD_IMAGE_REGISTRY, parseAllowedRegistry } from '../../../../../lib/compliance/rules/k8s/workload/image-registry';
import { check, workload } from '../helpers';

const D = '@sha256:' + 'd'.repeat(64);
const spec = (...images: (string | object)[]) => ({
  containers: images.map((i, n) => (typeof i === 'string' ? { name: `c${n}`, image: i } : { name: `c${n}`, ...i })),
});
const rollout = (podSpec: object) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r', namespace: 'app' },
  spec: { selector: { matchLabels: { app: 'r' } }, template: { metadata: { labels: { app: 'r' } }, spec: podSpec } },
});
const shapes = (podSpec: object) => [
  ['Pod', workload('Pod', podSpec)], ['Deployment', workload('Deployment', podSpec)], ['CronJob', workload('CronJob', podSpec)], ['Rollout', rollout(podSpec)],
] as [string, object][];

function withOptions(registries: unknown, objects: object[]): Finding[] {
  const text = objects.map((o) => stringify(o, { version: '1.1' })).join('---\n');
  const { resources } = parseManifests('t.yaml', text);
  const report = runEngine([K8S_WORKLOAD_IMAGE_REGISTRY], resources, { ruleOptions: { 'k8s-workload-image-registry': { registries } } });
  return [...report.findings];
}

describe('k8s-workload-image-pull-policy', () => {
  test.each(shapes(spec({ image: 'registry.example.com/app:1.2', imagePullPolicy: 'IfNotPresent' }, { image: 'registry.example.com/app:1.2', imagePullPolicy: 'Never' }, 'registry.example.com/app:1.2')))(
    '%s: a mutable tag with IfNotPresent, Never or the version-tag default fails', (_k, obj) => {
      const f = check(K8S_WORKLOAD_IMAGE_PULL_POLICY, obj);
      expect(f.map((x) => x.findingId?.split('/').pop())).toEqual(['container:c0', 'container:c1', 'container:c2']);
      expect(f[2].message).toContain('defaults to IfNotPresent');
    });
  test.each(shapes(spec(
    { image: 'registry.example.com/app:1.2', imagePullPolicy: 'Always' },
    { image: `registry.example.com/app:1.2${D}`, imagePullPolicy: 'IfNotPresent' },
    { image: `registry.example.com/app${D}`, imagePullPolicy: 'Never' },
    'registry.example.com/app:latest', 'registry.example.com/app',
  )))('%s: Always, a digest, or a default of Always (latest / no tag) passes', (_k, obj) => {
    expect(check(K8S_WORKLOAD_IMAGE_PULL_POLICY, obj)).toEqual([]);
  });
  test('a malformed digest is not a pin', () => {
    expect(check(K8S_WORKLOAD_IMAGE_PULL_POLICY, workload('Pod', spec({ image: 'app:1@sha256:' + 'd'.repeat(63), imagePullPolicy: 'IfNotPresent' })))).toHaveLength(1);
  });
});

describe('k8s-workload-image-registry', () => {
  test('off until configured: not applicable, reports nothing', () => {
    expect(check(K8S_WORKLOAD_IMAGE_REGISTRY, workload('Pod', spec('evil.example.com/x:1', 'nginx')))).toEqual([]);
    const { resources } = parseManifests('t.yaml', stringify(workload('Pod', spec('nginx'))));
    const report = runEngine([K8S_WORKLOAD_IMAGE_REGISTRY], resources);
    expect(report.findings).toEqual([]);
  });
  const ALLOW = ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ghcr.io/acme/', 'docker.io/library'];
  test.each(shapes(spec(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1${D}`, 'ghcr.io/acme/api:2', 'GHCR.IO/acme/team/api:2', 'nginx:1.25', 'docker.io/library/redis:7', 'index.docker.io/library/busybox:1')))(
    '%s: allowed images pass', (_k, obj) => {
      expect(withOptions(ALLOW, [obj])).toEqual([]);
    });
  test.each(shapes(spec(
    'ghcr.io.evil.com/acme/api:1', 'ghcr.io/acme-evil/api:1', 'ghcr.io/other/api:1', 'evil.com/123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:1',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.com/x:1', 'bitnami/redis:7', 'ghcr.io:443/acme/api:1', 'Bad Image',
  )))('%s: host and path prefix tricks fail', (_k, obj) => {
    const f = withOptions(ALLOW, [obj]);
    expect(f.map((x) => x.status)).toEqual(Array(8).fill('non-compliant'));
    expect(f[5].message).toContain('docker.io/bitnami/redis');
    expect(f[7].message).toContain('not a valid image reference');
  });
  test('docker.io means Docker Hub: nginx is docker.io/library/nginx', () => {
    expect(withOptions(['docker.io'], [workload('Pod', spec('nginx', 'bitnami/redis'))])).toEqual([]);
    expect(withOptions(['ghcr.io'], [workload('Pod', spec('nginx'))])).toHaveLength(1);
    expect(withOptions([], [workload('Pod', spec('ghcr.io/acme/x:1'))])).toHaveLength(1);
  });
  test('a one-name Docker Hub entry allows that official image and that organization, nothing else on Docker Hub', () => {
    const images = (...i: string[]) => [workload('Pod', spec(...i))];
    expect(withOptions(['docker.io/nginx'], images('nginx:1.25', 'docker.io/library/nginx:1', 'nginx/nginx-ingress:3'))).toEqual([]);
    const f = withOptions(['docker.io/nginx'], images('redis:7', 'nginxx:1', 'library/nginx-evil:1', 'ghcr.io/nginx:1'));
    expect(f.map((x) => x.findingId)).toEqual(['container:c0', 'container:c1', 'container:c2', 'container:c3']);
    // `docker.io/library` stays the prefix of every official image
    expect(withOptions(['docker.io/library'], images('redis:7', 'nginx:1'))).toEqual([]);
    expect(parseAllowedRegistry('docker.io/nginx')).toEqual({ entry: 'docker.io/nginx', host: 'docker.io', path: 'nginx', officialPath: 'library/nginx' });
  });
  test('malformed settings fail the run (error), never a silent pass', () => {
    const f = withOptions('ghcr.io', [workload('Pod', spec('nginx'))]);
    expect(f.map((x) => x.status)).toEqual(['error']);
    expect(withOptions(['https://ghcr.io'], [workload('Pod', spec('nginx'))]).map((x) => x.status)).toEqual(['error']);
  });
  test('allowlist entries', () => {
    expect(parseAllowedRegistry('GHCR.io/acme/')).toEqual({ entry: 'GHCR.io/acme/', host: 'ghcr.io', path: 'acme' });
    expect(parseAllowedRegistry('index.docker.io')).toMatchObject({ host: 'docker.io', path: '' });
    for (const bad of ['', 'https://ghcr.io', '*.ecr.aws', 'ghcr.io/*', 'ghcr io']) expect(typeof parseAllowedRegistry(bad)).toBe('string');
  });
});

describe('--allowed-registries', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-registries-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('parsed, repeatable, validated', () => {
    expect(parseArgs(['check', 'x', '--allowed-registries', 'ghcr.io/acme/,quay.io', '--allowed-registries=registry.example.com:5000'], false).allowedRegistries)
      .toEqual(['ghcr.io/acme/', 'quay.io', 'registry.example.com:5000']);
    expect(parseArgs(['check', 'x'], false).allowedRegistries).toBeUndefined();
    expect(() => parseArgs(['check', 'x', '--allowed-registries', 'https://ghcr.io'], false)).toThrow(/scheme/);
    expect(() => parseArgs(['check', 'x', '--allowed-registries', 'a,,b'], false)).toThrow(/empty/);
  });

  test('turns the rule on for the check run', () => {
    const f = path.join(dir, 'pod.yaml');
    fs.writeFileSync(f, stringify(workload('Pod', spec(`ghcr.io/other/app:1${D}`))));
    const ruleFindings = (argv: string[]) => JSON.parse(run(argv).stdout).findings.filter((x: any) => x.ruleId === 'k8s-workload-image-registry');
    expect(ruleFindings(['check', f, '--format', 'json'])).toEqual([]);
    expect(ruleFindings(['check', f, '--format', 'json', '--allowed-registries', 'ghcr.io/acme/'])).toHaveLength(1);
    expect(ruleFindings(['check', f, '--format', 'json', '--allowed-registries', 'ghcr.io/other'])).toEqual([]);
  });
});
