import { RULES } from '../../../../../lib/compliance/rules/k8s/rbac';
import { K8S_RBAC_ADMISSION_WEBHOOKS } from '../../../../../lib/compliance/rules/k8s/rbac/admission-webhooks';
import { isBuiltinRole } from '../../../../../lib/compliance/rules/k8s/rbac/builtin-roles';
import { K8S_RBAC_CREATE_PERSISTENT_VOLUMES } from '../../../../../lib/compliance/rules/k8s/rbac/create-persistent-volumes';
import { K8S_RBAC_CREATE_PODS } from '../../../../../lib/compliance/rules/k8s/rbac/create-pods';
import { K8S_RBAC_CSR_APPROVAL } from '../../../../../lib/compliance/rules/k8s/rbac/csr-approval';
import { K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING } from '../../../../../lib/compliance/rules/k8s/rbac/default-service-account-binding';
import { K8S_RBAC_DELETE_EVENTS } from '../../../../../lib/compliance/rules/k8s/rbac/delete-events';
import { K8S_RBAC_NODES_PROXY } from '../../../../../lib/compliance/rules/k8s/rbac/nodes-proxy';
import { K8S_RBAC_POD_PORTFORWARD } from '../../../../../lib/compliance/rules/k8s/rbac/pod-portforward';
import { K8S_RBAC_SYSTEM_GROUP_BINDING } from '../../../../../lib/compliance/rules/k8s/rbac/system-group-binding';
import { K8S_RBAC_TOKEN_CREATE } from '../../../../../lib/compliance/rules/k8s/rbac/token-create';
import { K8S_RBAC_WILDCARD } from '../../../../../lib/compliance/rules/k8s/rbac/wildcard';
import { check, ids } from '../helpers';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (rules: object[], kind = 'Role', metadata: object = {}) => ({
  apiVersion: RBAC, kind, metadata: kind === 'Role' ? { name: 'r', namespace: 'app', ...metadata } : { name: 'r', ...metadata }, rules,
});
const binding = (kind: string, subjects: object[], roleName = 'view') => ({
  apiVersion: RBAC, kind, metadata: kind === 'RoleBinding' ? { name: 'b', namespace: 'app' } : { name: 'b' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects,
});
const one = (rule: any, doc: object) => ids(check(rule, doc));

describe('k8s-rbac-create-pods (CIS 5.1.4)', () => {
  test.each([
    [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
    [{ apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'create'] }],
    [{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['*'] }],
    [{ apiGroups: ['*'], resources: ['*'], verbs: ['create'] }],
    [{ apiGroups: ['extensions'], resources: ['daemonsets'], verbs: ['create'] }],
  ])('%j', (rule) => {
    expect(one(K8S_RBAC_CREATE_PODS, role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }, rule]))).toEqual(['k8s-rbac-create-pods[rule:1]']);
  });
  test('update/patch of workloads, create elsewhere, and named rules (which cannot authorize create) are fine', () => {
    expect(check(K8S_RBAC_CREATE_PODS, role([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: [''], resources: ['configmaps', 'pods/log'], verbs: ['create', 'get'] },
      { apiGroups: ['example.com'], resources: ['pods'], verbs: ['create'] },
      { apiGroups: [''], resources: ['pods'], resourceNames: ['p'], verbs: ['*'] },
    ]))).toEqual([]);
  });
});

