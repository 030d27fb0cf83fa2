import { k8s } from 'cdk8s-plus-28';
import { PropValidator } from '../../core/errors';
import { NamedContainerPort, IHardenedWorkload } from '../workload/types';

/** The NetworkPolicy peer selecting a workload's pods, seen from a policy in `policyNamespace`. */
export function workloadPeer(w: IHardenedWorkload, policyNamespace: string | undefined): k8s.NetworkPolicyPeer {
  const podSelector = { matchLabels: { ...w.podSelectorLabels } };
  if (w.workloadNamespace === policyNamespace) return { podSelector };
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': w.workloadNamespace! } }, podSelector };
}

/**
 * Checks that two workloads' namespaces are both known or both unknown (unknown = the same namespace,
 * the one the manifests are applied to).
 */
export function checkNamespaces(v: PropValidator, from: IHardenedWorkload, to: IHardenedWorkload): void {
  const a = from.workloadNamespace;
  const b = to.workloadNamespace;
  if ((a === undefined) !== (b === undefined)) {
    const unknown = a === undefined ? 'client' : 'server';
    v.fail(unknown, `workload "${(unknown === 'client' ? from : to).workloadName}" has no namespace, so it is unclear whether both workloads share one.`, 'Set `namespaceName` on both workloads (or a namespace on the chart).');
  }
}

/** Resolves port names against the destination's container ports. */
export function resolvePorts(v: PropValidator, property: string, to: IHardenedWorkload, names: string[] | undefined): NamedContainerPort[] {
  if (!Array.isArray(names) || names.length === 0) {
    v.fail(property, 'is empty; a rule without ports would open every port.', `Name the ports to open, from ${portList(to)}.`);
    return [];
  }
  const out: NamedContainerPort[] = [];
  names.forEach((name, i) => {
    const port = to.containerPorts.find((p) => p.name === name);
    if (!port) v.fail(`${property}[${i}]`, `"${name}" is not a port of workload "${to.workloadName}".`, `Use one of ${portList(to)}, or declare the port on its container.`);
    else if (!out.includes(port)) out.push(port);
  });
  return out;
}

function portList(w: IHardenedWorkload): string {
  const names = w.containerPorts.map((p) => `"${p.name}"`);
  return names.length > 0 ? names.join(', ') : '(the workload declares no ports)';
}

/** NetworkPolicy ports for container ports. */
export function policyPorts(ports: NamedContainerPort[]): k8s.NetworkPolicyPort[] {
  return ports.map((p) => ({ protocol: p.protocol ?? 'TCP', port: k8s.IntOrString.fromNumber(p.containerPort) }));
}

/** Metadata of a policy in a workload's namespace. */
export function policyMeta(w: IHardenedWorkload): k8s.ObjectMeta {
  return w.workloadNamespace !== undefined ? { namespace: w.workloadNamespace } : {};
}
