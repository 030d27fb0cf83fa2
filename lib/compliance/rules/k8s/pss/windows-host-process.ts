import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, label, obj, podSecurityContext } from '../pod';

/** PSS baseline "HostProcess": Windows HostProcess containers must not be used. */
export const K8S_PSS_WINDOWS_HOST_PROCESS = defineRule({
  id: 'k8s-pss-windows-host-process',
  title: 'Pods must not run Windows HostProcess containers',
  description: 'The pod or a container sets securityContext.windowsOptions.hostProcess=true, giving privileged access to the Windows node (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:hostProcess', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.11'],
  remediation: 'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and every container.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    if (obj(podSecurityContext(pod).windowsOptions)?.hostProcess === true) {
      findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.windowsOptions.hostProcess is true.` });
    }
    for (const c of containersOf(pod)) {
      if (obj(c.securityContext.windowsOptions)?.hostProcess === true) {
        findings.push({ id: c.id, message: `${label(c)} sets securityContext.windowsOptions.hostProcess=true.` });
      }
    }
    return findings;
  }),
});
