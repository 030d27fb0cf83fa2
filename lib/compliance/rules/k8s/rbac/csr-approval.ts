import { isBuiltinRole } from './builtin-roles';
import { PolicyRule, ROLE_KINDS, grants, policyRules } from './policy-rules';
import { ResolvedRole, SubjectKey, bindingSubjects, clusterGrants, describeSubject, impliedSubjects } from './subjects';
import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, RuleFinding, RuleResult, fromFindings, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';

const GROUP = 'certificates.k8s.io';

const approves = (rules: readonly PolicyRule[]) => rules.filter((r) => grants(r, GROUP, 'certificatesigningrequests/approval', ['update', 'patch']));
const signs = (rules: readonly PolicyRule[]) => rules.filter((r) => grants(r, GROUP, 'signers', ['approve']));

function checkRole(resource: Resource): RuleResult {
  if (isBuiltinRole(resource)) return NOT_APPLICABLE;
  const rules = policyRules(resource.body);
  const approval = approves(rules);
  const signers = signs(rules);
  if (approval.length === 0 || signers.length === 0) return COMPLIANT;
  const idx = (rs: typeof rules) => rs.map((r) => `rules[${r.index}]`).join(', ');
  const names = [...new Set(signers.flatMap((r) => r.resourceNames))];
  return nonCompliant({
    id: 'csr-approval',
    message: `${idx(approval)} grant update on certificatesigningrequests/approval and ${idx(signers)} grant approve on signers${names.length > 0 ? ` (${names.join(', ')})` : ' (any signer)'}.`,
  });
}

/** One half of CSR approval that a subject gets through a ClusterRoleBinding. */
interface Half {
  readonly binding: Resource;
  readonly role: ResolvedRole;
  /** The subject of the binding it comes through (the subject itself, or a group it belongs to). */
  readonly via: SubjectKey;
}

const name = (r: Resource) => `${r.type} "${r.objectName ?? r.name}"`;

/**
 * Findings per ClusterRoleBinding for subjects that get the two halves of CSR approval from different ClusterRoles
 * (built once per run). A subject is skipped when one role grants both by its own rules: the role finding reports it
 * (a default role of the cluster is exempt as a role, and its binding is the cluster's own).
 */
function crossRoleFindings(ctx: RuleContext): Map<Resource, RuleFinding[]> {
  return ctx.memo('k8s-rbac-csr-approval:cross-role', () => {
    const out = new Map<Resource, RuleFinding[]>();
    const approval = new Map<SubjectKey, Half[]>();
    const signer = new Map<SubjectKey, Half[]>();
    const selfContained = new Set<SubjectKey>();
    const subjects = new Set<SubjectKey>();
    for (const g of clusterGrants(ctx)) {
      for (const role of g.roles) {
        const a = approves(role.rules).length > 0;
        const s = signs(role.rules).length > 0;
        if (!a && !s) continue;
        const own = policyRules(role.role.body);
        const both = approves(own).length > 0 && signs(own).length > 0;
        for (const via of g.subjects) {
          subjects.add(via);
          if (both) selfContained.add(via);
          if (a) approval.set(via, [...(approval.get(via) ?? []), { binding: g.binding, role, via }]);
          if (s) signer.set(via, [...(signer.get(via) ?? []), { binding: g.binding, role, via }]);
        }
      }
    }
    // every subject named by any binding of the run gets what its groups get
    for (const g of ctx.ofType('ClusterRoleBinding')) for (const s of bindingSubjects(g)) subjects.add(s);
    for (const subject of subjects) {
      const implied = impliedSubjects(subject);
      if (implied.some((k) => selfContained.has(k))) continue;
      const a = implied.flatMap((k) => approval.get(k) ?? []);
      const s = implied.flatMap((k) => signer.get(k) ?? []);
      if (a.length === 0 || s.length === 0) continue;
      const by = (h: Half) => `${name(h.role.role)} (${name(h.binding)}${h.via !== subject ? `, to ${describeSubject(h.via)}` : ''})`;
      const message = `${describeSubject(subject)} gets update on certificatesigningrequests/approval through ${a.map(by).join(', ')} and approve on signers `
        + `through ${s.map(by).join(', ')}: together they let it approve certificate requests it made itself.`;
      for (const binding of new Set([...a, ...s].map((h) => h.binding))) {
        const list = out.get(binding) ?? [];
        list.push({ id: `subject:${subject}`, message });
        out.set(binding, list);
      }
    }
    return out;
  });
}

/**
 * CIS 5.1.11: approving a CertificateSigningRequest takes update on certificatesigningrequests/approval and approve
 * on a signer (`signers`, possibly narrowed by resourceNames to signer names). With both, the subject can issue
 * itself a client certificate for any user or group, such as system:masters through kube-apiserver-client.
 *
 * Checked on each Role and ClusterRole that grants both, and across roles: a subject that gets the two halves through
 * different ClusterRoleBindings (or an aggregated ClusterRole that collects them) is reported on each of those
 * bindings (finding id `subject:<kind>:<name>`), counting what it gets as a member of system groups
 * (system:serviceaccounts[:<ns>], system:authenticated). RoleBindings grant no cluster-scoped resources and do not
 * count.
 */
export const K8S_RBAC_CSR_APPROVAL = defineRule({
  id: 'k8s-rbac-csr-approval',
  title: 'Roles do not grant approval of certificate signing requests',
  description: 'A Role or ClusterRole grants update (or patch) on certificatesigningrequests/approval together with approve on signers, or a subject gets '
    + 'the two through different ClusterRoleBindings (directly or as a member of a system group), so it can approve certificates it requested itself, '
    + 'e.g. a client certificate for system:masters.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: [...ROLE_KINDS, 'ClusterRoleBinding'],
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.11', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-5'],
  remediation: 'Leave CSR approval to the controller manager and to administrators; never give a workload both certificatesigningrequests/approval and approve on signers, '
    + 'whether through one role or several bindings.',
  evaluate: (resource, ctx) => {
    if (resource.type !== 'ClusterRoleBinding') return checkRole(resource);
    return fromFindings(crossRoleFindings(ctx).get(resource) ?? []);
  },
});
