import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import { HardenedWorkload } from './hardened-workload';
import { KindState, KindTraits, WorkloadKind } from './kind-specs';
import { PodTemplate } from './pod-template';
import { checkReplication, topologySpread } from './replication';
import { HardenedWorkloadProps, ReplicatedWorkloadProps } from './types';
import { PropValidator } from '../../core/errors';
import { checkQuantity, isDnsLabel } from '../shared/validate';

// pod names get a "-<ordinal>" and a controller-revision-hash label
const TRAITS: KindTraits = { kind: WorkloadKind.STATEFUL_SET, apiVersion: 'apps/v1', longRunning: true, maxNameLength: 52 };

/** Access mode of a PersistentVolumeClaim. */
export enum PvcAccessMode {
  READ_WRITE_ONCE = 'ReadWriteOnce',
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
  READ_ONLY_MANY = 'ReadOnlyMany',
  READ_WRITE_MANY = 'ReadWriteMany',
}

/** A per-replica persistent volume (StatefulSet volume claim template). */
export interface PersistentStorage {
  /** Claim name (RFC 1123 label). */
  readonly name: string;
  /** Absolute mount path (read-write). */
  readonly mountPath: string;
  /** Size, e.g. "10Gi". */
  readonly storage: string;
  /** StorageClass; use one with reclaimPolicy Retain for data you keep. @default - the cluster's default class */
  readonly storageClassName?: string;
  /** Access mode. @default PvcAccessMode.READ_WRITE_ONCE */
  readonly accessMode?: PvcAccessMode;
  /** Containers (by name) that mount it. @default - every container */
  readonly containers?: string[];
}

/** Props of HardenedStatefulSet. */
export interface HardenedStatefulSetProps extends ReplicatedWorkloadProps {
  /** Per-replica persistent volumes. Claims are retained when the StatefulSet is deleted or scaled down. @default - none */
  readonly volumeClaims?: PersistentStorage[];
  /** Existing governing Service. @default - a headless Service named after the StatefulSet is created */
  readonly serviceName?: string;
}

/**
 * A StatefulSet with the hardened pod template of HardenedDeployment, retained volume claims
 * (`persistentVolumeClaimRetentionPolicy` Retain/Retain) and a headless governing Service.
 * 1 replica by default; with more, a PodDisruptionBudget and topology spread.
 */
export class HardenedStatefulSet extends HardenedWorkload {
  constructor(scope: Construct, id: string, props: HardenedStatefulSetProps) {
    super(scope, id, props);
    if (props.serviceName === undefined) this.addHeadlessService();
  }

  /** @internal */
  protected _traits(): KindTraits {
    return TRAITS;
  }

  /** @internal */
  protected _kindState(v: PropValidator, props: HardenedWorkloadProps, pod: PodTemplate): KindState {
    return statefulSet(v, props as HardenedStatefulSetProps, pod);
  }

  /** The governing headless Service of the StatefulSet (stable pod DNS names). */
  private addHeadlessService(): void {
    const ports = this.containerPorts;
    new k8s.KubeService(this, 'HeadlessService', {
      metadata: this._metadata(this.workloadName),
      spec: {
        clusterIp: 'None',
        selector: { ...this.podSelectorLabels },
        publishNotReadyAddresses: false,
        ...(ports.length > 0
          ? {
            ports: ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: k8s.IntOrString.fromString(p.name), protocol: p.protocol })),
          }
          : {}),
      },
    });
  }
}

const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteMany'];

function statefulSet(v: PropValidator, props: HardenedStatefulSetProps, pod: PodTemplate): KindState {
  const r = checkReplication(v, props, D.statefulSetReplicas);
  if (props.serviceName !== undefined) v.require(isDnsLabel(props.serviceName), 'serviceName', `${JSON.stringify(props.serviceName)} is not a valid Service name.`, 'Give the name of the governing headless Service.');
  const claims = (props.volumeClaims ?? []).map((c, i) => {
    const p = `volumeClaims[${i}]`;
    v.require(isDnsLabel(c?.name), `${p}.name`, `${JSON.stringify(c?.name)} is not a valid claim name.`, 'Use at most 63 lowercase letters, digits and "-".');
    v.require(!/^(writable|secret|config)-[0-9]/.test(c?.name ?? ''), `${p}.name`, `"${c?.name}" is reserved for volumes this construct creates.`, 'Choose another name.');
    checkQuantity(v, `${p}.storage`, c?.storage, '10Gi');
    v.require(c?.storage !== undefined, `${p}.storage`, 'is required.', 'Give the size, e.g. "10Gi".');
    const mode: PvcAccessMode | string = c?.accessMode ?? 'ReadWriteOnce';
    v.require(ACCESS_MODES.includes(mode), `${p}.accessMode`, `${JSON.stringify(mode)} is not an access mode.`, 'Use PvcAccessMode.READ_WRITE_ONCE (the default) or another PvcAccessMode.');
    if (c?.storageClassName !== undefined) v.require(/^[a-z0-9.-]{1,253}$/.test(c.storageClassName), `${p}.storageClassName`, 'is not a valid StorageClass name.', 'Give the name of a StorageClass (with reclaimPolicy Retain for data you keep).');
    pod.addClaimTemplate(v, p, c?.name, c?.mountPath, c?.containers);
    return {
      metadata: { name: c?.name },
      spec: {
        accessModes: [mode],
        ...(c?.storageClassName !== undefined ? { storageClassName: c.storageClassName } : {}),
        resources: { requests: { storage: c?.storage } },
      },
    };
  });
  return {
    overrides: r.overrides,
    replication: r,
    spec: (template, selector, name) => ({
      replicas: r.replicas,
      serviceName: props.serviceName ?? name,
      selector: { matchLabels: { ...selector } },
      template,
      ...(claims.length > 0 ? { volumeClaimTemplates: claims } : {}),
      // stateful volumes survive deletion and scale-down of the StatefulSet
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    }),
    podExtra: (selector) => (r.spread ? { topologySpreadConstraints: topologySpread(r, selector) } : {}),
  };
}

