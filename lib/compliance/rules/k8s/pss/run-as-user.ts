import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, label, podSecurityContext } from '../pod';

/** PSS restricted "Running as Non-root user": runAsUser must not be 0 (pod and containers). */
export const K8S_PSS_RUN_AS_USER = defineRule({
  id: 'k8s-pss-run-as-user',
  title: 'Containers must not run as UID 0',
  description: 'The pod or a container sets runAsUser=0 (root) (Pod Security Standards restricted).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-restricted:runAsUser', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.7'],
  remediation: 'Set runAsUser to a non-zero UID, or remove it and rely on the image USER with runAsNonRoot: true.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    if (podSecurityContext(pod).runAsUser === 0) findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.runAsUser must not be 0.` });
    for (const c of containersOf(pod)) {
      if (c.securityContext.runAsUser === 0) findings.push({ id: c.id, message: `${label(c)} must not set securityContext.runAsUser=0.` });
    }
    return findings;
  }),
});
