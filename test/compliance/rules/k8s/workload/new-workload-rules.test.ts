import { runEngine } from '../../../../../lib/compliance/engine';
import { parseManifests } from '../../../../../lib/compliance/loaders/kubernetes';
import { K8S_WORKLOAD_DEFAULT_NAMESPACE } from '../../../../../lib/compliance/rules/k8s/workload/default-namespace';
import { K8S_WORKLOAD_EPHEMERAL_STORAGE } from '../../../../../lib/compliance/rules/k8s/workload/ephemeral-storage';
import { K8S_WORKLOAD_FS_GROUP } from '../../../../../lib/compliance/rules/k8s/workload/fs-group';
import { K8S_WORKLOAD_RUN_AS_GROUP } from '../../../../../lib/compliance/rules/k8s/workload/run-as-group';
import { K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT } from '../../../../../lib/compliance/rules/k8s/workload/service-account-automount';
import { K8S_WORKLOAD_SUPPLEMENTAL_GROUPS } from '../../../../../lib/compliance/rules/k8s/workload/supplemental-groups';
import { check, ids, workload } from '../helpers';

const IMAGE = 'registry.example.com/app:1.2.3@sha256:' + 'c'.repeat(64);
const LIMITS = { 'memory': '256Mi', 'ephemeral-storage': '1Gi' };
const container = (extra: object = {}) => ({ name: 'app', image: IMAGE, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: LIMITS }, ...extra });
const spec = (extra: object = {}, c: object[] = [container()]) => ({ serviceAccountName: 'app', automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 }, containers: c, ...extra });

/** A custom resource with a pod template (Argo Rollout): found by the generic pod-spec search. */
const rollout = (podSpec: object, namespace: string | undefined = 'app') => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r', ...(namespace !== undefined ? { namespace } : {}) },
  spec: { selector: { matchLabels: { app: 'r' } }, strategy: { canary: {} }, template: { metadata: { labels: { app: 'r' } }, spec: podSpec } },
});
const shapes = (podSpec: object) => [
  ['Pod', workload('Pod', podSpec)],
  ['Deployment', workload('Deployment', podSpec)],
  ['CronJob', workload('CronJob', podSpec)],
  ['Rollout (CRD pod template)', rollout(podSpec)],
] as [string, object][];

describe('k8s-workload-run-as-group', () => {
  test.each(shapes(spec()))('%s: non-zero GID passes', (_k, obj) => {
    expect(check(K8S_WORKLOAD_RUN_AS_GROUP, obj)).toEqual([]);
  });
  test.each(shapes(spec({ securityContext: { runAsGroup: 0 } }, [container(), container({ name: 'side', securityContext: { runAsGroup: 3000 } })])))('%s: pod-level 0 fails for containers that do not override it', (_k, obj) => {
    const f = check(K8S_WORKLOAD_RUN_AS_GROUP, obj);
    expect(f.map((x) => x.findingId?.split('/').pop())).toEqual(['container:app']);
    expect(f[0].message).toContain('does not override');
  });
  test.each(shapes(spec({}, [container({ securityContext: { runAsGroup: 0 } })])))('%s: container-level 0 fails', (_k, obj) => {
    expect(check(K8S_WORKLOAD_RUN_AS_GROUP, obj)).toHaveLength(1);
  });
  test('the container overrides the pod; init and ephemeral containers count', () => {
    const all = spec({ securityContext: { runAsGroup: 0 } }, [container({ securityContext: { runAsGroup: 1 } })]);
    expect(check(K8S_WORKLOAD_RUN_AS_GROUP, workload('Pod', all))).toEqual([]);
    const init = spec({ initContainers: [{ name: 'init', image: IMAGE, securityContext: { runAsGroup: 0 } }], ephemeralContainers: [{ name: 'dbg', image: IMAGE, securityContext: { runAsGroup: 0 } }] });
    expect(ids(check(K8S_WORKLOAD_RUN_AS_GROUP, workload('Pod', init)))).toEqual(['k8s-workload-run-as-group[initContainer:init]', 'k8s-workload-run-as-group[ephemeralContainer:dbg]']);
    // unset is not reported (the image's group)
    expect(check(K8S_WORKLOAD_RUN_AS_GROUP, workload('Pod', spec({ securityContext: {} })))).toEqual([]);
  });
});

describe('k8s-workload-fs-group and k8s-workload-supplemental-groups', () => {
  test.each(shapes(spec({ securityContext: { fsGroup: 0, supplementalGroups: [1000, 0] } })))('%s: GID 0 fails', (_k, obj) => {
    expect(check(K8S_WORKLOAD_FS_GROUP, obj).map((f) => f.ruleId)).toEqual(['k8s-workload-fs-group']);
    const s = check(K8S_WORKLOAD_SUPPLEMENTAL_GROUPS, obj);
    expect(s).toHaveLength(1);
    expect(s[0].message).toContain('supplementalGroups[1] is 0');
  });
  test.each(shapes(spec({ securityContext: { fsGroup: 2000, supplementalGroups: [1000, 2000] } })))('%s: non-zero GIDs pass', (_k, obj) => {
    expect(check([K8S_WORKLOAD_FS_GROUP, K8S_WORKLOAD_SUPPLEMENTAL_GROUPS], obj)).toEqual([]);
  });
});

