import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NAMESPACE_DEFAULTS as D } from './defaults';
import { PropValidator } from '../../core/errors';
import { MESH_CONTROL_PLANE, MeshProvider } from '../mesh/mesh-provider';
import { Justification } from '../shared/justification';
import { clusterScoped } from '../shared/objects';
import { PendingOverride, applyOverrides, checkJustification } from '../shared/overrides';
import { K8S_RULE_IDS } from '../shared/rule-ids';
import { checkLabels, checkQuantity, isDnsLabel } from '../shared/validate';

/** A Pod Security Standards level. */
export enum PodSecurityLevel {
  /** Heavily restricted: current pod hardening best practice. */
  RESTRICTED = 'restricted',
  /** Minimally restrictive: prevents known privilege escalations. */
  BASELINE = 'baseline',
  /** Unrestricted. */
  PRIVILEGED = 'privileged',
}

/** Enforces a weaker Pod Security level than `restricted`, with a reason. */
export interface PodSecurityException {
  /** The level to enforce. `audit` and `warn` stay at `restricted`, so violations remain visible. */
  readonly level: PodSecurityLevel;
  /** Why. At least 10 characters; recorded in the manifest and the compliance report. */
  readonly reason: string;
}

/** ResourceQuota of a SecureNamespace (`spec.hard`). */
export interface NamespaceResourceQuotaOptions {
  /** Maximum number of pods. @default 50 */
  readonly pods?: number;
  /** Sum of CPU requests. @default "4" */
  readonly requestsCpu?: string;
  /** Sum of memory requests. @default "8Gi" */
  readonly requestsMemory?: string;
  /** Sum of CPU limits. @default - no CPU-limit quota (a CPU limit is optional per workload) */
  readonly limitsCpu?: string;
  /** Sum of memory limits. @default "16Gi" */
  readonly limitsMemory?: string;
  /** Sum of storage requested by PersistentVolumeClaims. @default "100Gi" */
  readonly requestsStorage?: string;
  /** Maximum number of PersistentVolumeClaims. @default 10 */
  readonly persistentVolumeClaims?: number;
  /** Maximum number of Services of type LoadBalancer. @default 0 */
  readonly servicesLoadBalancers?: number;
  /** Maximum number of Services of type NodePort. @default 0 */
  readonly servicesNodePorts?: number;
}

/** LimitRange (per container) of a SecureNamespace. */
export interface NamespaceLimitRangeOptions {
  /** CPU request of containers that set none. @default "100m" */
  readonly defaultRequestCpu?: string;
  /** Memory request of containers that set none. @default "128Mi" */
  readonly defaultRequestMemory?: string;
  /** CPU limit of containers that set none. @default - none (a CPU limit is a per-workload decision) */
  readonly defaultLimitCpu?: string;
  /** Memory limit of containers that set none. @default "512Mi" */
  readonly defaultLimitMemory?: string;
  /** Largest memory limit a container may have. @default "4Gi" */
  readonly maxMemory?: string;
}

