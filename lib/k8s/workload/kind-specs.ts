import { PropValidator } from '../../core/errors';
import { PendingOverride } from '../shared/overrides';
import { isDnsLabel, checkQuantity } from '../shared/validate';
import type { ConcurrencyPolicy, HardenedCronJobProps } from './hardened-cron-job';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import type { HardenedDeploymentProps } from './hardened-deployment';
import type { HardenedJobProps, JobOptions } from './hardened-job';
import { PodTemplate } from './pod-template';
import { Replication, checkReplication, topologySpread } from './replication';
import type { HardenedStatefulSetProps, PvcAccessMode } from './hardened-stateful-set';
import { HardenedWorkloadProps } from './types';

/** The kind of a hardened workload. */
export enum WorkloadKind {
  DEPLOYMENT = 'Deployment',
  STATEFUL_SET = 'StatefulSet',
  JOB = 'Job',
  CRON_JOB = 'CronJob',
}

/** What is specific to a kind, after validation. */
export interface KindState {
  readonly apiVersion: string;
  readonly overrides: PendingOverride[];
  readonly replication?: Replication;
  /** The object spec, given the rendered pod template. */
  spec(template: Record<string, any>, selector: Record<string, string>, name: string): Record<string, any>;
  /** Extra pod spec fields (topology spread). */
  podExtra(selector: Record<string, string>): Record<string, any>;
}

/** Static traits of a kind. */
export const KIND_TRAITS: Record<WorkloadKind, { longRunning: boolean; restartPolicy?: string; maxNameLength: number }> = {
  [WorkloadKind.DEPLOYMENT]: { longRunning: true, maxNameLength: 63 },
  [WorkloadKind.STATEFUL_SET]: { longRunning: true, maxNameLength: 52 }, // pod names get a "-<ordinal>" and a controller-revision-hash label
  [WorkloadKind.JOB]: { longRunning: false, restartPolicy: 'Never', maxNameLength: 63 },
  [WorkloadKind.CRON_JOB]: { longRunning: false, restartPolicy: 'Never', maxNameLength: 52 },
};

function checkWhole(v: PropValidator, property: string, n: number | undefined, min: number): void {
  v.require(n === undefined || (Number.isInteger(n) && n >= min), property, `${JSON.stringify(n)} is not a whole number >= ${min}.`, `Use a whole number >= ${min}.`);
}

/** Validates kind-specific props and returns how to render the kind. */
export function kindState(kind: WorkloadKind, v: PropValidator, props: HardenedWorkloadProps, pod: PodTemplate): KindState {
  switch (kind) {
    case WorkloadKind.DEPLOYMENT: return deployment(v, props as HardenedDeploymentProps);
    case WorkloadKind.STATEFUL_SET: return statefulSet(v, props as HardenedStatefulSetProps, pod);
    case WorkloadKind.JOB: return job(v, props as HardenedJobProps);
    case WorkloadKind.CRON_JOB: return cronJob(v, props as HardenedCronJobProps);
  }
}

function deployment(v: PropValidator, props: HardenedDeploymentProps): KindState {
  const r = checkReplication(v, props, D.deploymentReplicas);
  checkWhole(v, 'revisionHistoryLimit', props.revisionHistoryLimit, 0);
  return {
    apiVersion: 'apps/v1',
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
    apiVersion: 'apps/v1',
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

function jobOptions(v: PropValidator, props: JobOptions, prefix = ''): Record<string, any> {
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
    apiVersion: 'batch/v1',
    overrides: [],
    spec: (template) => ({ ...options, template }),
    podExtra: () => ({}),
  };
}

const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const CRON_FIELD = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?)*$/;

/** Whether a CronJob schedule is a 5-field cron expression or a macro (no TZ= prefix). */
export function isCronSchedule(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const t = s.trim();
  if (CRON_MACROS.includes(t)) return true;
  const fields = t.split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}

const CONCURRENCY = ['Forbid', 'Replace', 'Allow'];

function cronJob(v: PropValidator, props: HardenedCronJobProps): KindState {
  const options = jobOptions(v, props);
  v.require(isCronSchedule(props.schedule), 'schedule', `${JSON.stringify(props.schedule)} is not a cron schedule.`, 'Use five fields ("0 3 * * *") or a macro ("@daily"); set the time zone with timeZone, not "TZ=".');
  const tz = props.timeZone ?? D.cronTimeZone;
  v.require(/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz), 'timeZone', `${JSON.stringify(tz)} is not a time zone name.`, 'Use an IANA name such as "Etc/UTC" or "Europe/Paris".');
  const concurrency: ConcurrencyPolicy | string = props.concurrencyPolicy ?? D.cronConcurrencyPolicy;
  v.require(CONCURRENCY.includes(concurrency), 'concurrencyPolicy', `${JSON.stringify(concurrency)} is not a concurrency policy.`, 'Use ConcurrencyPolicy.FORBID, REPLACE or ALLOW.');
  checkWhole(v, 'startingDeadlineSeconds', props.startingDeadlineSeconds, 1);
  checkWhole(v, 'successfulJobsHistoryLimit', props.successfulJobsHistoryLimit, 0);
  checkWhole(v, 'failedJobsHistoryLimit', props.failedJobsHistoryLimit, 0);
  return {
    apiVersion: 'batch/v1',
    overrides: [],
    spec: (template, selector) => ({
      schedule: props.schedule.trim(),
      timeZone: tz,
      concurrencyPolicy: concurrency,
      startingDeadlineSeconds: props.startingDeadlineSeconds ?? D.cronStartingDeadlineSeconds,
      successfulJobsHistoryLimit: props.successfulJobsHistoryLimit ?? D.cronSuccessfulJobsHistoryLimit,
      failedJobsHistoryLimit: props.failedJobsHistoryLimit ?? D.cronFailedJobsHistoryLimit,
      ...(props.suspend !== undefined ? { suspend: props.suspend } : {}),
      jobTemplate: { metadata: { labels: { ...selector } }, spec: { ...options, template } },
    }),
    podExtra: () => ({}),
  };
}
