import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, arr, checkPod, podSecurityContext } from '../pod';

/** The pod's supplementalGroups do not contain the root group. */
export const K8S_WORKLOAD_SUPPLEMENTAL_GROUPS = defineRule({
  id: 'k8s-workload-supplemental-groups',
  title: 'Pods do not add the root group to supplementalGroups',
  description: 'The pod lists GID 0 in securityContext.supplementalGroups, so every container process is a member of the root group and gets its access to files.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:pod-security', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove 0 from spec.securityContext.supplementalGroups; use a dedicated non-zero GID for shared file access.',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const groups = arr(podSecurityContext(pod).supplementalGroups);
    const i = groups.findIndex((g) => g === 0);
    return i < 0 ? [] : [{ id: 'supplementalGroups', message: `${pod.specPath}.securityContext.supplementalGroups[${i}] is 0 (root group).` }];
  }),
});