/** Props of SecureNamespace. */
export interface SecureNamespaceProps {
  /** Name of the namespace (RFC 1123 label, not `default` or `kube-*`). @default - generated from the construct path */
  readonly name?: string;
  /** Extra labels on the namespace. @default - none */
  readonly labels?: { [key: string]: string };
  /** Pod Security Standards version the admission labels pin. @default "v1.28" */
  readonly podSecurityVersion?: string;
  /** Enforce a weaker Pod Security level, with a reason. @default - `restricted` enforced, audited and warned */
  readonly weakenPodSecurity?: PodSecurityException;
  /** Namespace of the cluster DNS pods. @default "kube-system" */
  readonly dnsNamespace?: string;
  /** Labels of the cluster DNS pods. @default { "k8s-app": "kube-dns" } */
  readonly dnsPodLabels?: { [key: string]: string };
  /** Do not allow DNS egress (UDP+TCP 53 to cluster DNS), with a reason. @default - DNS egress allowed */
  readonly withoutDnsEgress?: Justification;
  /** Allow egress to this mesh's control plane (Istio: istiod 15012/15017; Linkerd: 8080/8086/8090). @default - no mesh */
  readonly meshControlPlane?: MeshProvider;
  /** Namespace of the mesh control plane. @default "istio-system" for Istio, "linkerd" for Linkerd */
  readonly meshControlPlaneNamespace?: string;
  /**
   * Turn on sidecar injection for the namespace (Istio label `istio-injection: enabled`,
   * Linkerd annotation `linkerd.io/inject: enabled`). Only with `meshControlPlane`.
   * @default true when `meshControlPlane` is set
   */
  readonly meshInjection?: boolean;
  /** ResourceQuota values. @default - see NamespaceResourceQuotaOptions */
  readonly resourceQuota?: NamespaceResourceQuotaOptions;
  /**
   * Keep the namespace out of the service mesh the rest of the bundle uses, with a reason (suppresses
   * k8s-mesh-namespace-enrolment for it). Only without `meshControlPlane`.
   * @default - in a bundle that uses a mesh, a namespace whose workloads are not enrolled is reported
   */
  readonly outsideMesh?: Justification;
  /** Create no ResourceQuota, with a reason. @default - a ResourceQuota is created */
  readonly withoutResourceQuota?: Justification;
  /** LimitRange values. @default - see NamespaceLimitRangeOptions */
  readonly limitRange?: NamespaceLimitRangeOptions;
  /** Create no LimitRange, with a reason. @default - a LimitRange is created */
  readonly withoutLimitRange?: Justification;
}

const PSS_VERSION = /^v1\.(0|[1-9][0-9]*)$/;

/**
 * A namespace that enforces Pod Security `restricted`, denies all traffic by default (ingress and
 * egress, except DNS), and bounds resource use with a ResourceQuota and a LimitRange.
 *
 * The Namespace object has id `Resource` (`node.defaultChild`).
 */
export class SecureNamespace extends Construct {
  /** The name of the namespace. */
  public readonly namespaceName: string;
  /** The Namespace object. */
  public readonly apiObject: ApiObject;
  /** The default-deny NetworkPolicy (ingress and egress, all pods). */
  public readonly defaultDenyPolicy: ApiObject;
  /** The policy allowing DNS egress, if created. */
  public readonly dnsEgressPolicy?: ApiObject;
  /** The policy allowing egress to the mesh control plane, if created. */
  public readonly meshControlPlanePolicy?: ApiObject;
  /** The ResourceQuota, if created. */
  public readonly resourceQuota?: ApiObject;
  /** The LimitRange, if created. */
  public readonly limitRange?: ApiObject;

  constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    super(scope, id);
    const settings = validateProps(this, props);
    const ns = this.createNamespace(props, settings);
    this.apiObject = ns;
    this.namespaceName = ns.name;

    // network: deny everything, then allow DNS (and the mesh control plane)
    this.defaultDenyPolicy = new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: { name: 'default-deny-all', namespace: this.namespaceName },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    if (settings.noDns) {
      applyOverrides(this.defaultDenyPolicy, [settings.noDns]);
    } else {
      this.dnsEgressPolicy = this.allowDnsEgress(settings.dnsNamespace, settings.dnsPodLabels);
    }
    if (settings.mesh !== undefined) this.meshControlPlanePolicy = this.allowMeshControlPlane(settings.mesh, props.meshControlPlaneNamespace);

