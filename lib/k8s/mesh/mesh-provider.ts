/**
 * A service mesh that provides workload identity and mutual TLS.
 */
export enum MeshProvider {
  /** Istio (sidecar mode; use the Istio CNI plugin so pods pass Pod Security `restricted`). */
  ISTIO = 'ISTIO',
  /** Linkerd (use linkerd-cni so pods pass Pod Security `restricted`). */
  LINKERD = 'LINKERD',
}

/** Where each mesh's control plane listens, for egress allowances. */
export const MESH_CONTROL_PLANE: Record<
  MeshProvider,
  { readonly namespace: string; readonly podLabels?: Record<string, string>; readonly ports: number[]; readonly what: string }
> = {
  // istiod: 15012 = xDS and CA (certificate signing), 15017 = webhook/injection port
  [MeshProvider.ISTIO]: { namespace: 'istio-system', podLabels: { app: 'istiod' }, ports: [15012, 15017], what: 'istiod' },
  // linkerd: 8080 = identity (certificates), 8086 = destination, 8090 = policy
  [MeshProvider.LINKERD]: { namespace: 'linkerd', ports: [8080, 8086, 8090], what: 'linkerd identity, destination and policy controllers' },
};