describe('k8s-workload-ephemeral-storage', () => {
  test.each(shapes(spec()))('%s: a limit passes', (_k, obj) => {
    expect(check(K8S_WORKLOAD_EPHEMERAL_STORAGE, obj)).toEqual([]);
  });
  test.each(shapes(spec({ initContainers: [{ name: 'init', image: IMAGE, resources: { requests: { 'ephemeral-storage': '1Gi' } } }] }, [container({ resources: { limits: { memory: '1Gi' } } })])))('%s: no limit fails (a request is not enough)', (_k, obj) => {
    expect(check(K8S_WORKLOAD_EPHEMERAL_STORAGE, obj).map((f) => f.findingId?.split('/').pop())).toEqual(['initContainer:init', 'container:app']);
  });
});

describe('k8s-workload-default-namespace', () => {
  const cm = (namespace?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(namespace !== undefined ? { namespace } : {}) }, data: { a: 'b' } });
  const inNs = (obj: any, namespace?: string) => {
    const o = JSON.parse(JSON.stringify(obj));
    if (namespace === undefined) delete o.metadata.namespace;
    else o.metadata.namespace = namespace;
    return o;
  };
  test.each(shapes(spec()))('%s in "default" fails, in its own namespace passes', (_k, obj) => {
    expect(ids(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, inNs(obj, 'default')))).toEqual(['k8s-workload-default-namespace[namespace]']);
    expect(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, obj)).toEqual([]);
  });
  test('other namespaced kinds; cluster-scoped kinds are not checked', () => {
    expect(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, cm('default'))).toHaveLength(1);
    expect(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }] } })).toHaveLength(1);
    expect(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] })).toEqual([]);
  });
  const run = (yaml: string, options?: Record<string, unknown>) => {
    const { resources } = parseManifests('x.yaml', yaml);
    const report = runEngine([K8S_WORKLOAD_DEFAULT_NAMESPACE], resources, options ? { ruleOptions: { 'k8s-workload-default-namespace': options } } : {});
    return report.findings;
  };
  const noNamespace = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: ""\ndata:\n  a: b\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n';
  test('no namespace counts as "default" (kubectl apply with the default context), also an empty one', () => {
    expect(ids(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, cm()))).toEqual(['k8s-workload-default-namespace[namespace]']);
    expect(ids(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, inNs(workload('Deployment', spec()))))).toEqual(['k8s-workload-default-namespace[namespace]']);
    for (const options of [undefined, { missingNamespace: 'default' }]) {
      const open = run(noNamespace, options).filter((f) => f.status === 'non-compliant');
      expect(open.map((f) => f.resource.type)).toEqual(['ConfigMap', 'Deployment']);
      expect(open[0].message).toContain('names no namespace');
      expect(open[0].message).toContain('missingNamespace: ignore');
    }
  });
  test('missingNamespace: ignore, for bundles applied into a namespace: only an explicit "default" is reported', () => {
    expect(run(noNamespace, { missingNamespace: 'ignore' })).toEqual([]);
    const explicit = run(noNamespace.replace('name: web\n', 'name: web\n  namespace: default\n'), { missingNamespace: 'ignore' });
    expect(explicit.map((f) => `${f.status} ${f.resource.type}`)).toEqual(['non-compliant Deployment']);
  });
  test('cluster-scoped objects without namespace are not checked', () => {
    expect(check(K8S_WORKLOAD_DEFAULT_NAMESPACE, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [] },
    ])).toEqual([]);
  });
  test('a malformed setting is a rule error, not a silent pass', () => {
    const findings = run(noNamespace, { missingNamespace: 'sometimes' });
    expect(findings.map((f) => f.status)).toEqual(['error', 'error']);
    expect(findings[0].message).toContain('"missingNamespace" must be "default" or "ignore"');
  });
});

describe('k8s-workload-service-account-automount', () => {
  const sa = (name: string, extra: object = {}, namespace = 'app') => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, ...extra });
  test('automountServiceAccountToken: false on the ServiceAccount passes', () => {
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, sa('app', { automountServiceAccountToken: false }))).toEqual([]);
  });
  test('unset or true fails when no checked pod uses it', () => {
    const f = check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, sa('app'));
    expect(ids(f)).toEqual(['k8s-workload-service-account-automount[automountServiceAccountToken]']);
    expect(f[0].message).toContain('no pod of the checked manifests');
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, sa('app', { automountServiceAccountToken: true }))).toHaveLength(1);
  });
  test.each(shapes(spec()))('passes when every pod using it (%s) opts out', (_k, obj) => {
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, [sa('app'), obj])).toEqual([]);
  });
  test.each(shapes(spec({ automountServiceAccountToken: undefined })))('fails when a pod using it (%s) mounts the token', (_k, obj) => {
    const f = check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, [sa('app'), workload('Job', spec()), obj]);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('without opting out');
  });
  test('pods of another namespace or ServiceAccount do not count', () => {
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, [sa('app', {}, 'other'), workload('Deployment', spec())])).toHaveLength(1);
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, [sa('default'), workload('Deployment', spec())])).toHaveLength(1);
    // a pod without serviceAccountName runs as "default"
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT, [sa('default'), workload('Deployment', spec({ serviceAccountName: undefined }))])).toEqual([]);
  });
});
