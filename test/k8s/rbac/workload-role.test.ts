import { WorkloadRole } from '../../../lib/k8s/rbac';
import { HardenedDeployment } from '../../../lib/k8s/workload';
import { bareChart, checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, objectsOf, only, overridesOf, suppressionsOf, synth } from '../helpers';
import { webContainer } from '../workload/fixtures';

function setup(namespace: string | undefined) {
  const chart = namespace === undefined ? bareChart() : testChart();
  const web = new HardenedDeployment(chart, 'web', { name: 'web', namespaceName: namespace, containers: [webContainer()], mountServiceAccountToken: { reason: 'Reads its ConfigMap through the API.' } });
  return { chart, web };
}

describe('WorkloadRole', () => {
  test('namespaced Role with exactly the grants, bound to the workload ServiceAccount; passes the pack', () => {
    const { chart, web } = setup('shop');
    const r = new WorkloadRole(chart, 'rbac', {
      workload: web,
      grants: [
        { apiGroup: '', resource: 'configmaps', verbs: ['get', 'watch'], resourceNames: ['web-config'] },
        { apiGroup: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'update'], resourceNames: ['web-leader'] },
      ],
    });
    const m = synth(chart);
    const role = only(m, 'Role');
    expect(role.metadata.namespace).toBe('shop');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch'], resourceNames: ['web-config'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: ['web-leader'] },
    ]);
    const rb = only(m, 'RoleBinding');
    expect(rb.metadata.namespace).toBe('shop');
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }]);
    expect(objectsOf(m, 'ClusterRole')).toEqual([]);
    expect(objectsOf(m, 'ClusterRoleBinding')).toEqual([]);
    expect(r.node.defaultChild).toBe(r.role);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test.each([
    ['wildcard verbs', { apiGroup: '', resource: 'configmaps', verbs: ['*'] }, 'k8s-rbac-wildcard'],
    ['wildcard resource', { apiGroup: 'apps', resource: '*', verbs: ['get'] }, 'k8s-rbac-wildcard'],
    ['wildcard api group', { apiGroup: '*', resource: 'deployments', verbs: ['get'] }, 'k8s-rbac-wildcard'],
    ['escalate', { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['escalate'] }, 'k8s-rbac-escalation-verbs'],
    ['bind', { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: ['bind'] }, 'k8s-rbac-escalation-verbs'],
    ['impersonate', { apiGroup: '', resource: 'serviceaccounts', verbs: ['impersonate'] }, 'k8s-rbac-escalation-verbs'],
    ['list secrets', { apiGroup: '', resource: 'secrets', verbs: ['list'] }, 'k8s-rbac-secrets-read'],
    ['watch secrets', { apiGroup: '', resource: 'secrets', verbs: ['watch'] }, 'k8s-rbac-secrets-read'],
    ['get all secrets', { apiGroup: '', resource: 'secrets', verbs: ['get'] }, 'k8s-rbac-secrets-read'],
    ['pods/exec', { apiGroup: '', resource: 'pods/exec', verbs: ['create'] }, 'k8s-rbac-pod-exec'],
    ['debug containers', { apiGroup: '', resource: 'pods/ephemeralcontainers', verbs: ['patch'] }, 'k8s-rbac-pod-exec'],
    ['create pods', { apiGroup: '', resource: 'pods', verbs: ['create'] }, 'k8s-rbac-create-pods'],
    ['create jobs', { apiGroup: 'batch', resource: 'jobs', verbs: ['create', 'delete'] }, 'k8s-rbac-create-pods'],
    ['mint tokens', { apiGroup: '', resource: 'serviceaccounts/token', verbs: ['create'], resourceNames: ['builder'] }, 'k8s-rbac-token-create'],
    ['port-forward', { apiGroup: '', resource: 'pods/portforward', verbs: ['create'] }, 'k8s-rbac-pod-portforward'],
  ])('%s refused without a justification; with one: recorded, exact finding suppressed', (_what, grant, rule) => {
    const { chart, web } = setup('shop');
    expectInvalid(() => new WorkloadRole(chart, 'bad', { workload: web, grants: [grant as any] }), 'test/bad', 'grants[0]');
    new WorkloadRole(chart, 'ok', { workload: web, grants: [{ apiGroup: '', resource: 'configmaps', verbs: ['get'], resourceNames: ['x'] }, { ...(grant as any), justification: { reason: 'Operator reconciles these objects by design.' } }] });
    const role = only(synth(chart), 'Role');
    expect(overridesOf(role)).toEqual([{ property: 'grants[1]', reason: 'Operator reconciles these objects by design.' }]);
    expect(suppressionsOf(role).map((s) => s.id)).toContain(`${rule}[rule:1]`);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('cluster-wide risky grants decided by the rules: nodes/proxy, PersistentVolumes, admission configuration', () => {
    for (const grant of [
      { apiGroup: '', resource: 'nodes/proxy', verbs: ['get'] },
      { apiGroup: '', resource: 'persistentvolumes', verbs: ['create'] },
      { apiGroup: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies', verbs: ['update'] },
    ]) {
      const { chart, web } = setup('shop');
      const clusterWide = { reason: 'Platform operator with cluster duties.' };
      expectInvalid(() => new WorkloadRole(chart, 'bad', { workload: web, grants: [grant], clusterWide }), 'test/bad', 'grants[0]');
      new WorkloadRole(chart, 'ok', { workload: web, grants: [{ ...grant, justification: { reason: 'Operator reconciles these objects by design.' } }], clusterWide });
      expect(openK8sFindings(checkChart(chart))).toEqual([]);
    }
  });

  test('CSR approval takes a justification on both halves, which suppresses the role finding', () => {
    const approval = { apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests/approval', verbs: ['update'] };
    const signers = { apiGroup: 'certificates.k8s.io', resource: 'signers', verbs: ['approve'], resourceNames: ['example.com/internal'] };
    const clusterWide = { reason: 'Approver for the internal signer.' };
    const { chart, web } = setup('shop');
    const err = expectInvalid(() => new WorkloadRole(chart, 'bad', { workload: web, grants: [approval, signers], clusterWide }), 'test/bad', 'grants[0]');
    expect(err.problems.map((p) => p.property)).toContain('grants[1]');
    // one half alone is not risky
    new WorkloadRole(chart, 'half', { workload: web, grants: [signers], clusterWide });
    const justification = { reason: 'Approves CSRs of the internal signer only.' };
    new WorkloadRole(chart, 'ok', { workload: web, grants: [{ ...approval, justification }, { ...signers, justification }], clusterWide });
    const report = checkChart(chart);
    expect(openK8sFindings(report)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'k8s-rbac-csr-approval').map((f) => f.status)).toEqual(['suppressed']);
    expect(report.unusedSuppressions).toEqual([]);
  });

  test('getting named secrets is fine without justification', () => {
    const { chart, web } = setup('shop');
    new WorkloadRole(chart, 'r', { workload: web, grants: [{ apiGroup: '', resource: 'secrets', verbs: ['get'], resourceNames: ['web-tls'] }] });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('cluster-wide only with a reason: ClusterRole + ClusterRoleBinding, recorded', () => {
    const { chart, web } = setup('shop');
    new WorkloadRole(chart, 'r', { workload: web, grants: [{ apiGroup: '', resource: 'nodes', verbs: ['get', 'list'] }], clusterWide: { reason: 'Node inventory exporter reads all nodes.' } });
    const m = synth(chart);
    expect(objectsOf(m, 'Role')).toEqual([]);
    const crb = only(m, 'ClusterRoleBinding');
    expect(crb.metadata.namespace).toBeUndefined();
    expect(crb.roleRef.kind).toBe('ClusterRole');
    expect(crb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }]);
    expect(overridesOf(crb)).toEqual([{ property: 'clusterWide', reason: 'Node inventory exporter reads all nodes.' }]);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('bad input', () => {
    const { chart, web } = setup('shop');
    expectInvalid(() => new WorkloadRole(chart, 'a', { workload: web, grants: [] }), 'test/a', 'grants');
    expectInvalid(() => new WorkloadRole(chart, 'b', { workload: web, grants: [{ apiGroup: '', resource: 'configmaps', verbs: ['read'] }] }), 'test/b', 'grants[0].verbs');
    expectInvalid(() => new WorkloadRole(chart, 'c', { workload: web, grants: [{ apiGroup: '', resource: 'nodes', verbs: ['get'] }] }), 'test/c', 'grants[0].resource', /cluster-scoped/);
    expectInvalid(() => new WorkloadRole(chart, 'd', { workload: web, grants: [{ apiGroup: '', resource: 'configmaps', verbs: ['get'], justification: { reason: 'no risk here at all' } }] }), 'test/d', 'grants[0].justification');
    expectInvalid(() => new WorkloadRole(chart, 'e', { workload: web, grants: [{ apiGroup: '', resource: 'secrets', verbs: ['list'], justification: { reason: 'short' } }] }), 'test/e', 'grants[0].justification.reason');
    expectInvalid(() => new WorkloadRole(chart, 'f', { workload: web, grants: [{ apiGroup: '', resource: 'configmaps', verbs: ['get'], resourceNames: ['*'] }] }), 'test/f', 'grants[0].resourceNames');
    const noNs = setup(undefined);
    expectInvalid(() => new WorkloadRole(noNs.chart, 'g', { workload: noNs.web, grants: [{ apiGroup: '', resource: 'configmaps', verbs: ['get'] }] }), 'test/g', 'workload', /no namespace/);
  });
});
