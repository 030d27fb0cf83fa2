import { Construct } from 'constructs';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import { HardenedWorkload } from './hardened-workload';
import { KindState, KindTraits, WorkloadKind, checkWhole } from './kind-specs';
import { PodTemplate } from './pod-template';
import { HardenedWorkloadProps } from './types';
import { PropValidator } from '../../core/errors';

const TRAITS: KindTraits = { kind: WorkloadKind.JOB, apiVersion: 'batch/v1', longRunning: false, restartPolicy: 'Never', maxNameLength: 63 };

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
    super(scope, id, props);
  }

  /** @internal */
  protected _traits(): KindTraits {
    return TRAITS;
  }

  /** @internal */
  protected _kindState(v: PropValidator, props: HardenedWorkloadProps, _pod: PodTemplate): KindState {
    return job(v, props as HardenedJobProps);
  }
}

/** Validates the run-to-completion options (shared with CronJob) and returns the Job spec fields. */
export function jobOptions(v: PropValidator, props: JobOptions, prefix = ''): Record<string, any> {
  checkWhole(v, `${prefix}backoffLimit`, props.backoffLimit, 0);
  checkWhole(v, `${prefix}activeDeadlineSeconds`, props.activeDeadlineSeconds, 1);
  checkWhole(v, `${prefix}ttlSecondsAfterFinished`, props.ttlSecondsAfterFinished, 0);
  checkWhole(v, `${prefix}completions`, props.completions, 1);
  checkWhole(v, `${prefix}parallelism`, props.parallelism, 1);
  return {
    backoffLimit: props.backoffLimit ?? D.jobBackoffLimit,
    activeDeadlineSeconds: props.activeDeadlineSeconds ?? D.jobActiveDeadlineSeconds,
    ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? D.jobTtlSecondsAfterFinished,
    ...(props.completions !== undefined ? { completions: props.completions } : {}),
    ...(props.parallelism !== undefined ? { parallelism: props.parallelism } : {}),
  };
}

function job(v: PropValidator, props: HardenedJobProps): KindState {
  const options = jobOptions(v, props);
  return {
    overrides: [],
    spec: (template) => ({ ...options, template }),
    podExtra: () => ({}),
  };
}

