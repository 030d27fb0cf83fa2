import { RULES } from '../../../../../lib/compliance/rules/k8s/rbac';
import { K8S_RBAC_CLUSTER_ADMIN_BINDING } from '../../../../../lib/compliance/rules/k8s/rbac/cluster-admin-binding';
import { K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT } from '../../../../../lib/compliance/rules/k8s/rbac/cluster-binding-service-account';
import { K8S_RBAC_ESCALATION_VERBS } from '../../../../../lib/compliance/rules/k8s/rbac/escalation-verbs';
import { K8S_RBAC_POD_EXEC } from '../../../../../lib/compliance/rules/k8s/rbac/pod-exec';
import { coversResource } from '../../../../../lib/compliance/rules/k8s/rbac/policy-rules';
import { K8S_RBAC_SECRETS_READ } from '../../../../../lib/compliance/rules/k8s/rbac/secrets-read';
import { K8S_RBAC_WILDCARD } from '../../../../../lib/compliance/rules/k8s/rbac/wildcard';
import { check, ids } from '../helpers';

const role = (rules: object[], kind = 'Role') => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: kind === 'Role' ? { name: 'r', namespace: 'app' } : { name: 'r' }, rules,
});
const binding = (kind: string, roleRef: object, subjects: object[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: kind === 'RoleBinding' ? { name: 'b', namespace: 'app' } : { name: 'b' }, roleRef, subjects,
});
const READ_PODS = { apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['get', 'list', 'watch'] };

test('a least-privilege Role and a RoleBinding to it raise nothing', () => {
  expect(check(RULES, [
    role([READ_PODS, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'] }]),
    binding('RoleBinding', { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'app', namespace: 'app' }]),
  ])).toEqual([]);
});

describe('k8s-rbac-wildcard', () => {
  test.each([['verbs'], ['resources'], ['apiGroups']])('"*" in %s', (field) => {
    const f = check(K8S_RBAC_WILDCARD, role([READ_PODS, { ...READ_PODS, [field]: ['*'] }]));
    expect(ids(f)).toEqual(['k8s-rbac-wildcard[rule:1]']);
    expect(f[0].message).toContain(field);
  });
  test('nonResourceURLs "*" in a ClusterRole', () => {
    expect(ids(check(K8S_RBAC_WILDCARD, role([{ nonResourceURLs: ['*'], verbs: ['get'] }], 'ClusterRole')))).toEqual(['k8s-rbac-wildcard[rule:0]']);
  });
  test('partial wildcards like pods/* are not "*"', () => {
    expect(check(K8S_RBAC_WILDCARD, role([{ apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }]))).toEqual([]);
  });
});

describe('k8s-rbac-escalation-verbs', () => {
  test.each([['escalate'], ['bind'], ['impersonate']])('%s', (verb) => {
    expect(ids(check(K8S_RBAC_ESCALATION_VERBS, role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get', verb] }], 'ClusterRole'))))
      .toEqual(['k8s-rbac-escalation-verbs[rule:0]']);
  });
  test('ordinary verbs are fine', () => {
    expect(check(K8S_RBAC_ESCALATION_VERBS, role([READ_PODS]))).toEqual([]);
  });
});

describe('k8s-rbac-secrets-read', () => {
  test('get/list/watch on secrets, directly or through wildcards', () => {
    expect(check(K8S_RBAC_SECRETS_READ, role([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]))).toHaveLength(1);
    expect(check(K8S_RBAC_SECRETS_READ, role([{ apiGroups: ['*'], resources: ['*'], verbs: ['get'] }]))).toHaveLength(1);
    expect(check(K8S_RBAC_SECRETS_READ, role([{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]))).toHaveLength(1);
  });
  test('writes only, another API group, or named secrets are not reported', () => {
    expect(check(K8S_RBAC_SECRETS_READ, role([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }]))).toEqual([]);
    expect(check(K8S_RBAC_SECRETS_READ, role([{ apiGroups: ['example.com'], resources: ['secrets'], verbs: ['get'] }]))).toEqual([]);
    expect(check(K8S_RBAC_SECRETS_READ, role([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] }]))).toEqual([]);
  });
});

describe('k8s-rbac-pod-exec', () => {
  test('pods/exec, pods/attach and pods/* are found', () => {
    const f = check(K8S_RBAC_POD_EXEC, role([{ apiGroups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['create'] }]));
    expect(ids(f)).toEqual(['k8s-rbac-pod-exec[rule:0]']);
    expect(f[0].message).toContain('pods/exec and pods/attach');
    expect(check(K8S_RBAC_POD_EXEC, role([{ apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }]))).toHaveLength(1);
  });
  test('update or patch on pods/ephemeralcontainers (kubectl debug: a container of any image in a running pod) is found', () => {
    const f = check(K8S_RBAC_POD_EXEC, role([{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }]));
    expect(ids(f)).toEqual(['k8s-rbac-pod-exec[rule:0]']);
    expect(f[0].message).toContain('pods/ephemeralcontainers');
    expect(check(K8S_RBAC_POD_EXEC, role([{ apiGroups: [''], resources: ['*/ephemeralcontainers'], verbs: ['update'] }]))).toHaveLength(1);
    expect(check(K8S_RBAC_POD_EXEC, role([{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['get', 'list'] }]))).toEqual([]);
  });
  test('reading pods or logs is fine', () => {
    expect(check(K8S_RBAC_POD_EXEC, role([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'create'] }]))).toEqual([]);
  });
  test('coversResource follows the RBAC authorizer', () => {
    expect(coversResource('*', 'pods/exec')).toBe(true);
    expect(coversResource('*/exec', 'pods/exec')).toBe(true);
    expect(coversResource('pods', 'pods/exec')).toBe(false);
    expect(coversResource('pods/*', 'pods')).toBe(false);
  });
});

