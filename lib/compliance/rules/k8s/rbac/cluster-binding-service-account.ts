import { RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';

/**
 * A ClusterRoleBinding to a service account gives a workload's credentials (mounted into its pods)
 * cluster-wide permissions; bindings to the system:serviceaccounts groups do so for many workloads at once.
 */
export const K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT = defineRule({
  id: 'k8s-rbac-cluster-binding-service-account',
  title: 'Service accounts are not bound cluster-wide',
  description: 'A ClusterRoleBinding grants a ClusterRole to a ServiceAccount (or to a system:serviceaccounts group), giving a workload cluster-wide permissions.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['ClusterRoleBinding'],
  controls: ['NSA-CISA:authentication-authorization', 'NIST-800-53-R5:AC-6'],
  remediation: 'Use a RoleBinding in each namespace the workload needs instead of a ClusterRoleBinding (a RoleBinding may reference a ClusterRole).',
  evaluate: (resource) => {
    const findings: RuleFinding[] = [];
    for (const s of arr(obj(resource.body)?.subjects)) {
      const subject = obj(s);
      const kind = str(subject?.kind);
      const name = str(subject?.name) ?? '';
      if (kind === 'ServiceAccount') {
        const ns = str(subject?.namespace) ?? '';
        findings.push({ id: `ServiceAccount:${ns}/${name}`, message: `ClusterRoleBinding grants cluster-wide permissions to service account ${ns}/${name}.` });
      } else if (kind === 'Group' && (name === 'system:serviceaccounts' || name.startsWith('system:serviceaccounts:'))) {
        findings.push({ id: `Group:${name}`, message: `ClusterRoleBinding grants cluster-wide permissions to the service accounts of group ${name}.` });
      }
    }
    return fromFindings(findings);
  },
});
