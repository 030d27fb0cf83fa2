import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { obj } from '../pod';
import { BINDING_KINDS } from './policy-rules';

/** Binding the cluster-admin ClusterRole grants full control of the cluster (or of the namespace, for a RoleBinding). */
export const K8S_RBAC_CLUSTER_ADMIN_BINDING = defineRule({
  id: 'k8s-rbac-cluster-admin-binding',
  title: 'Nothing is bound to cluster-admin',
  description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: BINDING_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.1', 'NIST-800-53-R5:AC-6'],
  remediation: 'Bind a role that grants only the permissions needed; keep cluster-admin for break-glass administrators outside application manifests.',
  evaluate: (resource) => {
    const ref = obj(obj(resource.body)?.roleRef);
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return COMPLIANT;
    return nonCompliant({ id: 'roleRef:cluster-admin', message: `${resource.type} binds the cluster-admin ClusterRole.` });
  },
});
