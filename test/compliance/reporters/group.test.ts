import { fixtureReport } from './fixture';
import { createBaseline } from '../../../lib/compliance/baseline';
import {
  compareControls, countFindings, displayPath, filterByFramework, frameworkSummaries, groupByControl, relativePath, verdict,
} from '../../../lib/compliance/reporters/group';

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

  test('verdict by threshold and baseline', () => {
    const r = fixtureReport();
    expect(verdict(r).failing).toHaveLength(5);
    expect(verdict(r, { failOn: 'warning' }).failing).toHaveLength(6);
    expect(verdict(r, { failOn: 'never' }).passed).toBe(true);
    expect(verdict(r, { baseline: createBaseline(r) }).passed).toBe(true);
    // Only warnings: passes on `error`, fails on `warning`.
    const warnings = { findings: r.findings.filter((f) => f.severity === 'warning') };
    expect(verdict(warnings).passed).toBe(true);
    expect(verdict(warnings, { failOn: 'warning' }).passed).toBe(false);
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
