import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { HealthProbe } from './health-probe';
import { Justification } from '../shared/justification';

/** Protocol of a container port. */
export enum PortProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/** A named container port. Network policies and probes refer to ports by name. */
export interface NamedContainerPort {
  /** Port name (IANA service name: at most 15 lowercase letters, digits and "-"). */
  readonly name: string;
  /** Port number in the container (1-65535). */
  readonly containerPort: number;
  /** Protocol. @default PortProtocol.TCP */
  readonly protocol?: PortProtocol;
}

/** CPU, memory and ephemeral storage of a container. */
export interface ContainerResources {
  /** CPU request. @default "100m" */
  readonly cpuRequest?: string;
  /** CPU limit. @default "500m" */
  readonly cpuLimit?: string;
  /** Run without a CPU limit, with a reason. @default - a CPU limit is set */
  readonly withoutCpuLimit?: Justification;
  /** Memory request. @default "128Mi" */
  readonly memoryRequest?: string;
  /** Memory limit (always set). @default "512Mi" */
  readonly memoryLimit?: string;
  /**
   * Ephemeral-storage limit (always set): the container's writable layer and logs, and its share of the pod's
   * emptyDir volumes, cannot fill the node's disk. @default "1Gi"
   */
  readonly ephemeralStorageLimit?: string;
}

/** An environment variable read from a Secret: allowed only with a reason (mount the secret as a file instead). */
export interface SecretEnvVar {
  /** Environment variable name. */
  readonly name: string;
  /** Secret name. */
  readonly secretName: string;
  /** Key in the Secret. */
  readonly key: string;
  /** Why the value cannot be read from a mounted file. At least 10 characters; recorded. */
  readonly reason: string;
}

/** A container of a hardened workload. */
export interface HardenedContainerProps {
  /** Container name (RFC 1123 label). */
  readonly name: string;
  /**
   * Image, pinned by digest: `repo@sha256:...` or `repo:tag@sha256:...`.
   * A tag without a digest is refused unless `allowUnpinnedImage`; no tag and `:latest` are always refused.
   */
  readonly image: string;
  /** Allow an image pinned by tag only (no digest), with a reason. @default - a digest is required */
  readonly allowUnpinnedImage?: Justification;
  /** Entrypoint. @default - the image's */
  readonly command?: string[];
  /** Arguments. @default - the image's */
  readonly args?: string[];
  /** Working directory. @default - the image's */
  readonly workingDir?: string;
  /** Plain environment variables (never secrets: mount those as files). @default - none */
  readonly env?: { [key: string]: string };
  /** Environment variables read from Secrets, each with a reason. @default - none */
  readonly secretEnv?: SecretEnvVar[];
  /** Named ports. @default - none */
  readonly ports?: NamedContainerPort[];
  /** CPU and memory. @default - see ContainerResources */
  readonly resources?: ContainerResources;
  /** Paths mounted as writable emptyDir volumes; `/tmp` is always included. @default ["/tmp"] */
  readonly writablePaths?: string[];
  /** Size limit of each writable emptyDir. @default "256Mi" */
  readonly writableVolumeSizeLimit?: string;
  /** Make the root filesystem writable, with a reason. @default - read-only root filesystem */
  readonly allowWritableRootFilesystem?: Justification;
  /** Liveness probe. Required (with readinessProbe) for Deployments and StatefulSets. @default - none */
  readonly livenessProbe?: HealthProbe;
  /** Readiness probe. Required (with livenessProbe) for Deployments and StatefulSets. @default - none */
  readonly readinessProbe?: HealthProbe;
  /** Startup probe. @default - none */
  readonly startupProbe?: HealthProbe;
  /** Run a long-running container without liveness/readiness probes, with a reason. @default - probes required */
  readonly withoutProbes?: Justification;
  /**
   * Extra security-context settings merged over the hardened ones (e.g. `runAsUser`, a Localhost
   * seccomp profile, `capabilities.add: ["NET_BIND_SERVICE"]`). Anything weaker than Pod Security
   * `restricted` (privileged, privilege escalation, other capabilities, root, Unconfined seccomp...) is refused.
   * @default - the hardened security context
   */
  readonly securityContext?: k8s.SecurityContext;
}

/** A key of a Secret or ConfigMap projected to a relative file path. */
export interface KeyToPath {
  /** The key. */
  readonly key: string;
  /** Relative file path under the mount path. */
  readonly path: string;
}

/** Where and how a Secret is mounted. */
export interface SecretMountOptions {
  /** Containers (by name) that get the mount. @default - every container (init containers too) */
  readonly containers?: string[];
  /** Mount only these keys, at these paths. @default - every key, as a file named after the key */
  readonly items?: KeyToPath[];
  /** Start the pod even if the Secret does not exist (yet). @default false */
  readonly optional?: boolean;
}

/** A Secret mounted as read-only files. */
export interface SecretVolume extends SecretMountOptions {
  /** Secret name. */
  readonly secretName: string;
  /** Absolute directory the files appear in. */
  readonly mountPath: string;
}

/** A ConfigMap mounted as read-only files. */
export interface ConfigMapVolume {
  /** ConfigMap name. */
  readonly configMapName: string;
  /** Absolute directory the files appear in. */
  readonly mountPath: string;
  /** Containers (by name) that get the mount. @default - every container (init containers too) */
  readonly containers?: string[];
  /** Mount only these keys. @default - every key */
  readonly items?: KeyToPath[];
}

/**
 * Any other volume (e.g. a PersistentVolumeClaim, CSI or projected volume). Only the volume types
 * Pod Security `restricted` allows are accepted; hostPath is refused.
 */
