import { Resource } from '../../../model';
import { obj } from '../pod';

/** The label the API server's RBAC bootstrapper puts on every default role and binding it creates. */
export const BOOTSTRAPPING_LABEL = 'kubernetes.io/bootstrapping';
export const BOOTSTRAPPING_VALUE = 'rbac-defaults';

/** The user-facing default ClusterRoles. */
const USER_FACING: readonly string[] = ['cluster-admin', 'admin', 'edit', 'view'];

/**
 * Default `system:` ClusterRoles of kube-apiserver's bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy),
 * plus the prefixes of its generated families (controller roles, CSR approvers).
 */
const SYSTEM_CLUSTER_ROLES: readonly string[] = [
  'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view', 'system:auth-delegator',
  'system:basic-user', 'system:discovery', 'system:heapster', 'system:kube-aggregator', 'system:kube-controller-manager',
  'system:kube-dns', 'system:kube-scheduler', 'system:kubelet-api-admin', 'system:monitoring', 'system:node',
  'system:node-bootstrapper', 'system:node-problem-detector', 'system:node-proxier', 'system:persistent-volume-provisioner',
  'system:public-info-viewer', 'system:service-account-issuer-discovery', 'system:volume-scheduler',
];
const SYSTEM_CLUSTER_ROLE_PREFIXES: readonly string[] = ['system:controller:', 'system:certificates.k8s.io:'];

/** Default namespaced Roles of the bootstrap policy, by namespace. */
const SYSTEM_ROLES: Readonly<Record<string, readonly string[]>> = {
  'kube-system': [
    'extension-apiserver-authentication-reader', 'system::leader-locking-kube-controller-manager',
    'system::leader-locking-kube-scheduler', 'system:controller:bootstrap-signer', 'system:controller:cloud-provider',
    'system:controller:token-cleaner',
  ],
  'kube-public': ['system:controller:bootstrap-signer'],
};

/**
 * Whether a Role or ClusterRole is one of Kubernetes' own default roles, as found in a cluster export: it has a
 * default role's name (a user-facing role, a listed `system:` role, or one of the generated controller / CSR
 * approver families; a namespaced Role also its namespace) AND the bootstrapper's `kubernetes.io/bootstrapping:
 * rbac-defaults` label. A user-made `system:evil`, or a default name without the label, is checked like any role.
 * Bindings are never exempt: who is bound to a default role is the cluster owner's decision and is checked.
 */
export function isBuiltinRole(resource: Pick<Resource, 'type' | 'body' | 'objectName' | 'namespace'>): boolean {
  const labels = obj(obj(obj(resource.body)?.metadata)?.labels);
  if (labels?.[BOOTSTRAPPING_LABEL] !== BOOTSTRAPPING_VALUE) return false;
  const name = resource.objectName ?? '';
  if (resource.type === 'ClusterRole') {
    return USER_FACING.includes(name) || SYSTEM_CLUSTER_ROLES.includes(name)
      || SYSTEM_CLUSTER_ROLE_PREFIXES.some((p) => name.startsWith(p) && name.length > p.length);
  }
  if (resource.type === 'Role') return (SYSTEM_ROLES[resource.namespace ?? ''] ?? []).includes(name);
  return false;
}
