import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, checkPod, containersOf, label, obj, podSecurityContext } from '../pod';

/** SELinux types allowed at policy v1.28 (container_engine_t is allowed from v1.31 only). */
export const SELINUX_ALLOWED_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

function problems(opts: Record<string, any>): string[] {
  const out: string[] = [];
  const type = opts.type === undefined || opts.type === null ? '' : String(opts.type);
  if (!SELINUX_ALLOWED_TYPES.has(type)) out.push(`type "${type}"`);
  if (typeof opts.user === 'string' ? opts.user.length > 0 : opts.user !== undefined && opts.user !== null) out.push('user may not be set');
  if (typeof opts.role === 'string' ? opts.role.length > 0 : opts.role !== undefined && opts.role !== null) out.push('role may not be set');
  return out;
}

/** PSS baseline "SELinux": custom types are restricted; user and role must not be set. */
export const K8S_PSS_SELINUX = defineRule({
  id: 'k8s-pss-selinux',
  title: 'SELinux options must not be customised',
  description: 'The pod or a container sets a forbidden seLinuxOptions type, or sets the SELinux user or role (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:seLinux', 'NSA-CISA:pod-security'],
  remediation: 'Remove seLinuxOptions.user and .role; leave seLinuxOptions.type empty or use container_t, container_init_t or container_kvm_t.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    const podOpts = obj(podSecurityContext(pod).seLinuxOptions);
    if (podOpts) {
      const p = problems(podOpts);
      if (p.length > 0) findings.push({ id: 'pod', message: `${pod.specPath}.securityContext.seLinuxOptions: ${p.join('; ')}.` });
    }
    for (const c of containersOf(pod)) {
      const o = obj(c.securityContext.seLinuxOptions);
      if (!o) continue;
      const p = problems(o);
      if (p.length > 0) findings.push({ id: c.id, message: `${label(c)} securityContext.seLinuxOptions: ${p.join('; ')}.` });
    }
    return findings;
  }),
});
