import { Construct } from 'constructs';
import { HardenedWorkload } from './hardened-workload';
import { WorkloadKind } from './kind-specs';
import { HardenedWorkloadProps } from './types';

/** Run-to-completion settings of a Job. */
export interface JobOptions {
  /** Retries before the Job fails. @default 3 */
  readonly backoffLimit?: number;
  /** Seconds the Job may run before it is stopped. @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** Seconds a finished Job is kept before it is deleted. @default 86400 */
  readonly ttlSecondsAfterFinished?: number;
  /** Successful pods needed. @default - 1 (Kubernetes default; not written) */
  readonly completions?: number;
  /** Pods run in parallel. @default - 1 (Kubernetes default; not written) */
  readonly parallelism?: number;
}

/** Props of HardenedJob. */
export interface HardenedJobProps extends HardenedWorkloadProps, JobOptions {}

/**
 * A Job with the hardened pod template (probes not required), `restartPolicy: Never`, a
 * deadline, bounded retries and automatic clean-up.
 */
export class HardenedJob extends HardenedWorkload {
  constructor(scope: Construct, id: string, props: HardenedJobProps) {
    super(scope, id, WorkloadKind.JOB, props);
  }
}
