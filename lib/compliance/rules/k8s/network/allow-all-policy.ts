import { isOpenCidr, unionCoversFamily } from '../../../../core/cidr';
import { NOT_APPLICABLE, Resource, RuleContext, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';
import { calicoSelectorScope, ciliumAllowsAll, ciliumSelectorScope, isCalicoPolicy, isCiliumPolicy } from './cni-policies';
import { DEFAULT_NAMESPACE, POLICY_KINDS, SYSTEM_NAMESPACES, defaultDenyFor, emptySelector } from './default-deny';

type Direction = 'ingress' | 'egress';

/** A rule of a policy that opens its direction to everything. */
interface OpenRule {
  readonly id: string;
  readonly direction: Direction;
  readonly why: string;
}

/** Blocks that together are every address of a family (`0.0.0.0/1` and `128.0.0.0/1`), listed for the message. */
function wholeSpaceUnion(cidrs: readonly unknown[]): string | undefined {
  const strings = cidrs.filter((c): c is string => typeof c === 'string');
  return strings.length > 1 && unionCoversFamily(strings) !== undefined ? strings.map((c) => c.trim()).join(' + ') : undefined;
}

/** Why a networking.k8s.io rule lets every peer in (out): no peers, `ipBlock` 0.0.0.0/0 without `except`, or every pod of every namespace. */
function k8sWidePeers(rule: Record<string, any>, peers: 'from' | 'to'): string | undefined {
  const list = arr(rule[peers]);
  if (list.length === 0) return `no ${peers}: every ${peers === 'from' ? 'source' : 'destination'}, in and outside the cluster`;
  for (const p of list) {
    const peer = obj(p);
    if (!peer) continue;
    const block = obj(peer.ipBlock);
    if (block && isOpenCidr(block.cidr) && arr(block.except).length === 0) return `ipBlock ${String(block.cidr).trim()}: every address`;
    const allNamespaces = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null && emptySelector(peer.namespaceSelector);
    if (allNamespaces && emptySelector(peer.podSelector)) {
      return 'namespaceSelector: {}: every pod of every namespace';
    }
  }
  // blocks that together are every address: each peer alone is narrower, the rule is not
  const blocks = list.map((p) => obj(obj(p)?.ipBlock))
    .filter((b): b is Record<string, any> => b !== undefined && arr(b.except).length === 0)
    .map((b) => b.cidr);
  const union = wholeSpaceUnion(blocks);
  if (union) return `ipBlock ${union}: every address`;
  return undefined;
}

/** Which ports a rule opens when it opens all of them (no ports, or an entry without port: a whole protocol). */
function k8sWidePorts(rule: Record<string, any>): string | undefined {
  const ports = arr(rule.ports);
  if (ports.length === 0) return 'every port';
  for (const p of ports) {
    const port = obj(p);
    if (port && (port.port === undefined || port.port === null)) return `every ${str(port.protocol) ?? 'TCP'} port`;
  }
  return undefined;
}

/** The directions a networking.k8s.io NetworkPolicy applies to (policyTypes, or Ingress plus Egress when it has egress rules). */
function k8sDirections(spec: Record<string, any>): Direction[] {
  const declared = arr(spec.policyTypes).filter((t) => typeof t === 'string');
  const types = declared.length > 0 ? declared : ['Ingress', ...(Array.isArray(spec.egress) ? ['Egress'] : [])];
  return (['ingress', 'egress'] as const).filter((d) => types.includes(d === 'ingress' ? 'Ingress' : 'Egress'));
}

function k8sPolicy(body: Record<string, any>): OpenRule[] | undefined {
  const spec = obj(body.spec);
  if (!spec || !emptySelector(spec.podSelector)) return undefined;
  const open: OpenRule[] = [];
  for (const d of k8sDirections(spec)) {
    arr(spec[d]).forEach((r, i) => {
      const rule = obj(r);
      if (!rule) return;
      const peers = k8sWidePeers(rule, d === 'ingress' ? 'from' : 'to');
      const ports = peers ? k8sWidePorts(rule) : undefined;
      if (peers && ports) open.push({ id: `${d}[${i}]`, direction: d, why: `${d}[${i}] allows ${peers}, on ${ports}` });
    });
  }
  return open;
}

// ---------------------------------------------------------------- Cilium

const CILIUM_WIDE_ENTITIES: readonly string[] = ['all', 'world', 'cluster'];

function ciliumWide(rule: unknown, d: Direction): string | undefined {
  const r = obj(rule);
  if (!r) return undefined;
  if (ciliumAllowsAll(r, d)) return 'every peer on every port (no peer field and no toPorts, or entity all)';
  if (arr(r.toPorts).length > 0 || arr(r.icmps).length > 0) return undefined;
  const prefix = d === 'ingress' ? 'from' : 'to';
  const entities = arr(r[`${prefix}Entities`]).filter((e): e is string => typeof e === 'string' && CILIUM_WIDE_ENTITIES.includes(e));
  if (entities.length > 0) return `${prefix}Entities ${entities.join(', ')} on every port`;
  const whole = arr(r[`${prefix}CIDR`]).find(isOpenCidr);
  if (whole !== undefined) return `${prefix}CIDR ${String(whole).trim()} on every port`;
  const sets = arr(r[`${prefix}CIDRSet`]).map(obj).filter((c): c is Record<string, any> => c !== undefined && arr(c.except).length === 0).map((c) => c.cidr);
  const set = sets.find(isOpenCidr);
  if (set !== undefined) return `${prefix}CIDRSet ${String(set).trim()} on every port`;
  const union = wholeSpaceUnion([...arr(r[`${prefix}CIDR`]), ...sets]);
  if (union) return `${prefix}CIDR ${union} (every address) on every port`;
  return undefined;
}

function ciliumPolicy(type: string, namespace: string | undefined, body: Record<string, any>): OpenRule[] {
  const clusterwide = type === 'CiliumClusterwideNetworkPolicy';
  const own = clusterwide ? undefined : (namespace ?? DEFAULT_NAMESPACE);
  const rules: [string, Record<string, any>][] = [];
  const spec = obj(body.spec);
  if (spec) rules.push(['spec', spec]);
  arr(body.specs).forEach((s, i) => {
    const r = obj(s);
    if (r) rules.push([`specs[${i}]`, r]);
  });
  const open: OpenRule[] = [];
  for (const [path, rule] of rules) {
    if (rule.nodeSelector !== undefined && rule.nodeSelector !== null) continue; // host policy
    if (!ciliumSelectorScope(rule.endpointSelector, own)) continue; // selects only some pods
    for (const d of ['ingress', 'egress'] as const) {
      arr(rule[d]).forEach((r, i) => {
        const why = ciliumWide(r, d);
        if (why) open.push({ id: `${path}.${d}[${i}]`, direction: d, why: `${path}.${d}[${i}] allows ${why}` });
      });
    }
  }
  return open;
}

// ---------------------------------------------------------------- Calico

const CALICO_CRITERIA: readonly string[] = ['protocol', 'notProtocol', 'icmp', 'notICMP', 'http'];

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** An Allow rule that matches every peer: the peer side empty, only `nets` with 0.0.0.0/0, or `namespaceSelector: all()`; the own side empty. */
function calicoWide(rule: unknown, d: Direction): string | undefined {
  const r = obj(rule);
  if (!r || r.action !== 'Allow') return undefined;
  if (CALICO_CRITERIA.some((k) => isSet(r[k]))) return undefined;
  const peer = obj(d === 'ingress' ? r.source : r.destination) ?? {};
  const local = obj(d === 'ingress' ? r.destination : r.source) ?? {};
  if (Object.keys(local).some((k) => isSet(local[k]))) return undefined;
  const keys = Object.keys(peer).filter((k) => isSet(peer[k]));
  if (keys.length === 0) return 'every peer on every port (an Allow rule without match criteria)';
  if (keys.length === 1 && keys[0] === 'nets') {
    const whole = arr(peer.nets).find(isOpenCidr);
    if (whole !== undefined) return `every address (nets ${String(whole).trim()}) on every port`;
    const union = wholeSpaceUnion(arr(peer.nets));
    if (union) return `every address (nets ${union}) on every port`;
  }
  const allNs = (v: unknown) => typeof v === 'string' && ['all()', 'global()'].includes(v.trim());
  if (keys.every((k) => (k === 'namespaceSelector' && allNs(peer[k])) || (k === 'selector' && str(peer[k])?.trim() === 'all()')) && keys.includes('namespaceSelector')) {
    return 'every pod of every namespace (namespaceSelector all()) on every port';
  }
  return undefined;
}

function calicoPolicy(type: string, body: Record<string, any>): OpenRule[] | undefined {
  const spec = obj(body.spec);
  if (!spec) return undefined;
  const global = type === 'GlobalNetworkPolicy';
  if (global && (spec.preDNAT === true || spec.doNotTrack === true)) return undefined; // host endpoints only
  if (!calicoSelectorScope(spec.selector, 'projectcalico.org/namespace')) return undefined;
  const sa = spec.serviceAccountSelector;
  if (sa !== undefined && sa !== null && !(typeof sa === 'string' && ['', 'all()'].includes(sa.trim()))) return undefined;
  const declared = arr(spec.types).filter((t) => typeof t === 'string');
  const hasIngress = arr(spec.ingress).length > 0;
  const hasEgress = arr(spec.egress).length > 0;
  const types = declared.length > 0 ? declared : [...(!hasEgress || hasIngress ? ['Ingress'] : []), ...(hasEgress ? ['Egress'] : [])];
  const open: OpenRule[] = [];
  for (const d of ['ingress', 'egress'] as const) {
    if (!types.includes(d === 'ingress' ? 'Ingress' : 'Egress')) continue;
    arr(spec[d]).forEach((r, i) => {
      const why = calicoWide(r, d);
      if (why) open.push({ id: `${d}[${i}]`, direction: d, why: `${d}[${i}] allows ${why}` });
    });
  }
  return open;
}

/** What the open rule does to the namespace's default deny (for a namespaced policy). */
function effect(context: RuleContext, ns: string | undefined, d: Direction): string {
  if (ns === undefined) return `it opens ${d} of every pod it selects, whatever default deny applies to them`;
  const deny = defaultDenyFor(context, ns);
  return (d === 'ingress' ? deny.ingress : deny.egress)
    ? `it undoes the ${d} default deny that the namespace's other policies set`
    : `namespace "${ns}" has no ${d} default deny either, and this rule would undo one`;
}

/**
 * Network policies are additive: a policy that selects every pod of a namespace and allows every peer on every port
 * opens the namespace in that direction, whatever default-deny policy sits beside it (k8s-network-default-deny only
 * sees that a deny exists). Reported on the allow-all policy, one finding per rule that opens everything:
 * networking.k8s.io `podSelector: {}` with a rule without peers (`ingress: [{}]`, `from: []`), a peer
 * `ipBlock: 0.0.0.0/0` (or ::/0) without except, or `namespaceSelector: {}` (every pod of every namespace), on
 * every port (no ports, or an entry without port: a whole protocol). Cilium (endpointSelector selecting whole
 * namespaces): a rule without peer field, or entities all / world / cluster, or CIDR 0.0.0.0/0, without toPorts.
 * Calico (selector all() / whole namespaces, no serviceAccountSelector): an Allow rule without match criteria, or whose
 * only criterion is the peer nets 0.0.0.0/0 or namespaceSelector all(). Policies of the system namespaces are skipped,
 * as k8s-network-default-deny skips them.
 */
export const K8S_NETWORK_ALLOW_ALL_POLICY = defineRule({
  id: 'k8s-network-allow-all-policy',
  title: 'Network policies do not allow all traffic to every pod of a namespace',
  description: 'A NetworkPolicy (or Cilium / Calico policy) selects every pod of its namespace and has a rule that allows every peer on every port '
    + '(no peers, ipBlock 0.0.0.0/0, every pod of every namespace, or the CNI\'s equivalents), so the namespace is open in that direction and any '
    + 'default-deny policy beside it has no effect: policies add up, and one allow-all wins.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POLICY_KINDS,
  controls: ['NSA-CISA:network-separation', 'CIS-K8S:5.3.2', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4'],
  remediation: 'Delete the allow-all policy, or narrow it: select only the pods that need the traffic (podSelector with labels) and name the peers '
    + '(podSelector / namespaceSelector with labels, ipBlock of the real ranges) and ports; keep the namespace\'s default deny effective.',
  evaluate: (resource: Resource, context: RuleContext) => {
    const body = obj(resource.body);
    if (!body) return NOT_APPLICABLE;
    const type = resource.type;
    let open: OpenRule[] | undefined;
    let ns: string | undefined;
    let selects: string;
    if (type === 'NetworkPolicy' && (resource.apiVersion ?? '').startsWith('networking.k8s.io/')) {
      ns = resource.namespace ?? DEFAULT_NAMESPACE;
      open = k8sPolicy(body);
      selects = `every pod of namespace "${ns}"`;
    } else if (isCiliumPolicy(type, resource.apiVersion)) {
      ns = type === 'CiliumClusterwideNetworkPolicy' ? undefined : (resource.namespace ?? DEFAULT_NAMESPACE);
      open = ciliumPolicy(type, resource.namespace, body);
      selects = ns === undefined ? 'every pod of the namespaces its endpointSelector covers' : `every pod of namespace "${ns}"`;
    } else if (isCalicoPolicy(type, resource.apiVersion)) {
      ns = type === 'GlobalNetworkPolicy' ? undefined : (resource.namespace ?? DEFAULT_NAMESPACE);
      open = calicoPolicy(type, body);
      selects = ns === undefined ? 'every endpoint of the namespaces its selectors cover' : `every pod of namespace "${ns}"`;
    } else {
      return NOT_APPLICABLE;
    }
    if (ns !== undefined && SYSTEM_NAMESPACES.includes(ns)) return NOT_APPLICABLE;
    const findings: RuleFinding[] = (open ?? []).map((o) => ({ id: o.id, message: `${type} selects ${selects}, and ${o.why}: ${effect(context, ns, o.direction)}.` }));
    return fromFindings(findings); // no open rule, or a policy that selects only some pods
  },
});
