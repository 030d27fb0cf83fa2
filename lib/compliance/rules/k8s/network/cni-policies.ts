/**
 * Default-deny semantics of the CNI plugins' own policy kinds: Cilium (CiliumNetworkPolicy,
 * CiliumClusterwideNetworkPolicy, `cilium.io/v2`) and Calico (NetworkPolicy, GlobalNetworkPolicy of
 * `projectcalico.org/v3` and `crd.projectcalico.org/v1`).
 *
 * Cilium (agent `pkg/policy`, `Rule` API reference, docs "Policy Enforcement Modes"): a rule puts the endpoints it
 * selects into default deny for a direction when it has at least one entry in `ingress`/`ingressDeny` (`egress`/
 * `egressDeny`) and `enableDefaultDeny.<direction>` is not `false`; an omitted or empty list "does not apply" to that
 * direction. An allow rule without any peer field (`fromEndpoints`, `fromEntities`, `fromCIDR`...) has no L3
 * constraint and allows every peer, so `ingress: [{}]` allows everything (as does `fromEntities: [all]`); an
 * explicitly empty peer list (`fromEntities: []`) selects no peer. `endpointSelector: {}` selects every endpoint of
 * the policy's namespace (of every namespace for a clusterwide policy); `nodeSelector` selects nodes, not pods.
 *
 * Calico: a policy applies to the directions in `types`; when `types` is absent we count Ingress only when the
 * policy has no egress rules or has ingress rules, and Egress only when it has egress rules (the readings every
 * Calico version agrees on). Traffic a policy's rules do not allow is denied; a rule with `action: Allow` or `Pass`
 * and no match criteria lets everything through, so such a policy is no default deny. `selector` absent, empty or
 * `all()` selects every endpoint (a `serviceAccountSelector` narrows it to some pods); a GlobalNetworkPolicy may narrow namespaces with simple
 * `projectcalico.org/namespace` terms (`==`, `!=`, `in {...}`, `not in {...}`, joined with `&&`); any other
 * selector is read as selecting only some pods (not a default deny). `preDNAT`/`doNotTrack` policies apply to host
 * endpoints only.
 */
import { arr, obj, str } from '../pod';

/** Which directions a policy denies by default. */
export interface Directions {
  ingress: boolean;
  egress: boolean;
}

/** The namespaces a policy's default deny covers: one namespace, or a predicate over every namespace (clusterwide). */
export type Scope = { readonly namespace: string } | { readonly covers: (ns: string) => boolean };

/** A default deny established by a CNI policy. */
export interface CniDefaultDeny {
  readonly scope: Scope;
  readonly deny: Directions;
}

const NS_LABELS = ['io.kubernetes.pod.namespace', 'k8s:io.kubernetes.pod.namespace'];

function group(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  const i = v.indexOf('/');
  return i < 0 ? '' : v.slice(0, i);
}

/** Whether an object is a Cilium policy. */
export function isCiliumPolicy(type: string, apiVersion: string | undefined): boolean {
  return (type === 'CiliumNetworkPolicy' || type === 'CiliumClusterwideNetworkPolicy') && group(apiVersion) === 'cilium.io';
}

/** Whether an object is a Calico policy. */
export function isCalicoPolicy(type: string, apiVersion: string | undefined): boolean {
  const g = group(apiVersion);
  return (type === 'NetworkPolicy' || type === 'GlobalNetworkPolicy') && (g === 'projectcalico.org' || g === 'crd.projectcalico.org');
}

// ---------------------------------------------------------------- Cilium

/**
 * Which namespaces a Cilium endpointSelector selects every pod of: `{}` selects all (of `own`, or of all namespaces
 * when clusterwide); the only other terms understood are on the namespace label. Undefined: some pods only.
 */
