import { NOT_APPLICABLE, Resource, RuleContext, nonCompliant, COMPLIANT } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, arr, obj, podsOf } from '../pod';
import { CniDefaultDeny, calicoDefaultDeny, ciliumDefaultDenies, isCalicoPolicy, isCiliumPolicy } from './cni-policies';

/** Namespace assumed for namespaced objects that do not set one (what `kubectl apply` does with no context namespace). */
export const DEFAULT_NAMESPACE = 'default';

/** Which directions a namespace's NetworkPolicies deny by default. */
export interface DefaultDeny {
  ingress: boolean;
  egress: boolean;
}

/** Whether a label selector selects everything: absent (read as {} by the API), or no matchLabels and no matchExpressions. */
export function emptySelector(sel: unknown): boolean {
  if (sel === undefined || sel === null) return true; // podSelector is required; absent is read as {} by the API
  const s = obj(sel);
  if (!s) return false;
  return Object.keys(obj(s.matchLabels) ?? {}).length === 0 && arr(s.matchExpressions).length === 0;
}

/** A rule that allows all traffic in its direction: `{}` (no peers, no ports). */
function allowsAll(rule: unknown, peers: 'from' | 'to'): boolean {
  const r = obj(rule);
  if (!r) return false;
  return arr(r[peers]).length === 0 && arr(r.ports).length === 0;
}

/**
 * The default-deny directions a NetworkPolicy establishes: it must select every pod of its namespace
 * (`podSelector: {}`) and list the direction in policyTypes (when policyTypes is absent: Ingress, plus Egress
 * if it has egress rules). A policy whose rules allow everything in that direction does not deny it.
 */
export function defaultDenyOf(policy: Record<string, any>): DefaultDeny {
  const spec = obj(policy.spec);
  if (!spec || !emptySelector(spec.podSelector)) return { ingress: false, egress: false };
  const declared = arr(spec.policyTypes).filter((t) => typeof t === 'string');
  const types = declared.length > 0 ? declared : ['Ingress', ...(Array.isArray(spec.egress) ? ['Egress'] : [])];
  return {
    ingress: types.includes('Ingress') && !arr(spec.ingress).some((r) => allowsAll(r, 'from')),
    egress: types.includes('Egress') && !arr(spec.egress).some((r) => allowsAll(r, 'to')),
  };
}

/** Kinds whose default deny counts: Kubernetes NetworkPolicy, and the Cilium and Calico policy kinds. */
export const POLICY_KINDS: readonly string[] = ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];

interface DefaultDenyIndex {
  /** Per namespace: from policies that select all pods of one namespace. */
  readonly byNamespace: Map<string, DefaultDeny>;
  /** Clusterwide policies (and namespaced ones with namespace-label selectors), checked per namespace. */
  readonly scoped: readonly CniDefaultDeny[];
  /** Result per namespace, computed once. */
  readonly resolved: Map<string, DefaultDeny>;
}

function merge(index: Map<string, DefaultDeny>, ns: string, d: DefaultDeny): void {
  const cur = index.get(ns) ?? { ingress: false, egress: false };
  index.set(ns, { ingress: cur.ingress || d.ingress, egress: cur.egress || d.egress });
}

/** Default-deny coverage, from every NetworkPolicy, Cilium and Calico policy of the run (built once per run). */
function defaultDenyIndex(context: RuleContext): DefaultDenyIndex {
  return context.memo('k8s-network-default-deny:index', () => {
    const byNamespace = new Map<string, DefaultDeny>();
    const scoped: CniDefaultDeny[] = [];
    const add = (entries: readonly CniDefaultDeny[]) => {
      for (const e of entries) {
        if ('namespace' in e.scope) merge(byNamespace, e.scope.namespace, e.deny);
        else scoped.push(e);
      }
    };
    for (const kind of POLICY_KINDS) {
      for (const p of context.ofType(kind)) {
        const body = obj(p.body);
        if (!body) continue;
        if (kind === 'NetworkPolicy' && (p.apiVersion ?? '').startsWith('networking.k8s.io/')) {
          merge(byNamespace, p.namespace ?? DEFAULT_NAMESPACE, defaultDenyOf(body));
        } else if (isCiliumPolicy(kind, p.apiVersion)) {
          add(ciliumDefaultDenies(kind, p.namespace, body));
        } else if (isCalicoPolicy(kind, p.apiVersion)) {
          const d = calicoDefaultDeny(kind, p.namespace, body);
          if (d) add([d]);
        }
      }
    }
    return { byNamespace, scoped, resolved: new Map<string, DefaultDeny>() };
  });
}