export interface ExtraVolume {
  /** The volume. */
  readonly volume: k8s.Volume;
  /** Absolute mount path. */
  readonly mountPath: string;
  /** Containers (by name) that get the mount. @default - every container (init containers too) */
  readonly containers?: string[];
  /** Mount read-only. @default true */
  readonly readOnly?: boolean;
}

/** Network isolation of the workload's pods (its own deny-by-default NetworkPolicy). */
export interface WorkloadIsolationOptions {
  /** Namespace of the cluster DNS pods. @default "kube-system" */
  readonly dnsNamespace?: string;
  /** Labels of the cluster DNS pods. @default { "k8s-app": "kube-dns" } */
  readonly dnsPodLabels?: { [key: string]: string };
  /** Deny DNS egress too, with a reason. @default - DNS egress allowed */
  readonly withoutDnsEgress?: Justification;
}

/** Props shared by every hardened workload. */
export interface HardenedWorkloadProps {
  /** Name of the workload object (also of its ServiceAccount and NetworkPolicy). @default - generated from the construct path */
  readonly name?: string;
  /** Namespace. @default - the chart's namespace */
  readonly namespaceName?: string;
  /** The containers (at least one). */
  readonly containers: HardenedContainerProps[];
  /** Init containers. @default - none */
  readonly initContainers?: HardenedContainerProps[];
  /** Extra labels on the workload object and its pods. @default - none */
  readonly labels?: { [key: string]: string };
  /** Annotations on the pods. @default - none */
  readonly podAnnotations?: { [key: string]: string };
  /** UID of the pod's processes (not 0). @default 10001 */
  readonly runAsUser?: number;
  /** GID of the pod's processes (not 0). @default 10001 */
  readonly runAsGroup?: number;
  /** Group that owns mounted volumes (not 0). @default 10001 */
  readonly fsGroup?: number;
  /** Annotations on the workload's ServiceAccount (e.g. `eks.amazonaws.com/role-arn`). @default - none */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /** Mount the service account token into the pod, with a reason. @default - not mounted */
  readonly mountServiceAccountToken?: Justification;
  /** Secrets mounted as read-only files. @default - none */
  readonly secretVolumes?: SecretVolume[];
  /** ConfigMaps mounted as read-only files. @default - none */
  readonly configMapVolumes?: ConfigMapVolume[];
  /** Other volumes (restricted volume types only; hostPath refused). @default - none */
  readonly extraVolumes?: ExtraVolume[];
  /** Image pull secrets (names). @default - none */
  readonly imagePullSecrets?: string[];
  /** Node selector. @default - none */
  readonly nodeSelector?: { [key: string]: string };
  /** Priority class. @default - none */
  readonly priorityClassName?: string;
  /** Grace period on termination, in seconds. @default 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** Settings of the workload's own deny-by-default NetworkPolicy. @default - see WorkloadIsolationOptions */
  readonly isolation?: WorkloadIsolationOptions;
  /** Create no deny-by-default NetworkPolicy for the workload, with a reason. @default - one is created */
  readonly withoutIsolationPolicy?: Justification;
}

/** When a topology spread constraint cannot be met. */
export enum WhenUnsatisfiable {
  /** Do not schedule the pod. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Schedule it anyway, preferring less skew. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/** How replicas spread over zones and nodes. */
export interface TopologySpreadOptions {
  /** Spreading over zones (`topology.kubernetes.io/zone`). @default WhenUnsatisfiable.SCHEDULE_ANYWAY */
  readonly zone?: WhenUnsatisfiable;
  /** Spreading over nodes (`kubernetes.io/hostname`). @default WhenUnsatisfiable.DO_NOT_SCHEDULE */
  readonly hostname?: WhenUnsatisfiable;
  /** Largest allowed difference in replicas between two zones or nodes. @default 1 */
  readonly maxSkew?: number;
}

/** Props of replicated (long-running) workloads. */
export interface ReplicatedWorkloadProps extends HardenedWorkloadProps {
  /** Replicas. With more than one, a PodDisruptionBudget and topology spread are added. @default 2 (Deployment), 1 (StatefulSet) */
  readonly replicas?: number;
  /** Pods that may be down at once during voluntary disruptions. @default 1 */
  readonly maxUnavailable?: number;
  /** Create no PodDisruptionBudget, with a reason. @default - one is created when replicas > 1 */
  readonly withoutPodDisruptionBudget?: Justification;
  /** Topology spread. @default - see TopologySpreadOptions */
  readonly topologySpread?: TopologySpreadOptions;
  /** Add no topology spread constraints, with a reason. @default - added when replicas > 1 */
  readonly withoutTopologySpread?: Justification;
}

/**
 * What network policies, RBAC, mesh and secret constructs need from a workload.
 */
export interface IHardenedWorkload extends IConstruct {
  /** Name of the workload object. */
  readonly workloadName: string;
  /** Namespace of the workload (undefined: whatever namespace the manifests are applied to). */
  readonly workloadNamespace?: string;
  /** Name of the workload's dedicated ServiceAccount. */
  readonly serviceAccountName: string;
  /** Labels that select exactly this workload's pods. */
  readonly podSelectorLabels: { [key: string]: string };
  /** Named ports of the workload's containers. */
  readonly containerPorts: NamedContainerPort[];
  /** Mounts a Secret as read-only files. */
  mountSecret(secretName: string, mountPath: string, options?: SecretMountOptions): void;
  /** Adds an annotation to the pods. */
  addPodAnnotation(key: string, value: string): void;
  /** Adds a label to the pods (not to the selector). */
  addPodLabel(key: string, value: string): void;
}
