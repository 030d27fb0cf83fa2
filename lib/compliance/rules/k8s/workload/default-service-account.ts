import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, str } from '../pod';

/** Pods should run under a dedicated service account, not the namespace's `default` one. */
export const K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT = defineRule({
  id: 'k8s-workload-default-service-account',
  title: 'Pods use a dedicated service account',
  description: 'The pod runs as the namespace\'s default service account (serviceAccountName missing or "default"), which every other pod without one shares along with its permissions.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.5', 'NIST-800-53-R5:AC-6'],
  remediation: 'Create a ServiceAccount for the workload and set spec.serviceAccountName to it.',
  evaluate: (resource) => checkPod(resource, (pod) => {
    // serviceAccount is the deprecated alias of serviceAccountName
    const name = str(pod.spec.serviceAccountName) || str(pod.spec.serviceAccount) || '';
    if (name !== '' && name !== 'default') return [];
    return [{ id: 'serviceAccountName', message: `${pod.specPath}.serviceAccountName is ${name === '' ? 'not set' : '"default"'}: the pod uses the default service account.` }];
  }),
});
