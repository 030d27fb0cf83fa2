import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, isSet, label } from '../pod';

/**
 * PSS baseline "/proc Mount Type": only the Default /proc masks are allowed.
 * (Upstream relaxes this for `hostUsers: false` pods only behind the UserNamespacesPodSecurityStandards
 * feature gate, off by default; we do not relax it, as the v1.28 conformance fixtures expect.)
 */
export const K8S_PSS_PROC_MOUNT = defineRule({
  id: 'k8s-pss-proc-mount',
  title: 'Containers must use the default /proc mount',
  description: 'A container sets securityContext.procMount to a value other than Default, unmasking /proc (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:procMount', 'NSA-CISA:pod-security'],
  remediation: 'Remove securityContext.procMount or set it to Default.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) =>
    containersOf(pod)
      .filter((c) => isSet(c.securityContext.procMount) && c.securityContext.procMount !== 'Default')
      .map((c) => ({ id: c.id, message: `${label(c)} sets securityContext.procMount=${JSON.stringify(c.securityContext.procMount)}.` }))),
});
