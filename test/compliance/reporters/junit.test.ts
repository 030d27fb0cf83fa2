import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BASE, EXPECTED_CASES, EXPECTED_SUITES, fixtureReport } from './fixture';
import { CheckReport } from '../../../lib/compliance/model';
import { toJUnit, xmlEscape } from '../../../lib/compliance/reporters/junit';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

interface Parsed {
  root: any;
  suites: any[];
}

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  return { root: doc.testsuites, suites: doc.testsuites.testsuite ?? [] };
}

function outcome(tc: any): string {
  if (tc.failure !== undefined) return 'failure';
  if (tc.error !== undefined) return 'error';
  if (tc.skipped !== undefined) return 'skipped';
  return 'passed';
}

describe('toJUnit', () => {
  const report = fixtureReport();
  const xml = toJUnit(report, { baseDir: BASE });
  const { root, suites } = parse(xml);
  const cases = suites.flatMap((s) => s.testcase.map((tc: any) => ({ suite: s.name, tc })));

  test('one testcase per evaluated (rule, resource) pair; not-applicable ones are absent', () => {
    const got = Object.fromEntries(cases.map(({ tc }) => [`${tc.classname} ${tc.name}`, outcome(tc)]));
    expect(got).toEqual(EXPECTED_CASES);
    expect(cases.some(({ tc }) => tc.name === 'MyStack/Role2' || tc.name === 'batch/Job/prod/cron')).toBe(false);
  });

  test('one testsuite per stack / manifest file; resources without a file go by stack or platform', () => {
    const got: Record<string, string[]> = {};
    for (const { suite, tc } of cases) (got[suite] ??= []).push(`${tc.classname} ${tc.name}`);
    for (const k of Object.keys(got)) got[k].sort();
    const expected = Object.fromEntries(Object.entries(EXPECTED_SUITES).map(([k, v]) => [k, [...v].sort()]));
    expect(got).toEqual(expected);
  });

  test('counts on every testsuite and on testsuites match the testcases and the report', () => {
    const tally = (list: any[]) => ({
      tests: list.length,
      failures: list.filter((tc) => outcome(tc) === 'failure').length,
      errors: list.filter((tc) => outcome(tc) === 'error').length,
      skipped: list.filter((tc) => outcome(tc) === 'skipped').length,
    });
    for (const s of suites) {
      const t = tally(s.testcase);
      expect({ tests: Number(s.tests), failures: Number(s.failures), errors: Number(s.errors), skipped: Number(s.skipped) }).toEqual(t);
    }
    const all = tally(cases.map((c) => c.tc));
    expect({ tests: Number(root.tests), failures: Number(root.failures), errors: Number(root.errors), skipped: Number(root.skipped) }).toEqual(all);
    // Against the fixture, counted by hand.
    expect(all).toEqual({ tests: 11, failures: 4, errors: 1, skipped: 2 });
    const outcomes = Object.values(EXPECTED_CASES);
    expect(all.failures).toBe(outcomes.filter((o) => o === 'failure').length);
  });

  test('failure carries message, remediation and every finding of the pair; error and skipped their reasons', () => {
    const k8s = cases.find(({ tc }) => tc.classname === 'k8s-run-as-non-root' && tc.name === 'apps/Deployment/prod/web')!.tc;
    expect(k8s.failure.message).toBe('Container app does not set runAsNonRoot. (and 1 more)');
    expect(k8s.failure['#text']).toContain('k8s-run-as-non-root[container:sidecar]');
    expect(k8s.failure['#text']).toContain('Remediation: Set securityContext.runAsNonRoot: true.');
    expect(k8s.failure.type).toBe('error');
    expect(k8s.file).toBe('dist/app.k8s.yaml');
    expect(k8s.line).toBe('5');

    const err = cases.find(({ tc }) => tc.classname === 'aws-iam-no-wildcard-actions')!.tc;
    expect(err.error.message).toContain('threw while evaluating MyStack/Role');
    expect(err.error.type).toBe('RuleError');

    const skipped = cases.find(({ tc }) => tc.classname === 'aws-kms-key-rotation')!.tc;
    expect(skipped.skipped.message).toBe('suppressed: Imported key, rotation is managed by the security account.');

    const topic = cases.find(({ tc }) => tc.classname === 'aws-sns-topic-encryption')!.tc;
    expect(topic.failure.type).toBe('warning');
    expect(topic.file).toBeUndefined();
  });

  test('special characters are escaped and control characters dropped', () => {
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)).toBe(false);
    const nag = cases.find(({ tc }) => tc.classname === 'AwsSolutions-S1')!.tc;
    expect(nag.failure.message).toBe('The S3 Bucket has server access logs disabled <script>&"\' | pipe');
    expect(xml).not.toContain('<script>');
  });

  test('xmlEscape', () => {
    expect(xmlEscape('a<b>&"c"\'\u0000\u001b\uD800x')).toBe('a&lt;b&gt;&amp;"c"\'x');
    expect(xmlEscape('a"b\nc', true)).toBe('a&quot;b&#10;c');
    expect(xmlEscape('emoji 😀 ok')).toBe('emoji 😀 ok');
  });

  test('a run with no evaluations recorded still lists its findings as cases', () => {
    const r: CheckReport = { ...fixtureReport(), evaluations: [] };
    const p = parse(toJUnit(r, { baseDir: BASE }));
    const distinctPairs = new Set(r.findings.map((f) => `${f.ruleId} ${f.resource.key}`));
    expect(Number(p.root.tests)).toBe(distinctPairs.size);
    expect(Number(p.root.failures)).toBe(4);
    expect(Number(p.root.errors)).toBe(1);
    expect(Number(p.root.skipped)).toBe(2);
  });

  test('an empty report is a valid, empty testsuites element', () => {
    const p = parse(toJUnit({ findings: [], evaluations: [], unusedSuppressions: [], overrides: [], rules: [], resourceCount: 0, inputs: [] }));
    expect(p.root.tests).toBe('0');
    expect(p.suites).toEqual([]);
  });

  test('deterministic regardless of the order of findings and evaluations', () => {
    const r = fixtureReport();
    const shuffled: CheckReport = { ...r, findings: [...r.findings].reverse(), evaluations: [...r.evaluations].reverse() };
    // Within a (rule, resource) pair the order of findings is kept, so compare the structure.
    const a = parse(toJUnit(r, { baseDir: BASE }));
    const b = parse(toJUnit(shuffled, { baseDir: BASE }));
    const names = (p: Parsed) => p.suites.map((s) => [s.name, s.tests, s.testcase.map((tc: any) => `${tc.classname} ${tc.name} ${outcome(tc)}`)]);
    expect(names(b)).toEqual(names(a));
  });
});
