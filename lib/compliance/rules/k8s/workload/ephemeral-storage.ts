import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, containersOf, isSet, label, obj } from '../pod';

/**
 * Containers and init containers declare an ephemeral-storage limit: writable layers, logs and emptyDir volumes
 * without a limit can fill the node's disk, and the kubelet then evicts other pods. (As with memory, the limit is what
 * protects the node; a request alone does not.) Severity warning: a LimitRange may default it in the cluster.
 */
export const K8S_WORKLOAD_EPHEMERAL_STORAGE = defineRule({
  id: 'k8s-workload-ephemeral-storage',
  title: 'Containers declare an ephemeral-storage limit',
  description: 'A container or init container has no resources.limits.ephemeral-storage, so its writable layer, logs and emptyDir data can fill the node\'s disk and get other pods evicted.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:resource-policies', 'NIST-800-53-R5:SC-6'],
  remediation: 'Set resources.limits.ephemeral-storage on every container (e.g. "1Gi"), or give the namespace a LimitRange and suppress this finding with that reason.',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod, ['initContainer', 'container'])) {
      const limits = obj(obj(c.container.resources)?.limits);
      if (!isSet(limits?.['ephemeral-storage'])) findings.push({ id: c.id, message: `${label(c)} does not set resources.limits.ephemeral-storage.` });
    }
    return findings;
  }),
});
