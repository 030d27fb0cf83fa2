import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, isWindowsPod, label } from '../pod';

/** PSS restricted "Privilege Escalation": every container must set allowPrivilegeEscalation=false. */
export const K8S_PSS_ALLOW_PRIVILEGE_ESCALATION = defineRule({
  id: 'k8s-pss-allow-privilege-escalation',
  title: 'Containers must disallow privilege escalation',
  description: 'A container does not set securityContext.allowPrivilegeEscalation=false, so setuid binaries can gain privileges (Pod Security Standards restricted). Pods with spec.os.name=windows are exempt.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-restricted:allowPrivilegeEscalation', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.6'],
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    if (isWindowsPod(pod)) return [];
    return containersOf(pod)
      .filter((c) => c.securityContext.allowPrivilegeEscalation !== false)
      .map((c) => ({ id: c.id, message: `${label(c)} must set securityContext.allowPrivilegeEscalation=false.` }));
  }),
});
