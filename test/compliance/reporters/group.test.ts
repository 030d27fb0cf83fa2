import { fixtureReport } from './fixture';
import { createBaseline, withBaseline } from '../../../lib/compliance/baseline';
import {
  compareControls, countFindings, displayPath, filterByFramework, frameworkSummaries, groupByControl, relativePath,
} from '../../../lib/compliance/reporters/group';
import { summarize, verdict } from '../../../lib/compliance/reporters/summary';

describe('groupByControl', () => {
  const report = fixtureReport();

  test('control -> findings for one framework, in natural order, passing controls included', () => {
    const g = groupByControl(report, 'NIST-800-53-R5');
    expect([...g.keys()]).toEqual(['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:SC-12', 'NIST-800-53-R5:SC-13', 'NIST-800-53-R5:SC-28']);
    expect(g.get('NIST-800-53-R5:SC-28')!.map((f) => `${f.ruleId} ${f.resource.key}`)).toEqual([
      'aws-s3-bucket-encryption MyStack/Bucket1',
      'aws-sns-topic-encryption OtherStack/Topic',
    ]);
    expect(g.get('NIST-800-53-R5:SC-12')!.map((f) => f.status)).toEqual(['suppressed']);
    expect(g.get('NIST-800-53-R5:AC-6')!.map((f) => f.status)).toEqual(['error']);
  });

  test('framework ids are case-insensitive; PSS-restricted includes the baseline controls', () => {
    const g = groupByControl(report, 'pss-restricted');
    expect([...g.keys()]).toEqual(['PSS-baseline:none', 'PSS-restricted:runAsNonRoot']);
    expect(g.get('PSS-restricted:runAsNonRoot')).toHaveLength(2);
    expect([...groupByControl(report, 'PSS-baseline').keys()]).toEqual(['PSS-baseline:none']);
  });

  test('a control with no rule in the run and no finding is absent; an unknown framework throws', () => {
    expect(groupByControl(report, 'CIS-AWS').size).toBe(0);
    expect(() => groupByControl(report, 'SOC2')).toThrow(/unknown framework "SOC2"; known: NIST-800-53-R5, /);
  });

  test('natural control order', () => {
    expect(['AC-10', 'AC-2', 'SC-28', 'AC-6(1)'].sort(compareControls)).toEqual(['AC-2', 'AC-6(1)', 'AC-10', 'SC-28']);
  });
});

describe('framework summaries and filtering', () => {
  test('summaries list only frameworks the run evidences', () => {
    const s = frameworkSummaries(fixtureReport());
    expect(s.map((x) => x.framework.id)).toEqual(['NIST-800-53-R5', 'PCI-DSS-3.2.1', 'HIPAA', 'PSS-baseline', 'PSS-restricted', 'CIS-K8S', 'NSA-CISA']);
    const nist = s[0];
    expect([nist.controls, nist.failingControls]).toEqual([4, 3]);
    expect(nist.counts).toEqual({ 'non-compliant': 2, 'suppressed': 1, 'error': 1 });
  });

  test('filterByFramework keeps the rules, findings and evaluations of the framework', () => {
    const r = filterByFramework(fixtureReport(), 'HIPAA');
    expect(r.rules.map((x) => x.id)).toEqual(['aws-s3-bucket-encryption']);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['aws-s3-bucket-encryption']);
    expect(new Set(r.evaluations.map((e) => e.ruleId))).toEqual(new Set(['aws-s3-bucket-encryption']));
    expect(r.unusedSuppressions).toHaveLength(1);
  });
});

describe('counts and verdict', () => {
  test('countFindings', () => {
    const c = countFindings(fixtureReport().findings);
    expect(c.total).toEqual({ 'non-compliant': 5, 'suppressed': 2, 'error': 1 });
    expect(c.bySeverity.warning).toEqual({ 'non-compliant': 1, 'suppressed': 1, 'error': 0 });
  });

  test('verdict by threshold, baseline and input errors', () => {
    const r = fixtureReport();
    expect(verdict(r, 'error').failing).toHaveLength(5);
    expect(verdict(r, 'warning').failing).toHaveLength(6);
    expect(verdict(r, 'never').passed).toBe(true);
    // a baseline is applied once, to the report: its accepted findings are suppressed, so they cannot fail
    const judged = withBaseline(r, createBaseline(r), 'baseline.json');
    expect(verdict(judged, 'info').passed).toBe(true);
    expect(verdict(judged, 'info').failing).toEqual([]);
    // Only warnings: passes on `error`, fails on `warning`.
    const warnings = { findings: r.findings.filter((f) => f.severity === 'warning') };
    expect(verdict(warnings, 'error').passed).toBe(true);
    expect(verdict(warnings, 'warning').passed).toBe(false);
    // an input error fails the run whatever the findings, and the summary says the same
    const unreadable = { ...r, findings: [], inputErrors: [{ file: 'dist/x.yaml', message: 'not YAML' }] };
    expect(verdict(unreadable, 'never')).toEqual({ failing: [], inputErrors: 1, passed: false });
    for (const failOn of ['error', 'warning', 'info', 'never'] as const) {
      for (const rep of [r, judged, unreadable]) expect(summarize(rep, failOn).passed).toBe(verdict(rep, failOn).passed);
    }
  });
});

describe('paths', () => {
  test('relative to baseDir, forward slashes; outside stays absolute', () => {
    expect(relativePath('/repo/dist/a.yaml', '/repo')).toBe('dist/a.yaml');
    expect(relativePath('./cdk.out/S.template.json', '/repo')).toBe('cdk.out/S.template.json');
    expect(relativePath('cdk.out\\S.template.json', '/repo')).toBe('cdk.out/S.template.json');
    expect(relativePath('/other/a.yaml', '/repo')).toBeUndefined();
    expect(displayPath('/other/a.yaml', '/repo')).toBe('/other/a.yaml');
  });
});
