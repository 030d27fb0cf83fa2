import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, isSet, label, podSecurityContext } from '../pod';

/**
 * PSS restricted "Running as Non-root": the pod must set runAsNonRoot=true, or every container must;
 * a container value overrides the pod value, so no container may set false.
 */
export const K8S_PSS_RUN_AS_NON_ROOT = defineRule({
  id: 'k8s-pss-run-as-non-root',
  title: 'Containers must run as non-root',
  description: 'The pod or a container sets runAsNonRoot=false, or a container is not covered by runAsNonRoot=true at pod or container level (Pod Security Standards restricted).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-restricted:runAsNonRoot', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.7'],
  remediation: 'Set spec.securityContext.runAsNonRoot: true on the pod (and do not set it to false on any container).',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    const podValue = podSecurityContext(pod).runAsNonRoot;
    let podNonRoot = false;
    if (isSet(podValue)) {
      if (podValue === true) podNonRoot = true;
      else findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.runAsNonRoot must not be false.` });
    }
    for (const c of containersOf(pod)) {
      const v = c.securityContext.runAsNonRoot;
      if (isSet(v)) {
        if (v !== true) findings.push({ id: c.id, message: `${label(c)} must not set securityContext.runAsNonRoot=false.` });
      } else if (!podNonRoot) {
        findings.push({ id: c.id, message: `pod or ${label(c)} must set securityContext.runAsNonRoot=true.` });
      }
    }
    return findings;
  }),
});
