import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, containersOf, isSet, label, obj } from '../pod';

/**
 * Containers and init containers must declare CPU and memory requests and a memory limit.
 *
 * A CPU limit is deliberately not required: CPU is compressible (a container over its request is throttled,
 * not killed), and CPU limits cause throttling even on idle nodes. Memory is not compressible, so a memory
 * limit is required to protect the node and its neighbours. As the API server does, a missing request is
 * taken from the limit of the same resource. Severity is warning: a LimitRange may default the values in the
 * cluster, which a manifest check cannot see.
 */
export const K8S_WORKLOAD_RESOURCES = defineRule({
  id: 'k8s-workload-resources',
  title: 'Containers declare CPU and memory requests and a memory limit',
  description: 'A container or init container lacks a CPU request, a memory request or a memory limit, so the scheduler cannot place it reliably and it can exhaust node memory. (A CPU limit is not required.)',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:resource-policies', 'NIST-800-53-R5:SC-6'],
  remediation: 'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container (or give the namespace a LimitRange and suppress this finding with that reason).',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod, ['initContainer', 'container'])) {
      const res = obj(c.container.resources) ?? {};
      const requests = obj(res.requests) ?? {};
      const limits = obj(res.limits) ?? {};
      const missing: string[] = [];
      if (!isSet(requests.cpu) && !isSet(limits.cpu)) missing.push('requests.cpu');
      if (!isSet(requests.memory) && !isSet(limits.memory)) missing.push('requests.memory');
      if (!isSet(limits.memory)) missing.push('limits.memory');
      if (missing.length > 0) findings.push({ id: c.id, message: `${label(c)} does not set resources.${missing.join(', resources.')}.` });
    }
    return findings;
  }),
});
