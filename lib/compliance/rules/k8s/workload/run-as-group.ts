import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, containersOf, label, podSecurityContext } from '../pod';

/**
 * No container runs with the root group (GID 0) as its primary group. The effective value is the container's
 * securityContext.runAsGroup, else the pod's (the container overrides the pod), so a pod-level 0 that every container
 * overrides is compliant. An unset runAsGroup (the image's group) is not reported: Pod Security and the runtimes do
 * not default it, and the constructs always set it.
 */
export const K8S_WORKLOAD_RUN_AS_GROUP = defineRule({
  id: 'k8s-workload-run-as-group',
  title: 'Containers do not run with the root group (runAsGroup 0)',
  description: 'A container runs with runAsGroup 0 (set on the container, or on the pod and not overridden), so its processes get the root group\'s access to files '
    + 'on the node and in volumes (root-group-owned host paths, sockets, devices).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:pod-security', 'CIS-K8S:5.2.7', 'NIST-800-53-R5:AC-6'],
  remediation: 'Set spec.securityContext.runAsGroup (and any container-level runAsGroup) to a non-zero GID, e.g. 10001.',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    const podGroup = podSecurityContext(pod).runAsGroup;
    for (const c of containersOf(pod)) {
      const own = c.securityContext.runAsGroup;
      if (own === 0) {findings.push({ id: c.id, message: `${label(c)} sets securityContext.runAsGroup=0 (root group).` });} else if ((own === undefined || own === null) && podGroup === 0) {
        findings.push({ id: c.id, message: `${label(c)} runs with the root group: ${pod.specPath}.securityContext.runAsGroup is 0 and the container does not override it.` });
      }
    }
    return findings;
  }),
});
