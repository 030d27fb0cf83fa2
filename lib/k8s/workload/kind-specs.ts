import { Replication } from './replication';
import { PropValidator } from '../../core/errors';
import { PendingOverride } from '../shared/overrides';

/** The kind of a hardened workload. */
export enum WorkloadKind {
  DEPLOYMENT = 'Deployment',
  STATEFUL_SET = 'StatefulSet',
  JOB = 'Job',
  CRON_JOB = 'CronJob',
}

/** Static traits of a kind (each HardenedWorkload subclass declares its own). */
export interface KindTraits {
  readonly kind: WorkloadKind;
  readonly apiVersion: string;
  /** Long-running pods need probes; run-to-completion pods need a restart policy. */
  readonly longRunning: boolean;
  readonly restartPolicy?: string;
  /** Longest object name (StatefulSet and CronJob names get suffixes in their pods' names). */
  readonly maxNameLength: number;
}

/** What is specific to a kind, after validation (returned by each subclass's hook). */
export interface KindState {
  readonly overrides: PendingOverride[];
  readonly replication?: Replication;
  /** The object spec, given the rendered pod template. */
  spec(template: Record<string, any>, selector: Record<string, string>, name: string): Record<string, any>;
  /** Extra pod spec fields (topology spread). */
  podExtra(selector: Record<string, string>): Record<string, any>;
}

/** A whole number of at least `min`, when given. */
export function checkWhole(v: PropValidator, property: string, n: number | undefined, min: number): void {
  v.require(n === undefined || (Number.isInteger(n) && n >= min), property, `${JSON.stringify(n)} is not a whole number >= ${min}.`, `Use a whole number >= ${min}.`);
}
