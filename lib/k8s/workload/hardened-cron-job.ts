import { Construct } from 'constructs';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import { HardenedJobProps, jobOptions } from './hardened-job';
import { HardenedWorkload } from './hardened-workload';
import { KindState, KindTraits, WorkloadKind, checkWhole } from './kind-specs';
import { PodTemplate } from './pod-template';
import { HardenedWorkloadProps } from './types';
import { PropValidator } from '../../core/errors';

const TRAITS: KindTraits = { kind: WorkloadKind.CRON_JOB, apiVersion: 'batch/v1', longRunning: false, restartPolicy: 'Never', maxNameLength: 52 };

/** What a CronJob does when a run is due while the previous one still runs. */
export enum ConcurrencyPolicy {
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Stop the running one and start the new one. */
  REPLACE = 'Replace',
  /** Run both. */
  ALLOW = 'Allow',
}

/** Props of HardenedCronJob. */
export interface HardenedCronJobProps extends HardenedJobProps {
  /** Cron schedule: five fields ("0 3 * * *") or a macro ("@daily"). */
  readonly schedule: string;
  /** Time zone of the schedule (IANA name). @default "Etc/UTC" */
  readonly timeZone?: string;
  /** Overlapping runs. @default ConcurrencyPolicy.FORBID */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** Seconds after the scheduled time a missed run may still start. @default 300 */
  readonly startingDeadlineSeconds?: number;
  /** Successful Jobs kept. @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed Jobs kept. @default 1 */
  readonly failedJobsHistoryLimit?: number;
  /** Suspend scheduling. @default false (not written) */
  readonly suspend?: boolean;
}

/** A CronJob whose Jobs use the hardened pod template of HardenedJob; no overlapping runs by default. */
export class HardenedCronJob extends HardenedWorkload {
  constructor(scope: Construct, id: string, props: HardenedCronJobProps) {
    super(scope, id, props);
  }

  /** @internal */
  protected _traits(): KindTraits {
    return TRAITS;
  }

  /** @internal */
  protected _kindState(v: PropValidator, props: HardenedWorkloadProps, _pod: PodTemplate): KindState {
    return cronJob(v, props as HardenedCronJobProps);
  }
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

