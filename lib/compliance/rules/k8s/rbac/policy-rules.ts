import { arr, obj } from '../pod';

/** Kinds that hold RBAC policy rules. */
export const ROLE_KINDS: readonly string[] = ['Role', 'ClusterRole'];
/** Kinds that bind roles to subjects. */
export const BINDING_KINDS: readonly string[] = ['RoleBinding', 'ClusterRoleBinding'];

/** One PolicyRule of a Role or ClusterRole, normalised (non-string entries dropped). */
export interface PolicyRule {
  readonly index: number;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

function strings(v: unknown): string[] {
  const out: string[] = [];
  if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  return out;
}

const parsed = new WeakMap<object, PolicyRule[]>();

/** The policy rules of a Role/ClusterRole body (computed once per body: every RBAC rule reads them). */
export function policyRules(body: unknown): PolicyRule[] {
  const b = obj(body);
  if (!b) return [];
  let rules = parsed.get(b);
  if (!rules) parsed.set(b, (rules = parse(b)));
  return rules;
}

function parse(body: Record<string, any>): PolicyRule[] {
  const out: PolicyRule[] = [];
  const rules = arr(body.rules);
  for (let index = 0; index < rules.length; index++) {
    const rule = obj(rules[index]);
    if (!rule) continue;
    out.push({
      index,
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      verbs: strings(rule.verbs),
      resourceNames: strings(rule.resourceNames),
      nonResourceURLs: strings(rule.nonResourceURLs),
    });
  }
  return out;
}

/** Whether a rule's resource entry covers a resource (`secrets`) or subresource (`pods/exec`), as the RBAC authorizer matches. */
export function coversResource(entry: string, resource: string): boolean {
  if (entry === '*' || entry === resource) return true;
  const slash = resource.indexOf('/');
  if (slash < 0) return false;
  const [res, sub] = [resource.slice(0, slash), resource.slice(slash + 1)];
  return entry === `${res}/*` || entry === `*/${sub}`;
}

/** Whether a rule grants any of `verbs` on `resource` in API group `group`. */
export function grants(rule: PolicyRule, group: string, resource: string, verbs: readonly string[]): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group)
    && rule.resources.some((r) => coversResource(r, resource))
    && rule.verbs.some((v) => v === '*' || verbs.includes(v));
}

/** `rules[i]` with its content, for messages. */
export function describeRule(rule: PolicyRule): string {
  const parts = [`verbs [${rule.verbs.join(', ')}]`];
  if (rule.resources.length > 0) parts.push(`resources [${rule.resources.join(', ')}]`);
  if (rule.apiGroups.length > 0) parts.push(`apiGroups [${rule.apiGroups.map((g) => (g === '' ? '""' : g)).join(', ')}]`);
  if (rule.nonResourceURLs.length > 0) parts.push(`nonResourceURLs [${rule.nonResourceURLs.join(', ')}]`);
  return `rules[${rule.index}] (${parts.join(', ')})`;
}
