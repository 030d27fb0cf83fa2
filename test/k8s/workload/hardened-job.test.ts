import { ConcurrencyPolicy, HardenedCronJob, HardenedJob, HealthProbe } from '../../../lib/k8s/workload';
import { checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, objectsOf, only, synth } from '../helpers';
import { batchContainer, podSpecOf } from './fixtures';

describe('HardenedJob', () => {
  test('minimal props: passes the full Kubernetes pack; no probes needed', () => {
    const chart = testChart();
    new HardenedJob(chart, 'migrate', { containers: [batchContainer()] });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('defaults: Never restart, bounded retries and run time, clean-up; no PDB', () => {
    const chart = testChart();
    const job = new HardenedJob(chart, 'migrate', { containers: [batchContainer()] });
    const m = synth(chart);
    const obj = only(m, 'Job');
    expect(obj.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 });
    expect(obj.spec.selector).toBeUndefined();
    expect(obj.spec.template.metadata.labels).toEqual(job.podSelectorLabels);
    const spec = podSpecOf(obj);
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.topologySpreadConstraints).toBeUndefined();
    expect(objectsOf(m, 'PodDisruptionBudget')).toEqual([]);
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('withoutProbes on a job is refused (nothing to weaken)', () => {
    expectInvalid(() => new HardenedJob(testChart(), 'j', { containers: [batchContainer({ withoutProbes: { reason: 'batch job, no probes' } })] }), 'test/j', 'containers[0].withoutProbes');
  });

  test('job options', () => {
    const chart = testChart();
    new HardenedJob(chart, 'j', { containers: [batchContainer({ readinessProbe: HealthProbe.exec(['true']) })], backoffLimit: 0, completions: 5, parallelism: 2 });
    expect(only(synth(chart), 'Job').spec).toMatchObject({ backoffLimit: 0, completions: 5, parallelism: 2 });
    expectInvalid(() => new HardenedJob(testChart(), 'j', { containers: [batchContainer()], activeDeadlineSeconds: 0 }), 'test/j', 'activeDeadlineSeconds');
  });
});

describe('HardenedCronJob', () => {
  test('minimal props: passes the full Kubernetes pack', () => {
    const chart = testChart();
    new HardenedCronJob(chart, 'nightly', { schedule: '0 3 * * *', containers: [batchContainer()] });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('defaults: UTC, Forbid overlap, deadlines and history', () => {
    const chart = testChart();
    const cj = new HardenedCronJob(chart, 'nightly', { schedule: '@daily', containers: [batchContainer()] });
    const obj = only(synth(chart), 'CronJob');
    expect(obj.spec).toMatchObject({
      schedule: '@daily', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
    });
    expect(obj.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 });
    expect(obj.spec.jobTemplate.metadata.labels).toEqual(cj.podSelectorLabels);
    expect(podSpecOf(obj).restartPolicy).toBe('Never');
    expect(podSpecOf(obj).automountServiceAccountToken).toBe(false);
  });

  test('options and bad schedules', () => {
    const chart = testChart();
    new HardenedCronJob(chart, 'c', { schedule: '*/15 * * * 1-5', timeZone: 'Europe/Paris', concurrencyPolicy: ConcurrencyPolicy.REPLACE, suspend: true, containers: [batchContainer()] });
    expect(only(synth(chart), 'CronJob').spec).toMatchObject({ schedule: '*/15 * * * 1-5', timeZone: 'Europe/Paris', concurrencyPolicy: 'Replace', suspend: true });
    for (const schedule of ['TZ=UTC 0 3 * * *', 'every day', '0 3 * *', '']) {
      expectInvalid(() => new HardenedCronJob(testChart(), 'c', { schedule, containers: [batchContainer()] }), 'test/c', 'schedule');
    }
    expectInvalid(() => new HardenedCronJob(testChart(), 'c', { name: 'x'.repeat(53), schedule: '@daily', containers: [batchContainer()] }), 'test/c', 'name');
  });
});
