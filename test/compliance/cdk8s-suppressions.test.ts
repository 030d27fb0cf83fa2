import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { run } from '../../lib/cli/main';
import { K8sCompliance, checkK8sScope, k8sResourcesOf } from '../../lib/compliance/k8s-checks';
import { K8S_SUPPRESSIONS_ANNOTATION, Suppressions } from '../../lib/compliance/suppressions';
import { HardenedDeployment } from '../../lib/k8s/workload';
import { webContainer } from '../k8s/workload/fixtures';

const REASON = 'The host network is needed by this node agent.';
const pod = (scope: Construct, id: string) => new ApiObject(scope, id, {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: id.toLowerCase(), namespace: 'app' },
  spec: { hostNetwork: true, containers: [{ name: 'c', image: 'nginx' }] },
});
const annotation = (o: any) => o.metadata?.annotations?.[K8S_SUPPRESSIONS_ANNOTATION];
const hostNetwork = (o: any) => JSON.parse(annotation(o) ?? '[]').filter((e: any) => e.id === 'k8s-pss-host-namespaces[hostNetwork]');

describe('Suppressions.of on cdk8s constructs reach the synthesized manifest without K8sCompliance.enable', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cdk8s-sup-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('on the object, on an ancestor declared before the object exists, and after', () => {
    const chart = new Chart(Testing.app(), 'c');
    const group = new Construct(chart, 'Agents');
    Suppressions.of(group).add({ id: 'k8s-pss-host-namespaces[hostNetwork]', reason: REASON }); // before the objects
    const a = pod(group, 'A');
    const b = pod(chart, 'B');
    Suppressions.of(b).add({ id: 'k8s-pss-host-namespaces[hostNetwork]', reason: REASON }); // on the object
    pod(chart, 'C'); // no suppression
    const late = pod(group, 'Late'); // created after the ancestor's suppression
    Suppressions.of(chart).add({ id: 'k8s-workload-image-digest', reason: 'Images are pinned by the admission policy.' }); // after
    const objects = Testing.synth(chart);
    const byName = (n: string) => objects.find((o) => o.metadata.name === n);
    const [ja, jb, jc, jl] = ['a', 'b', 'c', 'late'].map(byName);
    // each copy names the construct that declared it (one declaration, reported once)
    expect(hostNetwork(ja)).toEqual([{ id: 'k8s-pss-host-namespaces[hostNetwork]', reason: REASON, declaredAt: 'c/Agents' }]);
    expect(hostNetwork(jb)).toHaveLength(1);
    expect(hostNetwork(jc)).toEqual([]);
    expect(hostNetwork(jl)).toHaveLength(1);
    for (const o of [ja, jb, jc, jl]) expect(JSON.parse(annotation(o)).map((e: any) => e.id)).toContain('k8s-workload-image-digest');
    expect(a.toJson()).toEqual(ja);
    expect(late.node.path).toBe('c/Agents/Late');
  });

  test('plain app.synth(), then `secure-constructs check dist/`: the suppression is applied; the chart needs no K8sCompliance', () => {
    const outdir = path.join(dir, 'dist');
    const app = new App({ outdir });
    const chart = new Chart(app, 'agents');
    const agent = pod(chart, 'Agent');
    Suppressions.of(agent).add({ id: 'k8s-pss-host-namespaces[hostNetwork]', reason: REASON });
    app.synth();
    const r = run(['check', outdir, '--pack', 'pss-baseline', '--format', 'json', '--show-suppressed']);
    const findings = JSON.parse(r.stdout).findings.filter((f: any) => f.ruleId === 'k8s-pss-host-namespaces');
    expect(findings).toEqual([expect.objectContaining({ status: 'suppressed', suppression: { reason: REASON, source: 'annotation' } })]);
  });

  test('synth-time checks are read-only and count each suppression once', () => {
    const chart = new Chart(Testing.app(), 'ro');
    const agent = pod(chart, 'Agent');
    Suppressions.of(agent).add({ id: 'k8s-pss-host-namespaces[hostNetwork]', reason: REASON });
    const before = JSON.stringify(Testing.synth(chart));
    checkK8sScope(chart);
    checkK8sScope(chart);
    expect(JSON.stringify(Testing.synth(chart))).toBe(before);
    const [resource] = k8sResourcesOf(chart);
    expect(resource.suppressions.filter((s) => s.ruleId === 'k8s-pss-host-namespaces')).toEqual([
      expect.objectContaining({ source: 'construct', declaredAt: 'ro/Agent', reason: REASON }),
    ]);
    K8sCompliance.enable(chart);
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('k8s-pss-run-as-non-root'); // other findings still fail synth
    expect(message).not.toContain('k8s-pss-host-namespaces'); // the suppressed one does not
    expect(JSON.stringify([agent.toJson()])).toBe(before);
  });

  test('merged with annotations the constructs write themselves, without duplicates', () => {
    const chart = new Chart(Testing.app(), 'm');
    const web = new HardenedDeployment(chart, 'Web', { namespaceName: 'shop', containers: [webContainer()] });
    Suppressions.of(web).add({ id: 'k8s-workload-probes', reason: 'Probes are added by the mesh sidecar injector.' });
    Suppressions.of(web).add({ id: 'k8s-workload-probes', reason: 'Probes are added by the mesh sidecar injector.' });
    const dep = Testing.synth(chart).find((o) => o.kind === 'Deployment');
    const list = JSON.parse(annotation(dep));
    expect(list.filter((e: any) => e.id === 'k8s-workload-probes')).toHaveLength(1);
    // the construct's own entries are kept
    expect(list.length).toBeGreaterThan(1);
  });

  test('cdk8s-plus constructs: a suppression on the construct reaches its ApiObject', () => {
    const chart = new Chart(Testing.app(), 'kp');
    const d = new kplus.Deployment(chart, 'Plain', { containers: [{ image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }] });
    Suppressions.of(d).add({ id: 'k8s-pss-run-as-non-root', reason: 'Legacy image, tracked in TICKET-42.' });
    const dep = Testing.synth(chart).find((o) => o.kind === 'Deployment');
    expect(JSON.parse(annotation(dep))).toEqual([{ id: 'k8s-pss-run-as-non-root', reason: 'Legacy image, tracked in TICKET-42.', declaredAt: 'kp/Plain' }]);
    const report = checkK8sScope(chart, { packs: ['pss-restricted'] });
    expect(report.findings.filter((f) => f.ruleId === 'k8s-pss-run-as-non-root').every((f) => f.status === 'suppressed')).toBe(true);
  });
});

describe('synth-time checks judge what kubectl reads', () => {
  test('a string cdk8s writes unquoted but kubectl reads as a number fails synth with the path', () => {
    const chart = new Chart(Testing.app(), 'q');
    new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { mode: '0o17' } });
    expect(() => checkK8sScope(chart)).toThrow(/\[q\/Cm\] data\.mode is "0o17" in the construct but 15 as kubectl reads it/);
  });
});
