import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, containersOf, label } from '../pod';

/**
 * Containers and init containers must run with a read-only root filesystem. Ephemeral (debug) containers are
 * not checked: they are added at run time for troubleshooting, not declared in manifests.
 */
export const K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM = defineRule({
  id: 'k8s-workload-read-only-root-filesystem',
  title: 'Containers run with a read-only root filesystem',
  description: 'A container or init container does not set securityContext.readOnlyRootFilesystem=true, so a compromised process can modify the image filesystem.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:pod-security', 'CIS-K8S:5.7.3', 'NIST-800-53-R5:SI-7'],
  remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir volume where the process needs to write (e.g. /tmp).',
  evaluate: (resource) => checkPod(resource, (pod) =>
    containersOf(pod, ['initContainer', 'container'])
      .filter((c) => c.securityContext.readOnlyRootFilesystem !== true)
      .map((c) => ({ id: c.id, message: `${label(c)} does not set securityContext.readOnlyRootFilesystem=true.` }))),
});