describe('k8s-rbac-system-group-binding', () => {
  test.each([
    [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:anonymous' }, 'User:system:anonymous'],
    [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:unauthenticated' }, 'Group:system:unauthenticated'],
    [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' }, 'Group:system:authenticated'],
    [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }, 'Group:system:masters'],
    [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts' }, 'Group:system:serviceaccounts'],
  ])('%j', (subject, id) => {
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      const f = check(K8S_RBAC_SYSTEM_GROUP_BINDING, binding(kind, [{ kind: 'User', name: 'alice' }, subject]));
      expect(ids(f)).toEqual([`k8s-rbac-system-group-binding[${id}]`]);
      expect(f[0].severity).toBe('error');
    }
  });
  test('named users, groups and service-account groups are fine', () => {
    expect(check(K8S_RBAC_SYSTEM_GROUP_BINDING, binding('ClusterRoleBinding', [
      { kind: 'Group', name: 'platform-admins' }, { kind: 'User', name: 'system:anonymous-ish' }, { kind: 'ServiceAccount', name: 'app', namespace: 'app' },
      { kind: 'Group', name: 'system:serviceaccounts:app' },
    ]))).toEqual([]);
  });
});

describe('k8s-rbac-nodes-proxy (CIS 5.1.10)', () => {
  test('any verb on nodes/proxy, also through nodes/* and "*"', () => {
    for (const resources of [['nodes/proxy'], ['nodes/*'], ['*']]) {
      expect(one(K8S_RBAC_NODES_PROXY, role([{ apiGroups: [''], resources, verbs: ['get'] }], 'ClusterRole'))).toEqual(['k8s-rbac-nodes-proxy[rule:0]']);
    }
  });
  test('nodes, nodes/metrics and nodes/stats are fine', () => {
    expect(check(K8S_RBAC_NODES_PROXY, role([{ apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'nodes/stats'], verbs: ['get', 'list'] }], 'ClusterRole'))).toEqual([]);
  });
});

describe('k8s-rbac-csr-approval (CIS 5.1.11)', () => {
  const approval = { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] };
  const signers = { apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['kubernetes.io/kube-apiserver-client'], verbs: ['approve'] };
  test('approval update together with approve on a signer', () => {
    const f = check(K8S_RBAC_CSR_APPROVAL, role([{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['get', 'list'] }, approval, signers], 'ClusterRole'));
    expect(ids(f)).toEqual(['k8s-rbac-csr-approval[csr-approval]']);
    expect(f[0].message).toContain('rules[1]');
    expect(f[0].message).toContain('kubernetes.io/kube-apiserver-client');
    expect(check(K8S_RBAC_CSR_APPROVAL, role([{ apiGroups: ['certificates.k8s.io'], resources: ['*'], verbs: ['*'] }], 'ClusterRole'))).toHaveLength(1);
  });
  test('either half alone, or reading CSRs, cannot approve', () => {
    expect(check(K8S_RBAC_CSR_APPROVAL, role([approval], 'ClusterRole'))).toEqual([]);
    expect(check(K8S_RBAC_CSR_APPROVAL, role([signers], 'ClusterRole'))).toEqual([]);
    expect(check(K8S_RBAC_CSR_APPROVAL, role([{ ...approval, verbs: ['get'] }, signers], 'ClusterRole'))).toEqual([]);
  });

  describe('across roles and bindings', () => {
    const cr = (name: string, rules: object[], labels?: object, extra: object = {}) => ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules, ...extra });
    const crb = (name: string, roleName: string, subjects: object[]) => ({
      apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects,
    });
    const sa = (name: string, namespace = 'certs') => ({ kind: 'ServiceAccount', name, namespace });
    const approver = cr('csr-approver', [approval]);
    const signer = cr('csr-signer', [signers]);

    test('a subject that gets approval and signer approve through two ClusterRoleBindings: reported on both bindings', () => {
      const f = check(K8S_RBAC_CSR_APPROVAL, [approver, signer, crb('approve', 'csr-approver', [sa('issuer')]), crb('sign', 'csr-signer', [sa('issuer'), sa('other')])]);
      expect(f.map((x) => `${x.resource.objectName}[${x.findingId}]`)).toEqual(['approve[subject:ServiceAccount:certs/issuer]', 'sign[subject:ServiceAccount:certs/issuer]']);
      expect(f[0].message).toContain('ClusterRole "csr-approver" (ClusterRoleBinding "approve")');
      expect(f[0].message).toContain('ClusterRole "csr-signer" (ClusterRoleBinding "sign")');
    });

    test('a half granted to a group the subject belongs to counts (system:serviceaccounts, system:authenticated)', () => {
      const viaGroup = check(K8S_RBAC_CSR_APPROVAL, [approver, signer,
        crb('approve', 'csr-approver', [sa('issuer')]),
        crb('sign', 'csr-signer', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:certs' }])]);
      expect(ids(viaGroup)).toEqual(['k8s-rbac-csr-approval[subject:ServiceAccount:certs/issuer]', 'k8s-rbac-csr-approval[subject:ServiceAccount:certs/issuer]']);
      expect(viaGroup[1].message).toContain('to Group system:serviceaccounts:certs');
      const user = check(K8S_RBAC_CSR_APPROVAL, [approver, signer,
        crb('approve', 'csr-approver', [{ kind: 'Group', name: 'system:authenticated' }]), crb('sign', 'csr-signer', [{ kind: 'User', name: 'alice' }])]);
      expect([...new Set(ids(user))]).toEqual(['k8s-rbac-csr-approval[subject:User:alice]']);
    });

    test('an aggregated ClusterRole that collects both halves: reported on its binding', () => {
      const aggregated = cr('csr-admin', [], undefined, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-csr-admin': 'true' } }] } });
      const f = check(K8S_RBAC_CSR_APPROVAL, [aggregated,
        cr('part-a', [approval], { 'example.com/aggregate-to-csr-admin': 'true' }), cr('part-b', [signers], { 'example.com/aggregate-to-csr-admin': 'true' }),
        crb('admins', 'csr-admin', [{ kind: 'Group', name: 'csr-admins' }])]);
      expect(f.map((x) => `${x.resource.objectName}[${x.findingId}]`)).toEqual(['admins[subject:Group:csr-admins]']);
    });

    test('fine: different subjects, RoleBindings (no cluster-scoped grants), roles not in the run, one role with both (the role is reported itself)', () => {
      expect(check(K8S_RBAC_CSR_APPROVAL, [approver, signer, crb('approve', 'csr-approver', [sa('a')]), crb('sign', 'csr-signer', [sa('b')])])).toEqual([]);
      expect(check(K8S_RBAC_CSR_APPROVAL, [approver, signer, crb('approve', 'csr-approver', [sa('a')]),
        { ...binding('RoleBinding', [sa('a')], 'csr-signer'), metadata: { name: 'rb', namespace: 'certs' } }])).toEqual([]);
      expect(check(K8S_RBAC_CSR_APPROVAL, [approver, crb('approve', 'csr-approver', [sa('a')]), crb('sign', 'not-in-the-run', [sa('a')])])).toEqual([]);
      const both = check(K8S_RBAC_CSR_APPROVAL, [cr('both', [approval, signers]), signer, crb('b1', 'both', [sa('a')]), crb('b2', 'csr-signer', [sa('a')])]);
      expect(both.map((x) => `${x.resource.type}/${x.resource.objectName}[${x.findingId}]`)).toEqual(['ClusterRole/both[csr-approval]']);
    });
  });
});

describe('k8s-rbac-delete-events (kubescape C-0031)', () => {
  test.each([
    [{ apiGroups: [''], resources: ['events'], verbs: ['delete'] }],
    [{ apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['deletecollection'] }],
    [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  ])('%j', (rule) => {
    expect(one(K8S_RBAC_DELETE_EVENTS, role([{ apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch', 'create', 'patch'] }, rule], 'ClusterRole'))).toEqual(['k8s-rbac-delete-events[rule:1]']);
  });
  test('recording and reading events is fine; the default roles of a cluster export are exempt', () => {
    expect(check(K8S_RBAC_DELETE_EVENTS, role([{ apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'update', 'patch', 'get', 'list'] }]))).toEqual([]);
    expect(check(K8S_RBAC_DELETE_EVENTS, role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'ClusterRole', { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }))).toEqual([]);
  });
});

describe('k8s-rbac-admission-webhooks (CIS 5.1.12)', () => {
  test.each([['validatingwebhookconfigurations', 'create'], ['mutatingwebhookconfigurations', 'patch'], ['validatingadmissionpolicies', 'delete'], ['validatingadmissionpolicybindings', 'update'], ['*', '*']])('%s %s', (resource, verb) => {
    expect(one(K8S_RBAC_ADMISSION_WEBHOOKS, role([{ apiGroups: ['admissionregistration.k8s.io'], resources: [resource], verbs: [verb] }], 'ClusterRole'))).toEqual(['k8s-rbac-admission-webhooks[rule:0]']);
  });
  test('read-only access is fine', () => {
    expect(check(K8S_RBAC_ADMISSION_WEBHOOKS, role([{ apiGroups: ['admissionregistration.k8s.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] }], 'ClusterRole'))).toEqual([]);
  });
});

describe('k8s-rbac-token-create (CIS 5.1.13)', () => {
  test('create on serviceaccounts/token, also named or through serviceaccounts/*', () => {
    expect(one(K8S_RBAC_TOKEN_CREATE, role([{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }]))).toEqual(['k8s-rbac-token-create[rule:0]']);
    const f = check(K8S_RBAC_TOKEN_CREATE, role([{ apiGroups: [''], resources: ['serviceaccounts/*'], resourceNames: ['builder'], verbs: ['create'] }]));
    expect(f[0].message).toContain('service accounts builder');
  });
  test('reading service accounts is fine', () => {
    expect(check(K8S_RBAC_TOKEN_CREATE, role([{ apiGroups: [''], resources: ['serviceaccounts', 'serviceaccounts/token'], verbs: ['get', 'list'] }]))).toEqual([]);
  });
});

describe('k8s-rbac-create-persistent-volumes (CIS 5.1.9)', () => {
  test('create on persistentvolumes', () => {
    expect(one(K8S_RBAC_CREATE_PERSISTENT_VOLUMES, role([{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create', 'delete'] }], 'ClusterRole'))).toEqual(['k8s-rbac-create-persistent-volumes[rule:0]']);
  });
  test('claims, and reading volumes, are fine', () => {
    expect(check(K8S_RBAC_CREATE_PERSISTENT_VOLUMES, role([
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] }, { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list'] },
    ], 'ClusterRole'))).toEqual([]);
  });
});

describe('k8s-rbac-pod-portforward', () => {
  test('pods/portforward (create), also through */portforward', () => {
    expect(one(K8S_RBAC_POD_PORTFORWARD, role([{ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }]))).toEqual(['k8s-rbac-pod-portforward[rule:0]']);
    expect(one(K8S_RBAC_POD_PORTFORWARD, role([{ apiGroups: [''], resources: ['*/portforward'], verbs: ['get'] }]))).toEqual(['k8s-rbac-pod-portforward[rule:0]']);
  });
  test('services/proxy or pods are not port-forward', () => {
    expect(check(K8S_RBAC_POD_PORTFORWARD, role([{ apiGroups: [''], resources: ['pods', 'services/portforward'], verbs: ['get'] }]))).toEqual([]);
  });
});

describe('k8s-rbac-default-service-account-binding (CIS 5.1.5)', () => {
  test('a RoleBinding to default (namespace from the binding) and a ClusterRoleBinding to another namespace\'s default', () => {
    expect(one(K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING, binding('RoleBinding', [{ kind: 'ServiceAccount', name: 'default' }]))).toEqual(['k8s-rbac-default-service-account-binding[ServiceAccount:app/default]']);
    expect(one(K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING, binding('ClusterRoleBinding', [{ kind: 'ServiceAccount', name: 'default', namespace: 'ci' }])))
      .toEqual(['k8s-rbac-default-service-account-binding[ServiceAccount:ci/default]']);
  });
  test('a workload service account, or a user called default, is fine', () => {
    expect(check(K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING, binding('RoleBinding', [{ kind: 'ServiceAccount', name: 'api', namespace: 'app' }, { kind: 'User', name: 'default' }]))).toEqual([]);
  });
});

describe('built-in roles of a cluster export', () => {
  const BOOT = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };
  const clusterAdmin = (metadata: object) => ({ ...role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }], 'ClusterRole'), metadata: { name: 'cluster-admin', ...metadata } });
  const named = (name: string, metadata: object = BOOT) => ({ ...clusterAdmin(metadata), metadata: { name, ...metadata } });

  test('default ClusterRoles (with the bootstrapping label) are exempt from every role rule', () => {
    const docs = ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:controller:clusterrole-aggregation-controller', 'system:certificates.k8s.io:legacy-unknown-approver'].map((n) => named(n));
    expect(check(RULES, docs)).toEqual([]);
    // the namespaced default Roles too (token-cleaner reads secrets in kube-system)
    const tokenCleaner = { ...role([{ apiGroups: [''], resources: ['secrets'], verbs: ['delete', 'get', 'list', 'watch'] }]), metadata: { name: 'system:controller:token-cleaner', namespace: 'kube-system', ...BOOT } };
    expect(check(RULES, tokenCleaner)).toEqual([]);
  });

  test('not exempt: a default name without the label, a system: name that is not a default role, a default Role in another namespace', () => {
    expect(check(K8S_RBAC_WILDCARD, named('cluster-admin', {}))).toHaveLength(2);
    expect(check(K8S_RBAC_WILDCARD, named('system:evil', {}))).toHaveLength(2);
    expect(check(K8S_RBAC_WILDCARD, named('system:evil'))).toHaveLength(2); // the label alone does not make a default role
    expect(check(K8S_RBAC_WILDCARD, named('system:controller:'))).toHaveLength(2);
    expect(isBuiltinRole({ type: 'Role', objectName: 'system:controller:token-cleaner', namespace: 'app', body: { metadata: BOOT } })).toBe(false);
    expect(isBuiltinRole({ type: 'ClusterRole', objectName: 'view', body: { metadata: { labels: { 'kubernetes.io/bootstrapping': 'yes' } } } })).toBe(false);
  });

  test('bindings to default roles are never exempt', () => {
    const crb = { ...binding('ClusterRoleBinding', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }], 'cluster-admin'), metadata: { name: 'cluster-admin', ...BOOT } };
    expect(ids(check(RULES, crb))).toEqual(['k8s-rbac-cluster-admin-binding[roleRef:cluster-admin]', 'k8s-rbac-system-group-binding[Group:system:masters]']);
  });
});
