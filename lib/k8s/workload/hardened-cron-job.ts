import { Construct } from 'constructs';
import { HardenedWorkload } from './hardened-workload';
import { HardenedJobProps } from './hardened-job';
import { WorkloadKind } from './kind-specs';

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
    super(scope, id, WorkloadKind.CRON_JOB, props);
  }
}
