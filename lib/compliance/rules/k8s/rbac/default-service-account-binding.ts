import { RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';
import { BINDING_KINDS } from './policy-rules';

/**
 * CIS 5.1.5: the `default` ServiceAccount is what every pod of its namespace runs as when it names none, so
 * permissions bound to it go to every such pod.
 */
export const K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING = defineRule({
  id: 'k8s-rbac-default-service-account-binding',
  title: 'Roles are not bound to default service accounts',
  description: 'A RoleBinding or ClusterRoleBinding grants a role to a namespace\'s "default" ServiceAccount, which every pod of that namespace without its own service account uses.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: BINDING_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.5', 'NIST-800-53-R5:AC-6'],
  remediation: 'Create a ServiceAccount for the workload, bind the role to it and set serviceAccountName in the pod template.',
  evaluate: (resource) => {
    const findings: RuleFinding[] = [];
    for (const s of arr(obj(resource.body)?.subjects)) {
      const subject = obj(s);
      if (str(subject?.kind) !== 'ServiceAccount' || str(subject?.name) !== 'default') continue;
      // a RoleBinding's subject without namespace is in the binding's namespace
      const ns = str(subject?.namespace) ?? (resource.type === 'RoleBinding' ? resource.namespace ?? 'default' : '');
      findings.push({ id: `ServiceAccount:${ns}/default`, message: `${resource.type} grants its role to the default service account of namespace "${ns}".` });
    }
    return fromFindings(findings);
  },
});
