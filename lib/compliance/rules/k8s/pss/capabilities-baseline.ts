import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, arr, checkPod, containersOf, label, obj } from '../pod';

/** Capabilities a container may add under the baseline level (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** PSS baseline "Capabilities": adding capabilities beyond the default set must be disallowed. */
export const K8S_PSS_CAPABILITIES_BASELINE = defineRule({
  id: 'k8s-pss-capabilities-baseline',
  title: 'Containers must not add capabilities beyond the default set',
  description: 'A container adds a Linux capability outside the runtime default set (e.g. NET_RAW, SYS_ADMIN) (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:capabilities', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.8', 'CIS-K8S:5.2.9'],
  remediation: `Remove the capability from securityContext.capabilities.add; only ${[...BASELINE_CAPABILITIES].join(', ')} may be added.`,
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      const bad = arr(obj(c.securityContext.capabilities)?.add).map(String).filter((cap) => !BASELINE_CAPABILITIES.has(cap));
      if (bad.length > 0) findings.push({ id: c.id, message: `${label(c)} adds capabilities outside the default set: ${bad.join(', ')}.` });
    }
    return findings;
  }),
});
