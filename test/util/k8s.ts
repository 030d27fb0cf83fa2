import { Chart, Testing } from 'cdk8s';
import { checkK8sScope } from '../../lib/compliance/k8s-checks';
import { CheckReport } from '../../lib/compliance/model';

/**
 * A fresh chart in a test app, with a namespace (namespace `test`), as the constructs are meant to be used: objects that
 * name no namespace land in `default` when applied, which `k8s-workload-default-namespace` reports.
 */
export function testChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'test' });
}

/** A fresh chart without a namespace (for tests of what the constructs do when no namespace is given). */
export function bareChart(): Chart {
  return new Chart(Testing.app(), 'test');
}

/** Runs the full Kubernetes pack over a chart (or app) and returns the report. */
export function checkChart(chart: Chart, packs: string[] = ['k8s']): CheckReport {
  return checkK8sScope(chart, { packs });
}

/** Unsuppressed findings, formatted for readable assertion failures. */
export function openK8sFindings(report: CheckReport): string[] {
  return report.findings.filter((f) => f.status !== 'suppressed').map((f) => `${f.ruleId}${f.findingId ? `[${f.findingId}]` : ''} ${f.resource.key}: ${f.message}`);
}
