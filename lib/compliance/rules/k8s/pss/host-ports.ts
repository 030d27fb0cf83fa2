import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, arr, checkPod, containersOf, isSet, label, obj } from '../pod';

/** PSS baseline "Host Ports". */
export const K8S_PSS_HOST_PORTS = defineRule({
  id: 'k8s-pss-host-ports',
  title: 'Containers must not use host ports',
  description: 'A container declares a hostPort, binding a port on the node (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:hostPorts', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.13'],
  remediation: 'Remove ports[].hostPort (or set it to 0) and expose the workload through a Service instead.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      const ports = arr(c.container.ports)
        .map((p) => obj(p)?.hostPort)
        .filter((hp) => isSet(hp) && hp !== 0 && hp !== '0');
      if (ports.length > 0) findings.push({ id: c.id, message: `${label(c)} uses host ports ${ports.join(', ')}.` });
    }
    return findings;
  }),
});