/** Which directions of a namespace are denied by default, by every policy of the run together. */
export function defaultDenyFor(context: RuleContext, ns: string): DefaultDeny {
  const index = defaultDenyIndex(context);
  const cached = index.resolved.get(ns);
  if (cached) return cached;
  const d = { ...(index.byNamespace.get(ns) ?? { ingress: false, egress: false }) };
  for (const e of index.scoped) {
    if ((d.ingress || !e.deny.ingress) && (d.egress || !e.deny.egress)) continue;
    if ('covers' in e.scope && e.scope.covers(ns)) {
      d.ingress = d.ingress || e.deny.ingress;
      d.egress = d.egress || e.deny.egress;
    }
  }
  index.resolved.set(ns, d);
  return d;
}

/** Namespaces managed by the cluster itself, never reported. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Names of the Namespace objects in the run (built once per run). */
function namespacesInRun(context: RuleContext): Set<string> {
  return context.memo('k8s-network-default-deny:namespaces', () =>
    new Set(context.ofType('Namespace').map((n) => n.objectName ?? '').filter((n) => n !== '')));
}

/**
 * Every namespace that runs pods needs a default-deny NetworkPolicy for both ingress and egress, so that
 * traffic is allowed only by explicit policies.
 *
 * Where the finding goes: on the Namespace object when it is part of the run (one finding per namespace,
 * suppressible where the namespace is declared; a Namespace is reported even when the run holds none of its
 * workloads, as a namespace exists to hold them); otherwise on each workload of that namespace (finding id
 * `namespace:<name>`). PodTemplates run nothing and are not checked; system namespaces are skipped.
 */
export const K8S_NETWORK_DEFAULT_DENY = defineRule({
  id: 'k8s-network-default-deny',
  title: 'Namespaces with workloads have a default-deny NetworkPolicy',
  description: 'The namespace has no policy selecting all its pods that denies both Ingress and Egress by default, so its pods accept and send any traffic. Counted: networking.k8s.io NetworkPolicy (podSelector: {}), CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (endpointSelector: {} or namespace-label terms; a rule with no peer field, such as ingress: [{}], allows everything), Calico NetworkPolicy and GlobalNetworkPolicy (selector all(), empty, or namespace terms; an Allow/Pass rule without match criteria allows everything).',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['Namespace', ...POD_RULE_TARGETS.filter((k) => k !== 'PodTemplate')],
  controls: ['NSA-CISA:network-separation', 'CIS-K8S:5.3.2', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4'],
  remediation: 'Add to the namespace a NetworkPolicy with podSelector: {} and policyTypes: [Ingress, Egress] and no rules, then allow the needed flows with further policies (including DNS egress). With Cilium or Calico, their own policies count: a CiliumNetworkPolicy with endpointSelector: {} whose ingress and egress rules name their peers (not [{}] or empty lists), or a Calico policy with selector all() and types [Ingress, Egress].',
  evaluate: (resource: Resource, context: RuleContext) => {
    let ns: string;
    if (resource.type === 'Namespace') {
      ns = resource.objectName ?? '';
    } else {
      if (podsOf(resource).length === 0) return NOT_APPLICABLE;
      ns = resource.namespace ?? DEFAULT_NAMESPACE;
      if (namespacesInRun(context).has(ns)) return NOT_APPLICABLE; // reported on the Namespace object
    }
    if (ns === '' || SYSTEM_NAMESPACES.includes(ns)) return NOT_APPLICABLE;
    const d = defaultDenyFor(context, ns);
    if (d.ingress && d.egress) return COMPLIANT;
    const missing = [d.ingress ? undefined : 'Ingress', d.egress ? undefined : 'Egress'].filter(Boolean).join(' and ');
    const where = resource.type !== 'Namespace' && resource.namespace === undefined ? `namespace "${ns}" (the object sets no namespace)` : `namespace "${ns}"`;
    return nonCompliant({ id: `namespace:${ns}`, message: `${where} has no default-deny NetworkPolicy for ${missing} in the checked manifests.` });
  },
});
