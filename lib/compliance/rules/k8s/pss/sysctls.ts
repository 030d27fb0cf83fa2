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

const INT = '[0-9]+';
/**
 * The values each safe sysctl takes (kernel formats: one integer, two integers separated by white space, or a
 * comma-separated list of ports and port ranges). Anything else is refused, whatever the name.
 */
const SAFE_VALUES: Readonly<Record<string, RegExp>> = {
  'kernel.shm_rmid_forced': new RegExp(`^${INT}$`),
  'net.ipv4.ip_local_port_range': new RegExp(`^${INT}[ \t]+${INT}$`),
  'net.ipv4.tcp_syncookies': new RegExp(`^${INT}$`),
  'net.ipv4.ping_group_range': new RegExp(`^${INT}[ \t]+${INT}$`),
  'net.ipv4.ip_unprivileged_port_start': new RegExp(`^${INT}$`),
  'net.ipv4.ip_local_reserved_ports': new RegExp(`^(?:${INT}(?:-${INT})?(?:[ \t]*,[ \t]*${INT}(?:-${INT})?)*)?$`),
};

/**
 * Characters that let a sysctl value set other sysctls through the runtime (CVE-2022-0811, "cr8escape": CRI-O
 * passed `name=value` pairs joined by `+` to pinns, so a value `1+kernel.core_pattern=|/evil.sh` set the host's
 * core_pattern), or that no kernel sysctl format needs: `+`, `=`, `|`, `;`, `&`, `$`, backquote, quotes, control characters.
 */
const INJECTION = /[+=|;&$`'"\\\x00-\x08\x0a-\x1f\x7f]/;

/** Why the value of a safe sysctl is refused, or undefined when it is well-formed. */
export function sysctlValueProblem(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined; // no value: nothing is written
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) value = String(value);
  if (typeof value !== 'string') return `has a value that is not a string (${typeof value})`;
  if (INJECTION.test(value)) return 'has a value with characters that set other sysctls through the container runtime (CVE-2022-0811: "+", "=", "|", ";" ...)';
  const form = Object.prototype.hasOwnProperty.call(SAFE_VALUES, name) ? SAFE_VALUES[name] : undefined;
  if (form && !form.test(value.trim())) return `has a value that is not in the format of ${name}`;
  return undefined;
}

/**
 * PSS baseline "Sysctls": only the safe subset, and (beyond the upstream check, which reads names only) only
 * well-formed values: a safe name with an injected value is what CVE-2022-0811 used.
 */
export const K8S_PSS_SYSCTLS = defineRule({
  id: 'k8s-pss-sysctls',
  title: 'Pods must only set safe sysctls, with well-formed values',
  description: 'The pod sets a sysctl outside the safe, namespaced set, which can affect the node or other pods (Pod Security Standards baseline, v1.28), '
    + 'or sets a safe sysctl to a malformed value, such as one that injects other sysctls through the runtime (CVE-2022-0811, "cr8escape").',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:sysctls', 'NSA-CISA:pod-security'],
  remediation: `Remove the sysctl from spec.securityContext.sysctls; allowed are ${[...SAFE_SYSCTLS].join(', ')}, with plain numeric values (e.g. "1", "1024 65535", "8080,9000-9100").`,
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    arr(podSecurityContext(pod).sysctls).forEach((s, i) => {
      const name = String(obj(s)?.name ?? '');
      const where = `${pod.specPath}.securityContext.sysctls[${i}]`;
      if (!SAFE_SYSCTLS.has(name)) {
        findings.push({ id: `sysctl:${name}`, message: `sysctl "${name}" is not in the safe set (${where}).` });
        return;
      }
      const problem = sysctlValueProblem(name, obj(s)?.value);
      if (problem) findings.push({ id: `sysctl:${name}`, message: `sysctl "${name}" ${problem} (${where}).` });
    });
    return findings;
  }),
});
