import { allConstructsChart } from './all-constructs';
import { checkChart, openK8sFindings } from '../util/k8s';

test('every construct together passes the full Kubernetes pack, with no unused suppressions', () => {
  const report = checkChart(allConstructsChart());
  expect(openK8sFindings(report)).toEqual([]);
  expect(report.unusedSuppressions).toEqual([]);
});

test('the only accepted findings are the ones weakened on purpose, each with its reason', () => {
  const report = checkChart(allConstructsChart());
  const suppressed = report.findings.filter((f) => f.status === 'suppressed');
  expect(suppressed.map((f) => `${f.ruleId} ${f.resource.key}`).sort()).toEqual([
    'k8s-mesh-namespace-enrolment Namespace//jobs',
    'k8s-secrets-secret-data Secret/jobs/fixture',
    'k8s-workload-service-account-token apps/Deployment/back/api',
  ]);
  expect(suppressed.map((f) => f.suppression?.reason)).toEqual(expect.arrayContaining([
    'mountServiceAccountToken: Reads its leader-election Lease through the API.',
    'allowLiteralData: Non-sensitive fixture used by the report job.',
    'outsideMesh: Batch jobs reach no meshed service and serve no traffic.',
  ]));
});
