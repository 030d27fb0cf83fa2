import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, isSet, isWindowsPod, label, obj, podSecurityContext } from '../pod';
import { validSeccompType } from './seccomp-baseline';

/**
 * PSS restricted "Seccomp": RuntimeDefault or Localhost is required, at pod level or on every container;
 * a container value overrides the pod value. Pods with spec.os.name=windows are exempt (v1.25+).
 */
export const K8S_PSS_SECCOMP_RESTRICTED = defineRule({
  id: 'k8s-pss-seccomp-restricted',
  title: 'Seccomp profile must be RuntimeDefault or Localhost',
  description: 'The pod does not set a RuntimeDefault or Localhost seccomp profile that covers every container, or a container overrides it with another type (Pod Security Standards restricted).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-restricted:seccomp', 'NSA-CISA:pod-security', 'CIS-K8S:5.7.2'],
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (containers may override with Localhost only).',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    if (isWindowsPod(pod)) return [];
    const findings: RuleFinding[] = [];
    const podProfile = podSecurityContext(pod).seccompProfile;
    let podSet = false;
    if (isSet(podProfile)) {
      if (validSeccompType(obj(podProfile)?.type)) podSet = true;
      else findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost.` });
    }
    for (const c of containersOf(pod)) {
      const p = c.securityContext.seccompProfile;
      if (isSet(p)) {
        if (!validSeccompType(obj(p)?.type)) findings.push({ id: c.id, message: `${label(c)} must not set securityContext.seccompProfile.type to ${JSON.stringify(obj(p)?.type ?? '')}.` });
      } else if (!podSet) {
        findings.push({ id: c.id, message: `pod or ${label(c)} must set securityContext.seccompProfile.type to RuntimeDefault or Localhost.` });
      }
    }
    return findings;
  }),
});
