/**
 * Shared reading of service-mesh enrolment (Istio sidecar or ambient, Linkerd) for the mesh rules.
 *
 * Istio ("Installing the sidecar: controlling the injection policy"): a namespace label `istio-injection: enabled`,
 * or an `istio.io/rev` label without `istio-injection`, injects its pods; `istio-injection: disabled` injects none; a
 * pod's `sidecar.istio.io/inject` label (or the older annotation) `"false"` opts out and `"true"` opts in. A namespace
 * labelled `istio.io/dataplane-mode: ambient` enrols its pods in ambient mode (a pod opts out with
 * `istio.io/dataplane-mode: none`). Linkerd: the `linkerd.io/inject` annotation (`enabled` or `ingress`) on the pod
 * template or, inherited, on its namespace; `disabled` on the pod opts out.
 */
import { Resource, RuleContext } from '../../../model';
import { POD_RULE_TARGETS, PodInfo, obj, podsOf } from '../pod';

/** Namespaces of the cluster and of the mesh control planes: not expected to be enrolled. */
export const MESH_EXEMPT_NAMESPACES: readonly string[] = [
  'kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'istio-cni', 'istio-ingress', 'istio-egress',
  'linkerd', 'linkerd-cni', 'linkerd-viz', 'linkerd-jaeger', 'linkerd-multicluster', 'linkerd-smi',
];

/** How a namespace (a Namespace object of the run) enrols its pods. */
export interface NamespaceMesh {
  readonly istioInjected: boolean;
  readonly istioDisabled: boolean;
  readonly ambient: boolean;
  readonly linkerdInjected: boolean;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : undefined);

/** Mesh enrolment of a Namespace object. */
export function namespaceMesh(body: unknown): NamespaceMesh {
  const meta = obj(obj(body)?.metadata);
  const labels = obj(meta?.labels) ?? {};
  const annotations = obj(meta?.annotations) ?? {};
  const injection = text(labels['istio-injection']);
  const linkerd = text(annotations['linkerd.io/inject']);
  return {
    istioInjected: injection === 'enabled' || (injection === undefined && text(labels['istio.io/rev']) !== undefined),
    istioDisabled: injection === 'disabled',
    ambient: text(labels['istio.io/dataplane-mode']) === 'ambient',
    linkerdInjected: linkerd === 'enabled' || linkerd === 'ingress',
  };
}

/** Mesh settings of the Namespace objects of the run, by name (built once per run). */
export function namespaceMeshIndex(context: RuleContext): Map<string, NamespaceMesh> {
  return context.memo('k8s-mesh:namespaces', () => {
    const m = new Map<string, NamespaceMesh>();
    for (const ns of context.ofType('Namespace')) if (ns.objectName) m.set(ns.objectName, namespaceMesh(ns.body));
    return m;
  });
}

/** A pod template's own `sidecar.istio.io/inject` setting (label first, then annotation). */
export function istioPodSetting(pod: PodInfo): string | undefined {
  return text(obj(pod.metadata.labels)?.['sidecar.istio.io/inject']) ?? text(obj(pod.metadata.annotations)?.['sidecar.istio.io/inject']);
}

const ISTIO_YES = ['y', 'yes', 'true', 'on'];

/**
 * Istio's injector reads the setting case-insensitively: y, yes, true, on opt in; any other non-empty value opts out
 * (so "False", "no" or "off" opt out too).
 */
export function istioOptIn(pod: PodInfo): boolean {
  const v = istioPodSetting(pod);
  return v !== undefined && ISTIO_YES.includes(v.trim().toLowerCase());
}

/** Whether a pod template opts out of Istio injection (see istioOptIn). */
export function istioOptOut(pod: PodInfo): boolean {
  const v = istioPodSetting(pod);
  return v !== undefined && v.trim() !== '' && !ISTIO_YES.includes(v.trim().toLowerCase());
}

/** A pod template's own `linkerd.io/inject` annotation. */
export function linkerdPodSetting(pod: PodInfo): string | undefined {
  return text(obj(pod.metadata.annotations)?.['linkerd.io/inject']);
}

/** Whether a pod template runs in the mesh, given its namespace's settings (undefined: Namespace not in the run). */
export function podEnrolled(pod: PodInfo, ns: NamespaceMesh | undefined): boolean {
  const linkerd = linkerdPodSetting(pod);
  if (linkerd === 'enabled' || linkerd === 'ingress') return true;
  if (istioOptIn(pod) && !ns?.istioDisabled) return true;
  if (!ns) return false;
  if (ns.istioInjected && !istioOptOut(pod)) return true;
  if (ns.ambient && text(obj(pod.metadata.labels)?.['istio.io/dataplane-mode']) !== 'none') return true;
  return ns.linkerdInjected && linkerd !== 'disabled';
}

function meshGroup(apiVersion: string | undefined): boolean {
  const g = (apiVersion ?? '').split('/')[0];
  return g.endsWith('istio.io') || g.endsWith('linkerd.io');
}

/** Kinds of the Istio and Linkerd APIs whose presence shows the bundle runs a mesh. */
export const MESH_KINDS: readonly string[] = [
  'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication', 'DestinationRule', 'VirtualService', 'Gateway', 'Sidecar',
  'ServiceEntry', 'WorkloadEntry', 'EnvoyFilter', 'Telemetry', 'Server', 'ServerAuthorization', 'MeshTLSAuthentication',
  'NetworkAuthentication', 'HTTPRoute', 'ServiceProfile',
];

/** Whether the run uses a service mesh: an Istio or Linkerd object, a Namespace or a pod template that enrols (built once per run). */
export function runUsesMesh(context: RuleContext): boolean {
  return context.memo('k8s-mesh:uses-mesh', () => {
    for (const ns of namespaceMeshIndex(context).values()) if (ns.istioInjected || ns.ambient || ns.linkerdInjected) return true;
    for (const kind of MESH_KINDS) if (context.ofType(kind).some((r: Resource) => meshGroup(r.apiVersion))) return true;
    // a pod template that opts in (sidecar.istio.io/inject "true", linkerd.io/inject enabled)
    for (const kind of [...POD_RULE_TARGETS]) {
      for (const r of context.ofType(kind)) {
        for (const pod of podsOf(r)) {
          const l = linkerdPodSetting(pod);
          if (istioOptIn(pod) || l === 'enabled' || l === 'ingress') return true;
        }
      }
    }
    return false;
  });
}
