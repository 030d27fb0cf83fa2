import { NOT_APPLICABLE, Resource, RuleFinding, RuleResult, fromFindings } from '../../../model';
import { arr, obj } from '../pod';
import { isBuiltinRole } from './builtin-roles';

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

/** The last body asked about and its rules: the engine runs every RBAC rule on one role before the next role. */
let lastBody: object | undefined;
let lastRules: PolicyRule[] = [];

/**
 * The policy rules of a Role/ClusterRole body (computed once per body in a row: every RBAC rule reads them). Not
 * kept on the body: the cross-object rules that ask again re-read a few arrays, which costs less than keeping a
 * copy of every role's rules alive for the garbage collector to trace.
 */
export function policyRules(body: unknown): PolicyRule[] {
  const b = obj(body);
  if (!b) return [];
  if (b !== lastBody) {
    lastRules = parse(b);
    lastBody = b;
  }
  return lastRules;
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
  // entry === `${resource before the slash}/*` || entry === `*/${resource after the slash}`, compared in place
  const n = entry.length;
  if (n === slash + 2 && entry.charCodeAt(slash + 1) === 42 && sameChars(entry, 0, resource, 0, slash + 1)) return true;
  const tail = resource.length - slash; // the slash and what follows it
  return n === tail + 1 && entry.charCodeAt(0) === 42 && sameChars(entry, 1, resource, slash, tail);
}

/** Whether `a` from `i` and `b` from `j` have the same `n` characters. */
function sameChars(a: string, i: number, b: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** Whether a rule grants any of `verbs` on `resource` in API group `group`. */
export function grants(rule: PolicyRule, group: string, resource: string, verbs: readonly string[]): boolean {
  // loops rather than some() with closures: every RBAC rule asks this of every PolicyRule of every role
  const { apiGroups, resources } = rule;
  let ok = false;
  for (let i = 0; i < apiGroups.length && !ok; i++) ok = apiGroups[i] === '*' || apiGroups[i] === group;
  if (!ok) return false;
  ok = false;
  for (let i = 0; i < resources.length && !ok; i++) ok = coversResource(resources[i], resource);
  if (!ok) return false;
  const ruleVerbs = rule.verbs;
  for (let i = 0; i < ruleVerbs.length; i++) if (ruleVerbs[i] === '*' || verbs.includes(ruleVerbs[i])) return true;
  return false;
}

/** `rules[i]` with its content, for messages. */
export function describeRule(rule: PolicyRule): string {
  const parts = [`verbs [${rule.verbs.join(', ')}]`];
  if (rule.resources.length > 0) parts.push(`resources [${rule.resources.join(', ')}]`);
  if (rule.apiGroups.length > 0) parts.push(`apiGroups [${rule.apiGroups.map((g) => (g === '' ? '""' : g)).join(', ')}]`);
  if (rule.nonResourceURLs.length > 0) parts.push(`nonResourceURLs [${rule.nonResourceURLs.join(', ')}]`);
  return `rules[${rule.index}] (${parts.join(', ')})`;
}

/** An API group and resource (or subresource), as RBAC names them. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/** Verbs that change objects. */
export const WRITE_VERBS: readonly string[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * The targets among `targets` a rule grants any of `verbs` on. A rule narrowed by resourceNames cannot authorize
 * `create` of a top-level resource (the request has no name yet), so with `createNeedsNoNames` such a rule grants
 * no create.
 */
export function grantedTargets(
  rule: PolicyRule,
  targets: readonly GroupResource[],
  verbs: readonly string[],
  createNeedsNoNames = false,
): GroupResource[] {
  const out: GroupResource[] = [];
  if (!createNeedsNoNames || rule.resourceNames.length === 0) {
    for (let i = 0; i < targets.length; i++) if (grants(rule, targets[i].group, targets[i].resource, verbs)) out.push(targets[i]);
    return out;
  }
  const named = verbs.filter((v) => v !== 'create');
  if (named.length === 0) return out;
  for (let i = 0; i < targets.length; i++) if (grants(rule, targets[i].group, targets[i].resource, named)) out.push(targets[i]);
  return out;
}

/**
 * Evaluates a role rule over each PolicyRule of a Role/ClusterRole: Kubernetes' default roles (isBuiltinRole) are
 * not applicable; `check` returns the finding message for a rule, or undefined.
 */
export function checkPolicyRules(resource: Resource, check: (rule: PolicyRule) => string | undefined): RuleResult {
  if (isBuiltinRole(resource)) return NOT_APPLICABLE;
  const findings: RuleFinding[] = [];
  for (const rule of policyRules(resource.body)) {
    const message = check(rule);
    if (message !== undefined) findings.push({ id: `rule:${rule.index}`, message });
  }
  return fromFindings(findings);
}
