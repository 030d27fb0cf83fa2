import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod } from '../pod';

/**
 * Pods should not mount a service account token unless they call the Kubernetes API.
 * Checked per pod: the ServiceAccount's own automountServiceAccountToken may be in another repository,
 * so the pod must opt out explicitly.
 */
export const K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN = defineRule({
  id: 'k8s-workload-service-account-token',
  title: 'Pods do not automount the service account token',
  description: 'The pod does not set automountServiceAccountToken=false, so an API token is mounted into every container whether or not it needs one.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.6', 'NIST-800-53-R5:AC-6'],
  remediation: 'Set spec.automountServiceAccountToken: false on the pod; if it calls the API, mount a projected, audience-bound token instead (or suppress with the reason).',
  evaluate: (resource) => checkPod(resource, (pod) =>
    pod.spec.automountServiceAccountToken === false
      ? []
      : [{ id: 'automountServiceAccountToken', message: `${pod.specPath}.automountServiceAccountToken is ${pod.spec.automountServiceAccountToken === true ? 'true' : 'not set (defaults to true)'}.` }]),
});