export function ciliumSelectorScope(sel: unknown, own: string | undefined): ((ns: string) => boolean) | undefined {
  const s = obj(sel);
  if (!s) return undefined; // required by Cilium; anything else selects nothing we can vouch for
  const tests: ((ns: string) => boolean)[] = [];
  for (const [k, v] of Object.entries(obj(s.matchLabels) ?? {})) {
    if (!NS_LABELS.includes(k) || typeof v !== 'string') return undefined;
    tests.push((ns) => ns === v);
  }
  if (s.matchLabels !== undefined && s.matchLabels !== null && !obj(s.matchLabels)) return undefined;
  if (s.matchExpressions !== undefined && s.matchExpressions !== null && !Array.isArray(s.matchExpressions)) return undefined;
  for (const e of arr(s.matchExpressions)) {
    const x = obj(e);
    const key = str(x?.key);
    const values = arr(x?.values).filter((v): v is string => typeof v === 'string');
    if (!x || !key || !NS_LABELS.includes(key)) return undefined;
    if (x.operator === 'In') tests.push((ns) => values.includes(ns));
    else if (x.operator === 'NotIn') tests.push((ns) => !values.includes(ns));
    else return undefined; // Exists is always true for pods, but keep the grammar small
  }
  return (ns) => (own === undefined || ns === own) && tests.every((t) => t(ns));
}

const CILIUM_PEERS: Record<'ingress' | 'egress', readonly string[]> = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromGroups', 'fromRequires'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toNodes', 'toGroups', 'toRequires', 'toServices', 'toFQDNs'],
};

/** An allow rule that lets every peer through on every port. */
export function ciliumAllowsAll(rule: unknown, dir: 'ingress' | 'egress'): boolean {
  const r = obj(rule);
  if (!r) return false;
  const entities = dir === 'ingress' ? r.fromEntities : r.toEntities;
  const unrestrictedPorts = arr(r.toPorts).length === 0 && arr(r.icmps).length === 0;
  if (Array.isArray(entities) && entities.includes('all') && unrestrictedPorts) return true;
  const hasPeer = CILIUM_PEERS[dir].some((f) => r[f] !== undefined && r[f] !== null);
  return !hasPeer && unrestrictedPorts;
}

function ciliumDirection(rule: Record<string, any>, dir: 'ingress' | 'egress'): boolean {
  const allow = arr(rule[dir]);
  const deny = arr(rule[`${dir}Deny`]);
  if (allow.length === 0 && deny.length === 0) return false; // omitted or empty: the rule does not apply
  if (obj(rule.enableDefaultDeny)?.[dir] === false) return false;
  return !allow.some((r) => ciliumAllowsAll(r, dir));
}

/** The default denies of a Cilium policy (one entry per rule of `spec` and `specs`). */
export function ciliumDefaultDenies(type: string, namespace: string | undefined, body: Record<string, any>): CniDefaultDeny[] {
  const clusterwide = type === 'CiliumClusterwideNetworkPolicy';
  const own = clusterwide ? undefined : (namespace ?? 'default');
  const rules = [body.spec, ...arr(body.specs)].map(obj).filter((r): r is Record<string, any> => r !== undefined);
  const out: CniDefaultDeny[] = [];
  for (const rule of rules) {
    if (rule.nodeSelector !== undefined && rule.nodeSelector !== null) continue; // host policy
    const covers = ciliumSelectorScope(rule.endpointSelector, own);
    if (!covers) continue;
    const deny = { ingress: ciliumDirection(rule, 'ingress'), egress: ciliumDirection(rule, 'egress') };
    if (!deny.ingress && !deny.egress) continue;
    out.push({ scope: own !== undefined && isWholeNamespace(rule.endpointSelector) ? { namespace: own } : { covers }, deny });
  }
  return out;
}

function isWholeNamespace(sel: unknown): boolean {
  const s = obj(sel);
  return !!s && Object.keys(obj(s.matchLabels) ?? {}).length === 0 && arr(s.matchExpressions).length === 0;
}

// ---------------------------------------------------------------- Calico

/**
 * Namespaces a Calico selector selects every endpoint of: `''`/`all()` (every namespace), or a conjunction of
 * simple terms on `label`. Undefined when the selector narrows to some pods (or is not understood).
 */
