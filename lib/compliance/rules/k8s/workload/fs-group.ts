import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, podSecurityContext } from '../pod';

/** The pod's fsGroup is not the root group: volumes would be made group-owned by GID 0 and every process gets it. */
export const K8S_WORKLOAD_FS_GROUP = defineRule({
  id: 'k8s-workload-fs-group',
  title: 'Pods do not set fsGroup 0',
  description: 'The pod sets securityContext.fsGroup=0: the kubelet makes its volumes group-owned by the root group and adds GID 0 to every container\'s processes.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:pod-security', 'NIST-800-53-R5:AC-6'],
  remediation: 'Set spec.securityContext.fsGroup to a non-zero GID (e.g. 10001), or remove it.',
  evaluate: (resource) => checkPod(resource, (pod) =>
    podSecurityContext(pod).fsGroup === 0
      ? [{ id: 'fsGroup', message: `${pod.specPath}.securityContext.fsGroup is 0 (root group).` }]
      : []),
});
