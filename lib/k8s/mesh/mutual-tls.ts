import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MESH_CONTROL_PLANE, MeshProvider } from './mesh-provider';
import { PropValidator } from '../../core/errors';
import { isDnsLabel, isDnsSubdomain } from '../shared/validate';
import { NamedContainerPort, IHardenedWorkload } from '../workload/types';

/** A client identity that is not a hardened workload of this app (e.g. an ingress gateway). */
export interface ServiceAccountRef {
  /** ServiceAccount name. */
  readonly name: string;
  /** ServiceAccount namespace. */
  readonly namespaceName: string;
}

/** Linkerd's protocol handling for a port. */
export enum LinkerdProxyProtocol {
  UNKNOWN = 'unknown',
  HTTP1 = 'HTTP/1',
  HTTP2 = 'HTTP/2',
  GRPC = 'gRPC',
  OPAQUE = 'opaque',
  TLS = 'TLS',
}

/** Props of MutualTls. */
export interface MutualTlsProps {
  /** The mesh that enforces mutual TLS. */
  readonly provider: MeshProvider;
  /** The server workload. */
  readonly workload: IHardenedWorkload;
  /** Client workloads allowed to connect (they are meshed too). @default - none */
  readonly allowedClients?: IHardenedWorkload[];
  /** Other client service accounts allowed to connect. @default - none */
  readonly allowedServiceAccounts?: ServiceAccountRef[];
  /** Server ports (names) the policy covers. @default - every named port of the workload */
  readonly ports?: string[];
  /** Service in front of the workload (Istio DestinationRule host). Required for Istio. @default - none */
  readonly serviceName?: string;
  /** Trust domain of workload identities (Istio principals, DestinationRule host suffix). @default "cluster.local" */
  readonly trustDomain?: string;
  /** Linkerd: protocol of the ports (skips protocol detection). @default LinkerdProxyProtocol.UNKNOWN (detect) */
  readonly linkerdProxyProtocol?: LinkerdProxyProtocol;
  /** Namespace of the mesh control plane (for the egress the proxies need). @default "istio-system" / "linkerd" */
  readonly controlPlaneNamespace?: string;
}

interface Identity {
  readonly name: string;
  readonly namespace: string;
}

/**
 * "This service requires mutual TLS", whatever the mesh:
 *
 * - Istio: PeerAuthentication `STRICT` for the workload, an ALLOW AuthorizationPolicy naming only
 *   the allowed service-account principals (`<trustDomain>/ns/<ns>/sa/<sa>`), a DestinationRule with
 *   `ISTIO_MUTUAL` for the Service; sidecar injection label on the server and client pods.
 * - Linkerd: inject annotation on server and client pods (server default inbound policy
 *   `all-authenticated`), a `Server` per port with `accessPolicy: deny`, a MeshTLSAuthentication
 *   listing the client identities and an AuthorizationPolicy per Server requiring it.
 *
 * Both: egress from the server and client pods to the mesh control plane is allowed.
 * Pods pass Pod Security `restricted` only with the mesh CNI plugin (Istio CNI / linkerd-cni).
 */
export class MutualTls extends Construct {
  /** Every object created. */
  public readonly apiObjects: ApiObject[] = [];

