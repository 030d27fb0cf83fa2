import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, isSet, label, obj, podSecurityContext } from '../pod';

/** Seccomp profile types allowed by both levels. */
export function validSeccompType(t: unknown): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/** PSS baseline "Seccomp": a seccomp profile, where set, must not be Unconfined. */
export const K8S_PSS_SECCOMP_BASELINE = defineRule({
  id: 'k8s-pss-seccomp-baseline',
  title: 'Seccomp must not be disabled',
  description: 'The pod or a container sets securityContext.seccompProfile.type to a value other than RuntimeDefault or Localhost, e.g. Unconfined (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:seccomp', 'NSA-CISA:pod-security', 'CIS-K8S:5.7.2'],
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile), or remove it.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    const podProfile = podSecurityContext(pod).seccompProfile;
    if (isSet(podProfile) && !validSeccompType(obj(podProfile)?.type)) {
      findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.seccompProfile.type is ${JSON.stringify(obj(podProfile)?.type ?? '')}.` });
    }
    for (const c of containersOf(pod)) {
      const p = c.securityContext.seccompProfile;
      if (isSet(p) && !validSeccompType(obj(p)?.type)) {
        findings.push({ id: c.id, message: `${label(c)} sets securityContext.seccompProfile.type to ${JSON.stringify(obj(p)?.type ?? '')}.` });
      }
    }
    return findings;
  }),
});