    // resource bounds
    if (!settings.noQuota) this.resourceQuota = this.createResourceQuota(settings.quota);
    if (!settings.noLimits) this.limitRange = this.createLimitRange(settings.limits);
  }

  /** The Namespace: Pod Security labels (enforce, audit, warn; pinned version), mesh injection, the weakenings recorded. */
  private createNamespace(props: SecureNamespaceProps, settings: NamespaceSettings): ApiObject {
    const level = D.podSecurityLevel;
    const version = settings.version;
    const labels: Record<string, string> = {
      ...(props.labels ?? {}),
      'pod-security.kubernetes.io/enforce': settings.enforce,
      'pod-security.kubernetes.io/enforce-version': version,
      'pod-security.kubernetes.io/audit': level,
      'pod-security.kubernetes.io/audit-version': version,
      'pod-security.kubernetes.io/warn': level,
      'pod-security.kubernetes.io/warn-version': version,
    };
    const mesh = settings.mesh;
    const inject = mesh !== undefined && props.meshInjection !== false;
    const annotations: Record<string, string> = {};
    if (inject && mesh === MeshProvider.ISTIO) labels['istio-injection'] = 'enabled';
    if (inject && mesh === MeshProvider.LINKERD) annotations['linkerd.io/inject'] = 'enabled';
    const ns = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        ...(props.name !== undefined ? { name: props.name } : {}), labels, annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
    });
    clusterScoped(ns);
    applyOverrides(ns, [settings.psa, settings.noQuota, settings.noLimits, settings.outsideMesh]);
    return ns;
  }

  /** Egress to the cluster DNS pods only, on port 53 (UDP and TCP). */
  private allowDnsEgress(dnsNamespace: string, dnsPodLabels: Record<string, string>): ApiObject {
    const dnsPort = k8s.IntOrString.fromNumber(D.dnsPort);
    return new k8s.KubeNetworkPolicy(this, 'AllowDnsEgress', {
      metadata: { name: 'allow-dns-egress', namespace: this.namespaceName },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dnsNamespace } },
            podSelector: { matchLabels: { ...dnsPodLabels } },
          }],
          ports: [{ protocol: 'UDP', port: dnsPort }, { protocol: 'TCP', port: dnsPort }],
        }],
      },
    });
  }

  /** Egress to the mesh control plane (its namespace, pods and ports). */
  private allowMeshControlPlane(mesh: MeshProvider, controlPlaneNamespace: string | undefined): ApiObject {
    const cp = MESH_CONTROL_PLANE[mesh];
    return new k8s.KubeNetworkPolicy(this, 'AllowMeshControlPlane', {
      metadata: { name: 'allow-mesh-control-plane', namespace: this.namespaceName },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': controlPlaneNamespace ?? cp.namespace } },
            ...(cp.podLabels ? { podSelector: { matchLabels: { ...cp.podLabels } } } : {}),
          }],
          ports: cp.ports.map((p) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(p) })),
        }],
      },
    });
  }

  /** The ResourceQuota `default-quota` (only the limits that are set). */
  private createResourceQuota(quota: NamespaceResourceQuotaOptions): ApiObject {
    const hard: Record<string, k8s.Quantity> = {};
    const set = (key: string, value: string | number | undefined) => {
      if (value !== undefined) hard[key] = k8s.Quantity.fromString(String(value));
    };
    set('pods', quota.pods);
    set('requests.cpu', quota.requestsCpu);
    set('requests.memory', quota.requestsMemory);
    set('limits.cpu', quota.limitsCpu);
    set('limits.memory', quota.limitsMemory);
    set('requests.storage', quota.requestsStorage);
    set('persistentvolumeclaims', quota.persistentVolumeClaims);
    set('services.loadbalancers', quota.servicesLoadBalancers);
    set('services.nodeports', quota.servicesNodePorts);
    return new k8s.KubeResourceQuota(this, 'ResourceQuota', {
      metadata: { name: 'default-quota', namespace: this.namespaceName },
      spec: { hard },
    });
  }

  /** The LimitRange `default-limits`: default requests and limits of containers, and their memory maximum. */
  private createLimitRange(limits: NamespaceLimitRangeOptions): ApiObject {
    const map = (entries: [string, string | undefined][]) => {
      const out: Record<string, k8s.Quantity> = {};
      for (const [k, s] of entries) if (s !== undefined) out[k] = k8s.Quantity.fromString(s);
      return Object.keys(out).length > 0 ? out : undefined;
    };
    return new k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: { name: 'default-limits', namespace: this.namespaceName },
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: map([['cpu', limits.defaultRequestCpu], ['memory', limits.defaultRequestMemory]]),
          default: map([['cpu', limits.defaultLimitCpu], ['memory', limits.defaultLimitMemory]]),
          max: map([['memory', limits.maxMemory]]),
        }],
      },
    });
  }
}