  constructor(scope: Construct, id: string, props: MutualTlsProps) {
    super(scope, id);
    const v = new PropValidator(this);
    const w = props?.workload;
    v.require(!!w?.podSelectorLabels, 'workload', 'is not a hardened workload.', 'Pass a HardenedDeployment or HardenedStatefulSet.');
    v.require(Object.values(MeshProvider).includes(props?.provider), 'provider', `${JSON.stringify(props?.provider)} is not a mesh provider.`, 'Use MeshProvider.ISTIO or MeshProvider.LINKERD.');
    v.throwIfInvalid();
    v.require(w.workloadNamespace !== undefined, 'workload', `workload "${w.workloadName}" has no namespace; mesh identities include it.`, 'Set `namespaceName` on the workload (or a namespace on the chart).');
    const clients = props.allowedClients ?? [];
    const identities: Identity[] = [];
    clients.forEach((c, i) => {
      if (!c?.serviceAccountName) return v.fail(`allowedClients[${i}]`, 'is not a hardened workload.', 'Pass a hardened workload, or use allowedServiceAccounts.');
      if (c === w) return v.fail(`allowedClients[${i}]`, 'is the server itself.', 'Remove it.');
      if (c.workloadNamespace === undefined) return v.fail(`allowedClients[${i}]`, `workload "${c.workloadName}" has no namespace; mesh identities include it.`, 'Set `namespaceName` on the workload.');
      identities.push({ name: c.serviceAccountName, namespace: c.workloadNamespace });
    });
    (props.allowedServiceAccounts ?? []).forEach((s, i) => {
      v.require(isDnsSubdomain(s?.name), `allowedServiceAccounts[${i}].name`, `${JSON.stringify(s?.name)} is not a ServiceAccount name.`, 'Give the name of the ServiceAccount.');
      v.require(isDnsLabel(s?.namespaceName), `allowedServiceAccounts[${i}].namespaceName`, `${JSON.stringify(s?.namespaceName)} is not a namespace name.`, 'Give its namespace.');
      identities.push({ name: s?.name, namespace: s?.namespaceName });
    });
    v.require(identities.length > 0, 'allowedClients', 'names no client: every connection would be refused.', 'List the client workloads (allowedClients) or service accounts (allowedServiceAccounts).');
    const ports = this.resolvePorts(v, w, props.ports);
    const trustDomain = props.trustDomain ?? 'cluster.local';
    v.require(isDnsSubdomain(trustDomain), 'trustDomain', `${JSON.stringify(trustDomain)} is not a trust domain.`, 'Use e.g. "cluster.local".');
    if (props.provider === MeshProvider.ISTIO) {
      v.require(props.serviceName !== undefined, 'serviceName', 'is required with Istio (the DestinationRule host).', 'Give the name of the Service in front of the workload.');
    }
    if (props.serviceName !== undefined) v.require(isDnsLabel(props.serviceName), 'serviceName', `${JSON.stringify(props.serviceName)} is not a Service name.`, 'Give the Service name.');
    if (props.linkerdProxyProtocol !== undefined) {
      v.require(props.provider === MeshProvider.LINKERD, 'linkerdProxyProtocol', 'is set but the provider is not Linkerd.', 'Remove it.');
      v.require(Object.values(LinkerdProxyProtocol).includes(props.linkerdProxyProtocol), 'linkerdProxyProtocol', 'is not a Linkerd proxy protocol.', 'Use a LinkerdProxyProtocol value.');
    }
    if (props.controlPlaneNamespace !== undefined) v.require(isDnsLabel(props.controlPlaneNamespace), 'controlPlaneNamespace', 'is not a namespace name.', 'Give the namespace of the mesh control plane.');
    v.throwIfInvalid();

    const namespace = w.workloadNamespace!;
    const meshed = [w, ...clients];
    if (props.provider === MeshProvider.ISTIO) {
      for (const m of meshed) m.addPodLabel('sidecar.istio.io/inject', 'true');
      this.istio(w, namespace, ports, identities, trustDomain, props.serviceName!);
    } else {
      for (const m of meshed) m.addPodAnnotation('linkerd.io/inject', 'enabled');
      w.addPodAnnotation('config.linkerd.io/default-inbound-policy', 'all-authenticated');
      this.linkerd(w, namespace, ports, identities, props.linkerdProxyProtocol);
    }

    // the proxies of every meshed pod fetch certificates and configuration from the control plane
    const cp = MESH_CONTROL_PLANE[props.provider];
    const seen = new Set<IHardenedWorkload>();
    meshed.forEach((m, i) => {
      if (seen.has(m)) return;
      seen.add(m);
      this.add(new k8s.KubeNetworkPolicy(this, `ControlPlaneEgress${i}`, {
        metadata: { namespace: m.workloadNamespace },
        spec: {
          podSelector: { matchLabels: { ...m.podSelectorLabels } },
          policyTypes: ['Egress'],
          egress: [{
            to: [{
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': props.controlPlaneNamespace ?? cp.namespace } },
              ...(cp.podLabels ? { podSelector: { matchLabels: { ...cp.podLabels } } } : {}),
            }],
            ports: cp.ports.map((p) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(p) })),
          }],
        },
      }));
    });
  }

  private add(o: ApiObject): ApiObject {
    this.apiObjects.push(o);
    return o;
  }

  private resolvePorts(v: PropValidator, w: IHardenedWorkload, names: string[] | undefined): NamedContainerPort[] {
    if (names === undefined) {
      v.require(w.containerPorts.length > 0, 'workload', `workload "${w.workloadName}" declares no ports.`, 'Declare the ports the workload serves on its containers.');
      return w.containerPorts;
    }
    v.require(names.length > 0, 'ports', 'is empty.', 'Name the ports, or leave ports out for all of them.');
    return names.flatMap((n, i) => {
      const p = w.containerPorts.find((x) => x.name === n);
      if (!p) v.fail(`ports[${i}]`, `"${n}" is not a port of workload "${w.workloadName}".`, `Use one of ${w.containerPorts.map((x) => `"${x.name}"`).join(', ') || '(none declared)'}.`);
      return p ? [p] : [];
    });
  }

  private istio(
    w: IHardenedWorkload,
    namespace: string,
    ports: NamedContainerPort[],
    ids: Identity[],
    trustDomain: string,
    serviceName: string,
  ): void {
    const metadata = { name: w.workloadName, namespace };
    const selector = { matchLabels: { ...w.podSelectorLabels } };
    this.add(new ApiObject(this, 'PeerAuthentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata,
      spec: { selector, mtls: { mode: 'STRICT' } },
    }));
    this.add(new ApiObject(this, 'AuthorizationPolicy', {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata,
      spec: {
        selector,
        action: 'ALLOW',
        rules: [{
          from: [{ source: { principals: [...new Set(ids.map((i) => `${trustDomain}/ns/${i.namespace}/sa/${i.name}`))] } }],
          to: [{ operation: { ports: ports.map((p) => String(p.containerPort)) } }],
        }],
      },
    }));
    this.add(new ApiObject(this, 'DestinationRule', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: serviceName, namespace },
      spec: { host: `${serviceName}.${namespace}.svc.${trustDomain}`, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
    }));
  }

  private linkerd(w: IHardenedWorkload, namespace: string, ports: NamedContainerPort[], ids: Identity[], protocol?: LinkerdProxyProtocol): void {
    const authn = this.add(new ApiObject(this, 'MeshTLSAuthentication', {
      apiVersion: 'policy.linkerd.io/v1alpha1',
      kind: 'MeshTLSAuthentication',
      metadata: { name: `${w.workloadName}-clients`, namespace },
      spec: {
        identityRefs: dedupe(ids).map((i) => ({ kind: 'ServiceAccount', name: i.name, ...(i.namespace !== namespace ? { namespace: i.namespace } : {}) })),
      },
    }));
    for (const p of ports) {
      const server = this.add(new ApiObject(this, `Server-${p.name}`, {
        apiVersion: 'policy.linkerd.io/v1beta3',
        kind: 'Server',
        metadata: { name: `${w.workloadName}-${p.name}`, namespace },
        spec: {
          podSelector: { matchLabels: { ...w.podSelectorLabels } },
          port: p.name,
          accessPolicy: 'deny',
          ...(protocol !== undefined ? { proxyProtocol: protocol } : {}),
        },
      }));
      this.add(new ApiObject(this, `AuthorizationPolicy-${p.name}`, {
        apiVersion: 'policy.linkerd.io/v1alpha1',
        kind: 'AuthorizationPolicy',
        metadata: { name: `${w.workloadName}-${p.name}`, namespace },
        spec: {
          targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: server.name },
          requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: authn.name }],
        },
      }));
    }
  }
}

function dedupe(ids: Identity[]): Identity[] {
  const seen = new Set<string>();
  return ids.filter((i) => {
    const k = `${i.namespace}/${i.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