export function calicoSelectorScope(selector: unknown, label: string): ((ns: string) => boolean) | undefined {
  if (selector === undefined || selector === null) return () => true;
  if (typeof selector !== 'string') return undefined;
  const s = selector.trim();
  if (s === '' || s === 'all()') return () => true;
  const tests: ((ns: string) => boolean)[] = [];
  for (const raw of s.split('&&')) {
    const t = raw.trim();
    if (t === 'all()') continue;
    const esc = label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const q = '(?:\'([^\']*)\'|"([^"]*)")';
    let m = new RegExp(`^${esc}\\s*(==|!=)\\s*${q}$`).exec(t);
    if (m) {
      const v = m[2] ?? m[3];
      tests.push(m[1] === '==' ? (ns) => ns === v : (ns) => ns !== v);
      continue;
    }
    m = new RegExp(`^${esc}\\s+(not\\s+in|in)\\s*\\{([^}]*)\\}$`).exec(t);
    if (m) {
      const items = m[2].split(',').map((x) => x.trim()).filter((x) => x !== '');
      const values: string[] = [];
      for (const item of items) {
        const mm = /^(?:'([^']*)'|"([^"]*)")$/.exec(item);
        if (!mm) return undefined;
        values.push(mm[1] ?? mm[2]);
      }
      const negate = m[1] !== 'in';
      tests.push((ns) => values.includes(ns) !== negate);
      continue;
    }
    return undefined;
  }
  return (ns) => tests.every((t) => t(ns));
}

/** A rule with action Allow or Pass and no match criteria. */
function calicoAllowsAll(rule: unknown): boolean {
  const r = obj(rule);
  if (!r || (r.action !== 'Allow' && r.action !== 'Pass')) return false;
  const criteria = ['protocol', 'notProtocol', 'icmp', 'notICMP', 'ipVersion', 'http'];
  if (criteria.some((k) => r[k] !== undefined && r[k] !== null)) return false;
  for (const side of ['source', 'destination']) {
    const e = obj(r[side]);
    if (e && Object.keys(e).some((k) => e[k] !== undefined && e[k] !== null && !(Array.isArray(e[k]) && e[k].length === 0) && e[k] !== '')) return false;
  }
  return true;
}

/** The default deny of a Calico NetworkPolicy or GlobalNetworkPolicy, if it establishes one. */
export function calicoDefaultDeny(type: string, namespace: string | undefined, body: Record<string, any>): CniDefaultDeny | undefined {
  const spec = obj(body.spec);
  if (!spec) return undefined;
  const global = type === 'GlobalNetworkPolicy';
  if (global && (spec.preDNAT === true || spec.doNotTrack === true)) return undefined; // host endpoints only
  const podScope = calicoSelectorScope(spec.selector, 'projectcalico.org/namespace');
  if (!podScope) return undefined;
  // serviceAccountSelector narrows the pods to those of some service accounts
  const sa = spec.serviceAccountSelector;
  if (sa !== undefined && sa !== null && !(typeof sa === 'string' && ['', 'all()'].includes(sa.trim()))) return undefined;
  let covers = podScope;
  if (global) {
    const nsScope = calicoSelectorScope(spec.namespaceSelector, 'projectcalico.org/name');
    if (!nsScope) return undefined;
    covers = (ns) => podScope(ns) && nsScope(ns);
  }
  const declared = arr(spec.types).filter((t) => typeof t === 'string');
  const hasIngress = arr(spec.ingress).length > 0;
  const hasEgress = arr(spec.egress).length > 0;
  const types = declared.length > 0 ? declared : [...(!hasEgress || hasIngress ? ['Ingress'] : []), ...(hasEgress ? ['Egress'] : [])];
  const deny = {
    ingress: types.includes('Ingress') && !arr(spec.ingress).some(calicoAllowsAll),
    egress: types.includes('Egress') && !arr(spec.egress).some(calicoAllowsAll),
  };
  if (!deny.ingress && !deny.egress) return undefined;
  if (!global) {
    const own = namespace ?? 'default';
    return { scope: spec.selector === undefined || spec.selector === null || ['', 'all()'].includes(String(spec.selector).trim()) ? { namespace: own } : { covers: (ns) => ns === own && covers(ns) }, deny };
  }
  return { scope: { covers }, deny };
}
