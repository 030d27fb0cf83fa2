import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, arr, checkPod, obj, podSecurityContext } from '../pod';

/**
 * Safe sysctls at policy v1.28: the v1.0 set plus net.ipv4.ip_local_reserved_ports (v1.27).
 * The tcp_keepalive_* and tcp_fin_timeout sysctls are allowed from v1.29, tcp_rmem/tcp_wmem from v1.32.
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
]);

/** PSS baseline "Sysctls": only the safe subset. */
export const K8S_PSS_SYSCTLS = defineRule({
  id: 'k8s-pss-sysctls',
  title: 'Pods must only set safe sysctls',
  description: 'The pod sets a sysctl outside the safe, namespaced set, which can affect the node or other pods (Pod Security Standards baseline, v1.28).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:sysctls', 'NSA-CISA:pod-security'],
  remediation: `Remove the sysctl from spec.securityContext.sysctls; allowed are ${[...SAFE_SYSCTLS].join(', ')}.`,
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    arr(podSecurityContext(pod).sysctls).forEach((s, i) => {
      const name = String(obj(s)?.name ?? '');
      if (!SAFE_SYSCTLS.has(name)) {
        findings.push({ id: `sysctl:${name}`, message: `sysctl "${name}" is not in the safe set (${pod.specPath}.securityContext.sysctls[${i}]).` });
      }
    });
    return findings;
  }),
});
