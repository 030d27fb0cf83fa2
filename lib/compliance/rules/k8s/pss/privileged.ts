import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, label } from '../pod';

/** PSS baseline "Privileged Containers". */
export const K8S_PSS_PRIVILEGED = defineRule({
  id: 'k8s-pss-privileged',
  title: 'Containers must not be privileged',
  description: 'A container sets securityContext.privileged=true, which disables most isolation from the host (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:privileged', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.2'],
  remediation: 'Remove securityContext.privileged (or set it to false) on every container, init container and ephemeral container.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) =>
    containersOf(pod)
      .filter((c) => c.securityContext.privileged === true)
      .map((c) => ({ id: c.id, message: `${label(c)} sets securityContext.privileged=true (${c.path}).` }))),
});
