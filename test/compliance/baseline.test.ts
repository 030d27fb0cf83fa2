import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixtureReport } from './reporters/fixture';
import {
  BaselineError, createBaseline, fingerprint, FINGERPRINT_LENGTH, parseBaseline, readBaseline, serializeBaseline, withBaseline, writeBaseline,
} from '../../lib/compliance/baseline';
import { CheckReport, Finding } from '../../lib/compliance/model';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-baseline-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const counted = (fs_: Finding[]) => fs_.filter((f) => f.status !== 'suppressed');

/** A report with just these findings. */
const reportOf = (findings: Finding[]): CheckReport => ({ ...fixtureReport(), findings });

/** withBaseline, read back as: the open (new) findings, the accepted ones (as they were before), the fixed entries. */
function judge(r: CheckReport, baseline: ReturnType<typeof createBaseline>) {
  const out = withBaseline(r, baseline, 'ci/baseline.json');
  const accepted = r.findings.filter((_, i) => out.findings[i].suppression?.source === 'baseline');
  return { out, newFindings: out.findings.filter((f) => f.status !== 'suppressed'), baselined: accepted, fixed: out.baseline!.fixed };
}

describe('fingerprint', () => {
  const f = fixtureReport().findings[5]; // k8s-run-as-non-root[container:app] on apps/Deployment/prod/web

  test('truncated lowercase sha256 hex', () => {
    expect(fingerprint(f)).toMatch(new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`));
  });

  test('independent of file, line, document index, message, construct path and severity', () => {
    const moved: Finding = { ...f, file: 'elsewhere/other.yaml', line: 999, documentIndex: 7, message: 'reworded', constructPath: 'X/Y', severity: 'warning' };
    expect(fingerprint(moved)).toBe(fingerprint(f));
  });

  test('depends on the rule, the resource key and the finding id', () => {
    const fp = fingerprint(f);
    expect(fingerprint({ ...f, ruleId: 'other-rule' })).not.toBe(fp);
    expect(fingerprint({ ...f, resource: { ...f.resource, key: 'apps/Deployment/prod/api' } })).not.toBe(fp);
    expect(fingerprint({ ...f, findingId: 'container:sidecar' })).not.toBe(fp);
    expect(fingerprint({ ...f, findingId: undefined })).not.toBe(fp);
    // No ambiguity from separators inside the parts.
    expect(fingerprint({ ruleId: 'a', resource: { key: 'b/c' } })).not.toBe(fingerprint({ ruleId: 'a/b', resource: { key: 'c' } }));
  });
});

describe('baseline files', () => {
  test('written sorted, without timestamps, byte-identical whatever the order of findings', () => {
    const r = fixtureReport();
    const a = path.join(dir, 'a', 'baseline.json');
    const b = path.join(dir, 'b.json');
    writeBaseline(r, a);
    writeBaseline({ findings: [...r.findings].reverse() }, b);
    const text = fs.readFileSync(a, 'utf8');
    expect(fs.readFileSync(b, 'utf8')).toBe(text);
    const json = JSON.parse(text);
    expect(json.version).toBe(1);
    expect(typeof json.description).toBe('string');
    expect(Object.keys(json).sort()).toEqual(['description', 'entries', 'version']);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // Only non-compliant and error findings, one entry each.
    expect(json.entries).toHaveLength(counted(r.findings).length);
    const keys = json.entries.map((e: any) => `${e.resource} ${e.ruleId} ${e.findingId ?? ''}`);
    expect(keys).toEqual([...keys].sort());
    expect(json.entries[0]).toEqual({ fingerprint: expect.any(String), ruleId: 'AwsSolutions-S1', resource: 'MyStack/Bucket1' });
    expect(json.entries.find((e: any) => e.findingId === 'container:app')).toEqual({
      fingerprint: fingerprint(r.findings[5]), ruleId: 'k8s-run-as-non-root', resource: 'apps/Deployment/prod/web', findingId: 'container:app',
    });
  });

  test('read back equals what was written', () => {
    const r = fixtureReport();
    const file = path.join(dir, 'baseline.json');
    const written = writeBaseline(r, file);
    const read = readBaseline(file);
    expect(read.entries).toEqual(written.entries);
    expect(serializeBaseline(read)).toBe(fs.readFileSync(file, 'utf8'));
  });

  test('a missing, malformed or tampered file is a BaselineError naming the file', () => {
    expect(() => readBaseline(path.join(dir, 'none.json'))).toThrow(/none\.json: cannot read baseline: ENOENT/);
    expect(() => parseBaseline('{', 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{', 'b.json')).toThrow(/^b\.json: not valid JSON/);
    expect(() => parseBaseline('[]', 'b.json')).toThrow(/not a baseline/);
    expect(() => parseBaseline('{"version":2,"entries":[]}', 'b.json')).toThrow(/unsupported baseline version 2/);
    expect(() => parseBaseline('{"version":1,"entries":[{"ruleId":"r"}]}', 'b.json')).toThrow(/entries\[0\] needs string "ruleId" and "resource"/);
    expect(() => parseBaseline('{"version":1,"entries":[{"fingerprint":"00","ruleId":"r","resource":"S/X"}]}', 'b.json')).toThrow(/fingerprint does not match/);
  });

  test('an entry written by hand without fingerprint still matches', () => {
    const r = fixtureReport();
    const b = parseBaseline(JSON.stringify({ version: 1, entries: [{ ruleId: 'aws-sns-topic-encryption', resource: 'OtherStack/Topic' }] }));
    const res = judge(r, b);
    expect(res.baselined.map((f) => f.ruleId)).toEqual(['aws-sns-topic-encryption']);
  });
});

describe('withBaseline', () => {
  test('same findings: nothing new, nothing fixed', () => {
    const r = fixtureReport();
    const res = judge(r, createBaseline(r));
    expect(res.newFindings).toEqual([]);
    expect(res.baselined).toHaveLength(counted(r.findings).length);
    expect(res.fixed).toEqual([]);
    expect(res.out.baseline).toEqual({ file: 'ci/baseline.json', entries: counted(r.findings).length, new: 0, accepted: counted(r.findings).length, fixed: [] });
  });

  test('accepted findings become suppressed with the baseline as the reason; every finding carries its baselineState', () => {
    const r = fixtureReport();
    const extra: Finding = { ...r.findings[5], findingId: 'container:init' };
    const { out } = judge(reportOf([...r.findings, extra]), createBaseline(r));
    expect(out.findings).toHaveLength(r.findings.length + 1);
    r.findings.forEach((f, i) => {
      const g = out.findings[i];
      if (f.status === 'suppressed') {
        // suppressed before: kept as it was (its own reason), never in a baseline
        expect(g).toEqual({ ...f, baselineState: 'new' });
      } else {
        expect(g).toEqual({ ...f, status: 'suppressed', suppression: { reason: 'accepted in baseline baseline.json', source: 'baseline' }, baselineState: 'unchanged' });
      }
    });
    expect(out.findings[r.findings.length]).toEqual({ ...extra, baselineState: 'new' });
    expect(out.baseline).toMatchObject({ new: 1, accepted: counted(r.findings).length });
    // applied once: a second application is refused rather than double-counted
    expect(() => withBaseline(out, createBaseline(r), 'b.json')).toThrow(/already judged against the baseline ci\/baseline.json/);
  });

  test('one extra finding: exactly that one is new', () => {
    const r = fixtureReport();
    const baseline = createBaseline(r);
    const extra: Finding = { ...r.findings[5], findingId: 'container:init' };
    const res = judge(reportOf([...r.findings, extra]), baseline);
    expect(res.newFindings).toEqual([{ ...extra, baselineState: 'new' }]);
    expect(res.fixed).toEqual([]);
  });

  test('reordering findings, moving them in files and adding an unrelated resource change nothing', () => {
    const r = fixtureReport();
    const baseline = createBaseline(r);
    const moved = r.findings.map((f) => ({
      ...f,
      line: (f.line ?? 0) + 40,
      documentIndex: f.documentIndex !== undefined ? f.documentIndex + 3 : undefined,
    }));
    const unrelatedCompliantResource = { ruleId: 'aws-s3-bucket-encryption', resourceKey: 'MyStack/NewBucket', outcome: 'compliant' as const };
    const res = judge(reportOf([...moved].reverse()), baseline);
    expect(res.newFindings).toEqual([]);
    expect(res.fixed).toEqual([]);
    expect(createBaseline({ findings: [...moved].reverse() })).toEqual(baseline);
    // A report with an extra compliant resource has the same baseline.
    const withUnrelated: CheckReport = { ...r, evaluations: [...r.evaluations, unrelatedCompliantResource], resourceCount: r.resourceCount + 1 };
    expect(createBaseline(withUnrelated)).toEqual(baseline);
    // A new finding on a new resource is new; the existing fingerprints are unchanged.
    const other: Finding = { ...r.findings[0], resource: { ...r.findings[0].resource, key: 'MyStack/NewBucket', name: 'NewBucket', logicalId: 'NewBucket' } };
    const res2 = judge(reportOf([other, ...r.findings]), baseline);
    expect(res2.newFindings).toEqual([{ ...other, baselineState: 'new' }]);
    expect(r.findings.map(fingerprint)).toEqual(fixtureReport().findings.map(fingerprint));
  });

  test('fixed: entries no longer found; suppressed findings are neither new nor baselined', () => {
    const r = fixtureReport();
    const baseline = createBaseline(r);
    const s3 = r.findings[0];
    const nowSuppressed: Finding = { ...s3, status: 'suppressed', suppression: { reason: 'Accepted for the demo account.', source: 'construct' } };
    const res = judge(reportOf([nowSuppressed, ...r.findings.slice(1)]), baseline);
    expect(res.newFindings).toEqual([]);
    expect(res.fixed.map((e) => `${e.ruleId} ${e.resource}`)).toEqual(['aws-s3-bucket-encryption MyStack/Bucket1']);
    expect(res.baselined).not.toContain(nowSuppressed);
    // it is the same finding as the entry (detected in both), suppressed now by its own suppression
    expect(res.out.findings[0]).toEqual({ ...nowSuppressed, baselineState: 'unchanged' });
    // A suppressed finding never enters a baseline.
    expect(createBaseline({ findings: [nowSuppressed] }).entries).toEqual([]);
  });

  test('a run of fewer rules (--framework, --pack) judges only its rules: other entries are neither fixed nor dropped on update', () => {
    const r = fixtureReport();
    const baseline = createBaseline(r);
    const s3 = r.findings[0];
    // the same findings, from a run whose rules do not include the S3 rule
    const narrower: CheckReport = { ...reportOf(r.findings.filter((f) => f.ruleId !== s3.ruleId)), rules: r.rules.filter((x) => x.id !== s3.ruleId) };
    expect(narrower.rules.length).toBeGreaterThan(0);
    expect(judge(narrower, baseline).fixed).toEqual([]);
    // the same run with the S3 rule in its rule list: now the entry is fixed
    const withRule: CheckReport = { ...narrower, rules: r.rules };
    expect(judge(withRule, baseline).fixed.map((e) => e.ruleId)).toEqual([s3.ruleId]);
    // updating from the narrower run keeps the entries of the rule it did not run, and only those
    const updated = createBaseline(narrower, baseline);
    expect(updated.entries).toEqual(baseline.entries);
    expect(createBaseline(withRule, baseline).entries.map((e) => e.ruleId)).not.toContain(s3.ruleId);
    // written over an existing file, the same merge happens
    const file = path.join(dir, 'b.json');
    writeBaseline(r, file);
    writeBaseline(narrower, file);
    expect(readBaseline(file).entries).toEqual(baseline.entries);
  });

  test('rule errors count like non-compliant findings', () => {
    const r = fixtureReport();
    const err = r.findings.find((f) => f.status === 'error')!;
    const res = judge(r, createBaseline({ findings: r.findings.filter((f) => f !== err) }));
    expect(res.newFindings).toEqual([{ ...err, baselineState: 'new' }]);
  });
});