/** The props of a SecureNamespace with every default applied. */
interface NamespaceSettings {
  readonly version: string;
  readonly enforce: string;
  readonly psa?: PendingOverride;
  readonly dnsNamespace: string;
  readonly dnsPodLabels: Record<string, string>;
  readonly noDns?: PendingOverride;
  readonly mesh?: MeshProvider;
  readonly quota: NamespaceResourceQuotaOptions;
  readonly noQuota?: PendingOverride;
  readonly limits: NamespaceLimitRangeOptions;
  readonly noLimits?: PendingOverride;
  readonly outsideMesh?: PendingOverride;
}

/** Checks every prop (all problems in one throw) and applies the defaults. */
function validateProps(scope: Construct, props: SecureNamespaceProps): NamespaceSettings {
  let psa: PendingOverride | undefined;
  const v = new PropValidator(scope);

  if (props.name !== undefined) {
    v.require(isDnsLabel(props.name), 'name', `${JSON.stringify(props.name)} is not a valid namespace name.`, 'Use at most 63 lowercase letters, digits and "-", starting and ending alphanumeric.');
    v.require(props.name !== 'default' && !props.name.startsWith('kube-'), 'name', `"${props.name}" is a system namespace.`, 'Use a dedicated namespace for the application.');
  }
  checkLabels(v, 'labels', props.labels);
  const version = props.podSecurityVersion ?? D.podSecurityVersion;
  v.require(PSS_VERSION.test(version), 'podSecurityVersion', `${JSON.stringify(version)} is not a pinned Pod Security Standards version.`, 'Use a version such as "v1.28"; "latest" changes behaviour on cluster upgrades.');
  let enforce: string = D.podSecurityLevel;
  if (props.weakenPodSecurity !== undefined) {
    const o = checkJustification(v, 'weakenPodSecurity', props.weakenPodSecurity, [K8S_RULE_IDS.NAMESPACE_PSA]);
    const level = props.weakenPodSecurity.level;
    v.require(Object.values(PodSecurityLevel).includes(level), 'weakenPodSecurity.level', `${JSON.stringify(level)} is not a Pod Security level.`, 'Use PodSecurityLevel.BASELINE or PodSecurityLevel.PRIVILEGED.');
    v.require(level !== PodSecurityLevel.RESTRICTED, 'weakenPodSecurity.level', 'is RESTRICTED, which weakens nothing.', 'Drop weakenPodSecurity, or give BASELINE or PRIVILEGED.');
    if (o && level !== PodSecurityLevel.RESTRICTED) {
      enforce = level;
      psa = o;
    }
  }
  const dnsNamespace = props.dnsNamespace ?? D.dnsNamespace;
  v.require(isDnsLabel(dnsNamespace), 'dnsNamespace', `${JSON.stringify(dnsNamespace)} is not a valid namespace name.`, 'Give the namespace of the cluster DNS pods, e.g. "kube-system".');
  const dnsPodLabels = props.dnsPodLabels ?? D.dnsPodLabels;
  checkLabels(v, 'dnsPodLabels', dnsPodLabels);
  v.require(Object.keys(dnsPodLabels).length > 0, 'dnsPodLabels', 'is empty, which would allow DNS egress to every pod of the DNS namespace.', 'Give the labels of the DNS pods, e.g. { "k8s-app": "kube-dns" }.');
  const noDns = checkJustification(v, 'withoutDnsEgress', props.withoutDnsEgress);

  const mesh = props.meshControlPlane;
  if (mesh !== undefined) v.require(Object.values(MeshProvider).includes(mesh), 'meshControlPlane', `${JSON.stringify(mesh)} is not a mesh provider.`, 'Use MeshProvider.ISTIO or MeshProvider.LINKERD.');
  if (props.meshControlPlaneNamespace !== undefined) {
    v.require(mesh !== undefined, 'meshControlPlaneNamespace', 'is set without meshControlPlane.', 'Set meshControlPlane too, or drop meshControlPlaneNamespace.');
    v.require(isDnsLabel(props.meshControlPlaneNamespace), 'meshControlPlaneNamespace', `${JSON.stringify(props.meshControlPlaneNamespace)} is not a valid namespace name.`, 'Give the namespace of the mesh control plane.');
  }
  if (props.meshInjection === true) v.require(mesh !== undefined, 'meshInjection', 'is set without meshControlPlane.', 'Set meshControlPlane to the mesh that injects the proxies.');
  const outsideMesh = checkJustification(v, 'outsideMesh', props.outsideMesh, [K8S_RULE_IDS.MESH_ENROLMENT]);
  if (props.outsideMesh !== undefined) v.require(mesh === undefined, 'outsideMesh', 'is set together with meshControlPlane.', 'Drop one of them: a namespace is either in the mesh or outside it.');

  const quota = { ...D.resourceQuota, ...(props.resourceQuota ?? {}) } as NamespaceResourceQuotaOptions;
  const noQuota = checkJustification(v, 'withoutResourceQuota', props.withoutResourceQuota);
  if (props.withoutResourceQuota !== undefined && props.resourceQuota !== undefined) v.fail('resourceQuota', 'is set together with withoutResourceQuota.', 'Drop one of them.');
  for (const k of ['requestsCpu', 'limitsCpu'] as const) checkQuantity(v, `resourceQuota.${k}`, quota[k], '4');
  for (const k of ['requestsMemory', 'limitsMemory', 'requestsStorage'] as const) checkQuantity(v, `resourceQuota.${k}`, quota[k], '8Gi');
  for (const k of ['pods', 'persistentVolumeClaims', 'servicesLoadBalancers', 'servicesNodePorts'] as const) {
    const n = quota[k];
    v.require(n === undefined || (Number.isInteger(n) && n >= 0), `resourceQuota.${k}`, `${JSON.stringify(n)} is not a non-negative integer.`, 'Use a whole number (0 forbids the object).');
  }
  const limits = { ...D.limitRange, ...(props.limitRange ?? {}) } as NamespaceLimitRangeOptions;
  const noLimits = checkJustification(v, 'withoutLimitRange', props.withoutLimitRange);
  if (props.withoutLimitRange !== undefined && props.limitRange !== undefined) v.fail('limitRange', 'is set together with withoutLimitRange.', 'Drop one of them.');
  checkQuantity(v, 'limitRange.defaultRequestCpu', limits.defaultRequestCpu, '100m');
  checkQuantity(v, 'limitRange.defaultLimitCpu', limits.defaultLimitCpu, '500m');
  const reqMem = checkQuantity(v, 'limitRange.defaultRequestMemory', limits.defaultRequestMemory, '128Mi');
  const limMem = checkQuantity(v, 'limitRange.defaultLimitMemory', limits.defaultLimitMemory, '512Mi');
  const maxMem = checkQuantity(v, 'limitRange.maxMemory', limits.maxMemory, '4Gi');
  if (reqMem !== undefined && limMem !== undefined) v.require(reqMem <= limMem, 'limitRange.defaultRequestMemory', 'is larger than defaultLimitMemory.', 'Make the default request at most the default limit.');
  if (limMem !== undefined && maxMem !== undefined) v.require(limMem <= maxMem, 'limitRange.defaultLimitMemory', 'is larger than maxMemory.', 'Make the default limit at most maxMemory.');
  v.throwIfInvalid();
  return { version, enforce, psa, dnsNamespace, dnsPodLabels: { ...dnsPodLabels }, noDns, mesh, quota, noQuota, limits, noLimits, outsideMesh };
}
