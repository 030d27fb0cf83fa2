import { Construct } from 'constructs';
import { HardenedWorkload } from './hardened-workload';
import { WorkloadKind } from './kind-specs';
import { ReplicatedWorkloadProps } from './types';

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
    super(scope, id, WorkloadKind.STATEFUL_SET, props);
  }
}