describe('k8s-rbac-cluster-admin-binding', () => {
  test('RoleBinding and ClusterRoleBinding to cluster-admin', () => {
    const ref = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' };
    const subjects = [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }];
    expect(ids(check(K8S_RBAC_CLUSTER_ADMIN_BINDING, binding('RoleBinding', ref, subjects)))).toEqual(['k8s-rbac-cluster-admin-binding[roleRef:cluster-admin]']);
    expect(check(K8S_RBAC_CLUSTER_ADMIN_BINDING, binding('ClusterRoleBinding', ref, subjects))[0].severity).toBe('error');
    expect(check(K8S_RBAC_CLUSTER_ADMIN_BINDING, binding('ClusterRoleBinding', { ...ref, name: 'view' }, subjects))).toEqual([]);
    expect(check(K8S_RBAC_CLUSTER_ADMIN_BINDING, binding('RoleBinding', { ...ref, kind: 'Role' }, subjects))).toEqual([]);
  });
});

describe('k8s-rbac-cluster-binding-service-account', () => {
  const ref = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' };
  test('service accounts and service-account groups', () => {
    const f = check(K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT, binding('ClusterRoleBinding', ref, [
      { kind: 'ServiceAccount', name: 'app', namespace: 'app' }, { kind: 'Group', name: 'system:serviceaccounts:app', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
    ]));
    expect(ids(f)).toEqual(['k8s-rbac-cluster-binding-service-account[ServiceAccount:app/app]', 'k8s-rbac-cluster-binding-service-account[Group:system:serviceaccounts:app]']);
  });
  test('users, and RoleBindings to service accounts, are fine', () => {
    expect(check(K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT, binding('ClusterRoleBinding', ref, [{ kind: 'User', name: 'alice' }]))).toEqual([]);
    expect(check(K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT, binding('RoleBinding', ref, [{ kind: 'ServiceAccount', name: 'app', namespace: 'app' }]))).toEqual([]);
  });
});
