/**
 * Who gets which RBAC rules, across the bindings of a run: each ClusterRoleBinding resolved to the ClusterRoles of
 * the run it grants (with the ClusterRoles an aggregated ClusterRole collects through its aggregationRule), and each
 * subject to the groups it is known to belong to (a ServiceAccount to system:serviceaccounts, its namespace's
 * system:serviceaccounts:<ns> and system:authenticated; a user or group to system:authenticated). Memberships of
 * identity-provider groups are not in the manifests and are not guessed.
 */
import { Resource, RuleContext } from '../../../model';
import { arr, obj, str } from '../pod';
import { PolicyRule, policyRules } from './policy-rules';

/** A subject as RBAC names it: `User:alice`, `Group:admins`, `ServiceAccount:ns/name`. */
export type SubjectKey = string;

/** A ClusterRole of the run, with the rules it grants (its own, and those it aggregates). */
export interface ResolvedRole {
  readonly role: Resource;
  readonly rules: readonly PolicyRule[];
}

/** One ClusterRoleBinding of the run: its subjects and the ClusterRoles of the run its roleRef names. */
export interface ClusterGrant {
  readonly binding: Resource;
  readonly subjects: readonly SubjectKey[];
  readonly roles: readonly ResolvedRole[];
}

/** The subjects of a binding, as keys; a RoleBinding's ServiceAccount without namespace is in the binding's namespace. */
export function bindingSubjects(binding: Resource): SubjectKey[] {
  const out: SubjectKey[] = [];
  for (const s of arr(obj(binding.body)?.subjects)) {
    const subject = obj(s);
    const kind = str(subject?.kind);
    const name = str(subject?.name);
    if (!kind || name === undefined) continue;
    if (kind === 'ServiceAccount') {
      const ns = str(subject?.namespace) ?? (binding.type === 'RoleBinding' ? binding.namespace ?? 'default' : '');
      out.push(`ServiceAccount:${ns}/${name}`);
    } else {
      out.push(`${kind}:${name}`);
    }
  }
  return out;
}

/** The subjects whose grants a subject also has: itself, and the system groups it belongs to. */
export function impliedSubjects(key: SubjectKey): SubjectKey[] {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if (kind === 'ServiceAccount') {
    const ns = name.slice(0, name.indexOf('/'));
    return [key, 'Group:system:serviceaccounts', `Group:system:serviceaccounts:${ns}`, 'Group:system:authenticated'];
  }
  if (kind === 'User' && name === 'system:anonymous') return [key, 'Group:system:unauthenticated'];
  if (kind === 'Group' && (name === 'system:unauthenticated' || name === 'system:authenticated')) return [key];
  return [key, 'Group:system:authenticated'];
}

/** A subject in messages: `User alice`, `ServiceAccount app/web`. */
export function describeSubject(key: SubjectKey): string {
  const colon = key.indexOf(':');
  return `${key.slice(0, colon)} ${key.slice(colon + 1)}`;
}

function matchesSelector(selector: unknown, labels: Record<string, any>): boolean {
  const s = obj(selector);
  if (!s) return false;
  for (const [k, v] of Object.entries(obj(s.matchLabels) ?? {})) if (labels[k] !== v) return false;
  for (const e of arr(s.matchExpressions)) {
    const x = obj(e);
    const key = str(x?.key);
    if (!x || key === undefined) return false;
    const values = arr(x.values);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (x.operator) {
      case 'In': if (!has || !values.includes(labels[key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false; // the API refuses other operators
    }
  }
  return true;
}

/** Every ClusterRole of the run by name, with its effective rules (aggregated ones collect their sources'). */
function clusterRoles(ctx: RuleContext): Map<string, ResolvedRole[]> {
  return ctx.memo('k8s-rbac:cluster-roles', () => {
    const all = ctx.ofType('ClusterRole');
    const byName = new Map<string, ResolvedRole[]>();
    for (const role of all) {
      const body = obj(role.body);
      const selectors = arr(obj(body?.aggregationRule)?.clusterRoleSelectors);
      let rules: readonly PolicyRule[] = policyRules(role.body);
      if (selectors.length > 0) {
        const collected = [...rules];
        for (const other of all) {
          if (other === role) continue;
          const labels = obj(obj(obj(other.body)?.metadata)?.labels) ?? {};
          if (selectors.some((s) => matchesSelector(s, labels))) collected.push(...policyRules(other.body));
        }
        rules = collected;
      }
      const name = role.objectName ?? '';
      const list = byName.get(name) ?? [];
      list.push({ role, rules });
      byName.set(name, list);
    }
    return byName;
  });
}

/** Every ClusterRoleBinding of the run with its subjects and resolved ClusterRoles (built once per run). */
export function clusterGrants(ctx: RuleContext): readonly ClusterGrant[] {
  return ctx.memo('k8s-rbac:cluster-grants', () => {
    const roles = clusterRoles(ctx);
    const out: ClusterGrant[] = [];
    for (const binding of ctx.ofType('ClusterRoleBinding')) {
      const ref = obj(obj(binding.body)?.roleRef);
      if (str(ref?.kind) !== 'ClusterRole') continue;
      const resolved = roles.get(str(ref?.name) ?? '') ?? [];
      if (resolved.length === 0) continue;
      out.push({ binding, subjects: bindingSubjects(binding), roles: resolved });
    }
    return out;
  });
}
