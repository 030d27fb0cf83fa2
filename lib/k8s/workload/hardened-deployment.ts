import { Construct } from 'constructs';
import { HardenedWorkload } from './hardened-workload';
import { WorkloadKind } from './kind-specs';
import { ReplicatedWorkloadProps } from './types';

/** Props of HardenedDeployment. */
export interface HardenedDeploymentProps extends ReplicatedWorkloadProps {
  /** Old ReplicaSets kept for rollback. @default 10 (Kubernetes default; not written) */
  readonly revisionHistoryLimit?: number;
}

/**
 * A Deployment with a hardened pod template (non-root, read-only root filesystem, no privilege
 * escalation, all capabilities dropped, RuntimeDefault seccomp, digest-pinned images, resources,
 * probes), a dedicated ServiceAccount without token, its own deny-by-default NetworkPolicy,
 * 2 replicas spread over zones and nodes, and a PodDisruptionBudget.
 */
export class HardenedDeployment extends HardenedWorkload {
  constructor(scope: Construct, id: string, props: HardenedDeploymentProps) {
    super(scope, id, WorkloadKind.DEPLOYMENT, props);
  }
}
