import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { SAFE_CONTAINER, check, ids, safeSpec, workload } from './helpers';
import { run } from '../../../../lib/cli/main';
import { runEngine } from '../../../../lib/compliance/engine';
import { parseManifests } from '../../../../lib/compliance/loaders/kubernetes';
import { ALL_RULES } from '../../../../lib/compliance/rules';
import { POD_RULE_TARGETS, POD_TEMPLATE_TRAIT, findPodSpecs } from '../../../../lib/compliance/rules/k8s/pod';
import { K8S_PSS_HOST_NAMESPACES } from '../../../../lib/compliance/rules/k8s/pss/host-namespaces';
import { K8S_PSS_PRIVILEGED } from '../../../../lib/compliance/rules/k8s/pss/privileged';

const BAD = { ...SAFE_CONTAINER, securityContext: { ...SAFE_CONTAINER.securityContext, privileged: true } };
const badSpec = () => safeSpec({ containers: [BAD] });
const meta = (name: string) => ({ name, namespace: 'app' });

const HOLDERS: Record<string, object> = {
  'Argo Rollout': { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: meta('r'), spec: { strategy: { canary: {} }, template: { metadata: { labels: { a: 'b' } }, spec: badSpec() } } },
  'Knative Service': { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: meta('ks'), spec: { template: { spec: badSpec() } } },
  'OpenShift DeploymentConfig': { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', metadata: meta('dc'), spec: { replicas: 1, template: { spec: badSpec() } } },
  'KEDA ScaledJob (jobTemplate)': { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: meta('sj'), spec: { jobTemplate: { spec: { template: { spec: badSpec() } } } } },
  'any CRD with spec.template.spec.containers': { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('w'), spec: { template: { spec: badSpec() } } },
};
const PATHS: Record<string, string> = {
  'Argo Rollout': 'spec.template.spec',
  'Knative Service': 'spec.template.spec',
  'OpenShift DeploymentConfig': 'spec.template.spec',
  'KEDA ScaledJob (jobTemplate)': 'spec.jobTemplate.spec.template.spec',
  'any CRD with spec.template.spec.containers': 'spec.template.spec',
};

describe('pod specs outside the built-in kinds get every pod rule', () => {
  test.each(Object.keys(HOLDERS))('%s: found, with the path in the message', (name) => {
    const f = check(K8S_PSS_PRIVILEGED, HOLDERS[name]);
    expect(ids(f)).toEqual(['k8s-pss-privileged[container:app]']);
    expect(f[0].message).toBe(`Pod spec at ${PATHS[name]}: container "app" sets securityContext.privileged=true (${PATHS[name]}.containers[0]).`);
  });

  test('every rule that runs on a Deployment runs on a Rollout with the same pod template (and on nothing less)', () => {
    const spec = safeSpec({ hostNetwork: true, containers: [{ ...BAD, image: 'nginx:latest' }] });
    const dep = workload('Deployment', spec);
    const rollout = { ...(dep as any), apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: meta('rollout') };
    const { resources } = parseManifests('x.yaml', [dep, rollout].map((o) => stringify(o, { version: '1.1' })).join('---\n'));
    expect(resources[1].traits).toEqual([POD_TEMPLATE_TRAIT]);
    const report = runEngine(ALL_RULES.filter((r) => r.platform === 'k8s'), resources);
    const rulesOn = (key: string) => report.evaluations.filter((e) => e.resourceKey === key).map((e) => e.ruleId).sort();
    expect(rulesOn(resources[1].key)).toEqual(rulesOn(resources[0].key));
    const findingIds = (key: string) => report.findings.filter((x) => x.resource.key === key).map((x) => `${x.ruleId}[${x.findingId}]`).sort();
    expect(findingIds(resources[1].key)).toEqual(findingIds(resources[0].key));
    expect(rulesOn(resources[1].key).length).toBeGreaterThan(20);
  });

  test('several pod specs (Kubeflow TFJob): each is checked, finding ids name the pod spec', () => {
    const tfjob = {
      apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: meta('train'),
      spec: { tfReplicaSpecs: { Worker: { replicas: 2, template: { spec: badSpec() } }, PS: { template: { spec: safeSpec({ hostPID: true }) } } } },
    };
    expect(ids(check([K8S_PSS_PRIVILEGED, K8S_PSS_HOST_NAMESPACES], tfjob)).sort()).toEqual([
      'k8s-pss-host-namespaces[spec.tfReplicaSpecs.PS.template.spec/hostPID]',
      'k8s-pss-privileged[spec.tfReplicaSpecs.Worker.template.spec/container:app]',
    ]);
  });

  test('other shapes: a pod spec at spec (Knative Revision), in lists (Volcano tasks), nested (JobSet), without containers (jobTemplate)', () => {
    const revision = { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', metadata: meta('rev'), spec: { containers: [BAD] } };
    expect(ids(check(K8S_PSS_PRIVILEGED, revision))).toEqual(['k8s-pss-privileged[container:app]']);
    const volcano = { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: meta('v'), spec: { tasks: [{ name: 'a', template: { spec: safeSpec() } }, { name: 'b', template: { spec: badSpec() } }] } };
    expect(ids(check(K8S_PSS_PRIVILEGED, volcano))).toEqual(['k8s-pss-privileged[spec.tasks[1].template.spec/container:app]']);
    const jobset = { apiVersion: 'jobset.x-k8s.io/v1alpha2', kind: 'JobSet', metadata: meta('js'), spec: { replicatedJobs: [{ name: 'w', template: { spec: { template: { spec: badSpec() } } } }] } };
    expect(check(K8S_PSS_PRIVILEGED, jobset)[0].message).toContain('Pod spec at spec.replicatedJobs[0].template.spec.template.spec');
    const noContainers = { apiVersion: 'example.com/v1', kind: 'Runner', metadata: meta('n'), spec: { jobTemplate: { spec: { template: { spec: { hostNetwork: true } } } } } };
    expect(ids(check(K8S_PSS_HOST_NAMESPACES, noContainers))).toEqual(['k8s-pss-host-namespaces[hostNetwork]']);
  });

  test('objects that only look alike get no pod rules: an ApplicationSet template, status, metadata, built-in API groups', () => {
    const appset = { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: meta('a'), spec: { template: { spec: { project: 'x', source: {}, destination: {} } } } };
    const statusOnly = { apiVersion: 'example.com/v1', kind: 'X', metadata: { ...meta('s'), annotations: { note: 'containers' } }, status: { template: { spec: { containers: [BAD] } } } };
    const coreService = { apiVersion: 'v1', kind: 'Service', metadata: meta('svc'), spec: { template: { spec: { containers: [BAD] } } } };
    const { resources } = parseManifests('x.yaml', [appset, statusOnly, coreService].map((o) => stringify(o, { version: '1.1' })).join('---\n'));
    // (the annotated one carries the annotations trait, not the pod-template one)
    expect(resources.map((r) => r.traits?.includes(POD_TEMPLATE_TRAIT) ?? false)).toEqual([false, false, false]);
    expect(findPodSpecs(appset)).toEqual([]);
  });

  test('built-in kinds keep their finding ids and messages', () => {
    const f = check(K8S_PSS_PRIVILEGED, workload('Deployment', badSpec()));
    expect(ids(f)).toEqual(['k8s-pss-privileged[container:app]']);
    expect(f[0].message).toBe('container "app" sets securityContext.privileged=true (spec.template.spec.containers[0]).');
    expect(POD_RULE_TARGETS).toContain(POD_TEMPLATE_TRAIT);
  });

  test('a suppression annotation on the custom resource works with the plain finding id', () => {
    const r = { ...(HOLDERS['Argo Rollout'] as any) };
    r.metadata = { ...r.metadata, annotations: { 'secure-constructs.dev/suppressions': JSON.stringify([{ id: 'k8s-pss-privileged[container:app]', reason: 'Needs raw device access for the demo.' }]) } };
    expect(check(K8S_PSS_PRIVILEGED, r)).toEqual([]);
  });
});

describe('evasions combined: privileged: Yes in a Rollout, in a List item, through a merge key, in a dotfile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-evasion-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the CLI finds it (and only reads it as kubectl would)', () => {
    fs.mkdirSync(path.join(dir, '.deploy'));
    fs.writeFileSync(path.join(dir, '.deploy', '.rollout.yaml'), `# looks harmless
apiVersion: v1
kind: List
items:
  - apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: sneaky, namespace: app}
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: on, seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: app
              image: registry.example.com/app@sha256:${'a'.repeat(64)}
              securityContext:
                privileged: false
                <<: &hidden {privileged: Yes, allowPrivilegeEscalation: y}
                capabilities: {drop: [ALL]}
`);
    const r = run(['check', dir, '--pack', 'pss-baseline', '--pack', 'pss-restricted', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const findings = JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId}[${f.findingId}] ${f.resource.type} ${f.line}`);
    expect(findings).toEqual(expect.arrayContaining([
      'k8s-pss-privileged[container:app] Rollout 5',
      'k8s-pss-allow-privilege-escalation[container:app] Rollout 5',
    ]));
  });
});
