import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod } from '../pod';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** PSS baseline "Host Namespaces": sharing the host namespaces must be disallowed. */
export const K8S_PSS_HOST_NAMESPACES = defineRule({
  id: 'k8s-pss-host-namespaces',
  title: 'Pods must not share host namespaces',
  description: 'The pod sets hostNetwork, hostPID or hostIPC to true, sharing a host namespace (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:hostNamespaces', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.3', 'CIS-K8S:5.2.4', 'CIS-K8S:5.2.5'],
  remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC from the pod spec (or set them to false).',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const f of FIELDS) {
      if (pod.spec[f] === true) findings.push({ id: f, message: `${pod.specPath}.${f} is true: the pod shares the host's ${f.slice(4)} namespace.` });
    }
    return findings;
  }),
});
