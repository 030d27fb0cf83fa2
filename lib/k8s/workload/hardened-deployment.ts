import { Construct } from 'constructs';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import { HardenedWorkload } from './hardened-workload';
import { KindState, KindTraits, WorkloadKind, checkWhole } from './kind-specs';
import { PodTemplate } from './pod-template';
import { checkReplication, topologySpread } from './replication';
import { HardenedWorkloadProps, ReplicatedWorkloadProps } from './types';
import { PropValidator } from '../../core/errors';

const TRAITS: KindTraits = { kind: WorkloadKind.DEPLOYMENT, apiVersion: 'apps/v1', longRunning: true, maxNameLength: 63 };

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
    super(scope, id, props);
  }

  /** @internal */
  protected _traits(): KindTraits {
    return TRAITS;
  }

  /** @internal */
  protected _kindState(v: PropValidator, props: HardenedWorkloadProps, _pod: PodTemplate): KindState {
    return deployment(v, props as HardenedDeploymentProps);
  }
}

function deployment(v: PropValidator, props: HardenedDeploymentProps): KindState {
  const r = checkReplication(v, props, D.deploymentReplicas);
  checkWhole(v, 'revisionHistoryLimit', props.revisionHistoryLimit, 0);
  return {
    overrides: r.overrides,
    replication: r,
    spec: (template, selector) => ({
      replicas: r.replicas,
      selector: { matchLabels: { ...selector } },
      ...(props.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: props.revisionHistoryLimit } : {}),
      template,
    }),
    // pod-template-hash: spread only counts pods of the same revision during rollouts
    podExtra: (selector) => (r.spread ? { topologySpreadConstraints: topologySpread(r, selector, ['pod-template-hash']) } : {}),
  };
}

