import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { fixtureReport } from './fixture';
import { run } from '../../../lib/cli/main';
import { FRAMEWORKS } from '../../../lib/compliance/frameworks';
import { CheckReport } from '../../../lib/compliance/model';
import { EVIDENCE_CSV_HEADER, FrameworkEvidence, buildEvidence, csvCell, digestInputs, evidenceRows, toCsv, writeEvidence } from '../../../lib/compliance/reporters/evidence';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'evidence.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);
function valid(doc: unknown): string {
  return validate(doc) ? '' : ajv.errorsText(validate.errors);
}

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF inside quotes), strict: a stray quote throws. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`unquoted field at ${i}`);
    let v = '';
    i++;
    for (;;) {
      if (i >= text.length) throw new Error('unterminated field');
      if (text[i] === '"') {
        if (text[i + 1] === '"') { v += '"'; i += 2; continue; }
        i++;
        break;
      }
      v += text[i++];
    }
    row.push(v);
    if (text[i] === ',') { i++; continue; }
    if (text.startsWith('\r\n', i)) { rows.push(row); row = []; i += 2; continue; }
    throw new Error(`bad character after field at ${i}: ${JSON.stringify(text[i])}`);
  }
  if (row.length > 0) throw new Error('last row without CRLF');
  return rows;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-evidence-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = new Date('2026-01-02T03:04:05.000Z');
function evidenceOf(report: CheckReport = fixtureReport()): FrameworkEvidence[] {
  return buildEvidence(report, { toolVersion: '1.2.3', failOn: 'error', inputs: [], generatedAt: at, packs: ['aws'], options: { unverified: 'warning' } });
}
const fw = (ev: FrameworkEvidence[], id: string) => ev.find((e) => e.framework.id === id)!;
const control = (e: FrameworkEvidence, id: string) => e.controls.find((c) => c.id === id)!;
const outcomes = (e: FrameworkEvidence, id: string) => Object.fromEntries(control(e, id).resources.map((r) => [r.key, r.outcome]));

describe('evidence of a run', () => {
  test('one file per framework of the catalogue, each valid against docs/evidence.schema.json', () => {
    const ev = evidenceOf();
    expect(ev.map((e) => e.framework.id)).toEqual(FRAMEWORKS.map((f) => f.id));
    for (const e of ev) expect(valid(JSON.parse(JSON.stringify(e)))).toBe('');
  });

  test('each control maps to its rules and every evaluated resource with its outcome', () => {
    const nist = fw(evidenceOf(), 'NIST-800-53-R5');
    expect(nist.controls.map((c) => c.control)).toEqual(['AC-6', 'SC-12', 'SC-13', 'SC-28']);
    expect(outcomes(nist, 'NIST-800-53-R5:SC-28')).toEqual({
      'MyStack/Bucket1': 'non-compliant', 'MyStack/Bucket2': 'compliant', 'OtherStack/Topic': 'non-compliant', 'ThirdStack/Logs': 'compliant',
    });
    expect(control(nist, 'NIST-800-53-R5:SC-28').rules.map((r) => r.id)).toEqual(['aws-s3-bucket-encryption', 'aws-sns-topic-encryption']);
    expect(control(nist, 'NIST-800-53-R5:SC-28').counts).toEqual({ 'compliant': 2, 'non-compliant': 2, 'suppressed': 0, 'error': 0, 'not-evaluated': 0 });
    expect(control(nist, 'NIST-800-53-R5:SC-28').status).toBe('failing');
    // suppressed: the control passes, with the reason kept
    const sc12 = control(nist, 'NIST-800-53-R5:SC-12');
    expect(sc12.status).toBe('passing');
    expect(sc12.resources[0].outcome).toBe('suppressed');
    expect(sc12.resources[0].rules[0].findings[0].suppression?.reason).toBe('Imported key, rotation is managed by the security account.');
    expect(sc12.resources[0].constructPath).toBe('MyStack/Key/Resource');
    // a rule that threw is an error, a not-applicable pair is "not evaluated"
    expect(outcomes(nist, 'NIST-800-53-R5:AC-6')).toEqual({ 'MyStack/Role': 'error', 'MyStack/Role2': 'not-evaluated' });
    expect(nist.totals).toEqual({ controls: 4, failing: 3, passing: 1, notChecked: 0 });
    const pss = fw(evidenceOf(), 'PSS-restricted');
    expect(outcomes(pss, 'PSS-restricted:runAsNonRoot')).toEqual({ 'apps/Deployment/prod/web': 'non-compliant', 'batch/Job/prod/cron': 'not-evaluated', 'batch/Job/prod/migrate': 'compliant' });
    expect(outcomes(pss, 'PSS-baseline:none')).toEqual({ 'apps/Deployment/prod/web': 'suppressed', '/Service/prod/web': 'compliant' });
  });

  test('a control whose rules evaluated nothing is "not-checked", never passing', () => {
    const report = { ...fixtureReport(), evaluations: fixtureReport().evaluations.filter((e) => e.ruleId !== 'aws-iam-no-wildcard-actions'), findings: fixtureReport().findings.filter((f) => f.ruleId !== 'aws-iam-no-wildcard-actions') };
    const ac6 = control(fw(evidenceOf(report), 'NIST-800-53-R5'), 'NIST-800-53-R5:AC-6');
    expect(ac6.status).toBe('not-checked');
    expect(ac6.resources).toEqual([]);
    expect(ac6.rules[0].resourcesEvaluated).toBe(0);
  });

  test('a baselined (suppressed) finding wins over the engine evaluation', () => {
    const report = fixtureReport();
    const findings = report.findings.map((f) => (f.ruleId === 'aws-sns-topic-encryption' ? { ...f, status: 'suppressed' as const, suppression: { reason: 'accepted in baseline b.json', source: 'baseline' } } : f));
    expect(outcomes(fw(evidenceOf({ ...report, findings }), 'NIST-800-53-R5'), 'NIST-800-53-R5:SC-28')['OtherStack/Topic']).toBe('suppressed');
  });

  test('refuses a report without its evaluations (compliance cannot be shown from counts)', () => {
    expect(() => evidenceOf({ ...fixtureReport(), evaluations: [], evaluationCount: 12 })).toThrow(/recordEvaluations/);
  });

  test('run metadata: tool version, time, packs, options, summary', () => {
    const e = evidenceOf()[0];
    expect(e.run).toMatchObject({ tool: { name: 'secure-constructs', version: '1.2.3' }, generatedAt: '2026-01-02T03:04:05.000Z', packs: ['aws'], options: { failOn: 'error', unverified: 'warning' } });
    expect(e.run.summary.passed).toBe(false);
    expect(e.run.inputErrors).toEqual([]);
  });

  test('an incomplete run says so: its input errors are in the metadata', () => {
    const e = evidenceOf({ ...fixtureReport(), inputErrors: [{ file: 'dist/bad.yaml', line: 3, message: 'duplicate key' }] })[0];
    expect(e.run.inputErrors).toEqual([{ file: 'dist/bad.yaml', line: 3, message: 'duplicate key' }]);
    expect(e.run.summary.passed).toBe(false);
    expect(valid(JSON.parse(JSON.stringify(e)))).toBe('');
  });
});

describe('evidence CSV', () => {
  test('RFC 4180: every field quoted, quotes doubled, CRLF rows, newlines kept inside fields', () => {
    expect(toCsv([['a', 'say "hi"', 'two\nlines', null, 3]])).toBe('"a","say ""hi""","two\nlines","","3"\r\n');
    const e = fw(evidenceOf(), 'NIST-800-53-R5');
    const rows = parseCsv(toCsv(evidenceRows(e)));
    expect(rows[0]).toEqual(EVIDENCE_CSV_HEADER);
    const col = (name: string) => EVIDENCE_CSV_HEADER.indexOf(name);
    const bucket1 = rows.find((r) => r[col('control')] === 'SC-28' && r[col('resource_key')] === 'MyStack/Bucket1')!;
    expect(bucket1[col('rule_outcome')]).toBe('non-compliant');
    expect(bucket1[col('file')]).toBe('cdk.out/MyStack.template.json');
    expect(bucket1[col('line')]).toBe('12');
    // one row per (control, rule, resource)
    const jsonRows = e.controls.reduce((n, c) => n + c.resources.reduce((m, r) => m + r.rules.length, 0), 0);
    expect(rows.length - 1).toBe(jsonRows);
  });

  test('a cell a spreadsheet would run as a formula is defused', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvCell('plain')).toBe('"plain"');
  });
});

describe('input digests', () => {
  test('a file: sha256 of its bytes; a folder: sha256 of its sha256sum listing; a missing path says so', () => {
    const d = path.join(dir, 'inputs');
    fs.mkdirSync(path.join(d, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(d, 'b.json'), '{"b":1}');
    fs.writeFileSync(path.join(d, 'sub', 'a.yaml'), 'kind: Pod\n');
    fs.symlinkSync(path.join(d, 'b.json'), path.join(d, 'link.json'));
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const [file, folder, missing] = digestInputs([path.join(d, 'b.json'), d, path.join(d, 'nope')]);
    expect(file).toEqual({ path: path.join(d, 'b.json'), kind: 'file', sha256: sha('{"b":1}'), bytes: 7 });
    expect(folder.files).toEqual([{ path: 'b.json', sha256: sha('{"b":1}'), bytes: 7 }, { path: 'sub/a.yaml', sha256: sha('kind: Pod\n'), bytes: 10 }]);
    expect(folder.skipped).toEqual(['link.json']);
    expect(folder.sha256).toBe(sha(`${sha('{"b":1}')}  b.json\n${sha('kind: Pod\n')}  sub/a.yaml\n`));
    expect(missing).toEqual({ path: path.join(d, 'nope'), kind: 'missing', sha256: null, bytes: null });
  });
});

describe('the evidence folder', () => {
  test('writes <framework>.json, <framework>.csv and index.json with the sha256 of each file', () => {
    const out = path.join(dir, 'written');
    const index = writeEvidence(out, evidenceOf());
    expect(valid(JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')))).toBe('');
    expect(index.files.map((f) => f.file)).toContain('PCI-DSS-3.2.1.csv');
    expect(index.files).toHaveLength(FRAMEWORKS.length * 2);
    for (const f of index.files) {
      const bytes = fs.readFileSync(path.join(out, f.file));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      if (f.format === 'json') expect(valid(JSON.parse(bytes.toString('utf8')))).toBe('');
      else expect(() => parseCsv(bytes.toString('utf8'))).not.toThrow();
    }
  });

  test('secure-constructs check --evidence DIR: valid files for a real run, with the inputs hashed', () => {
    const yaml = path.join(dir, 'app.yaml');
    fs.writeFileSync(yaml, [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "x<img src=x onerror=alert(1)>"', '  namespace: shop', 'spec:', '  containers:', '    - name: app', '      image: nginx', '',
    ].join('\n'));
    const out = path.join(dir, 'cli-evidence');
    const r = run(['check', yaml, '--evidence', out, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    const index = JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8'));
    expect(valid(index)).toBe('');
    expect(index.run.inputs).toEqual([{ path: yaml, kind: 'file', sha256: createHash('sha256').update(fs.readFileSync(yaml)).digest('hex'), bytes: fs.statSync(yaml).size }]);
    expect(index.run.tool.version).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version);
    const pss = JSON.parse(fs.readFileSync(path.join(out, 'PSS-restricted.json'), 'utf8'));
    expect(valid(pss)).toBe('');
    expect(pss.totals.failing).toBeGreaterThan(0);
    const json = JSON.parse(r.stdout);
    // every open finding of the run is on a non-compliant resource of some control
    const nonCompliant = new Set<string>();
    for (const f of fs.readdirSync(out).filter((n) => n.endsWith('.json') && n !== 'index.json')) {
      for (const c of JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).controls) for (const res of c.resources) if (res.outcome === 'non-compliant') nonCompliant.add(res.key);
    }
    for (const f of json.findings.filter((x: any) => x.status === 'non-compliant' && x.controls.length > 0)) expect(nonCompliant).toContain(f.resource.key);
    // with a baseline: the baselined findings are suppressed, and the baseline file is hashed into the options
    const baseline = path.join(dir, 'baseline.json');
    expect(run(['check', yaml, '--baseline', baseline, '--update-baseline']).exitCode).toBe(0);
    const out2 = path.join(dir, 'cli-evidence-baseline');
    expect(run(['check', yaml, '--baseline', baseline, '--evidence', out2]).exitCode).toBe(0);
    const pss2 = JSON.parse(fs.readFileSync(path.join(out2, 'PSS-restricted.json'), 'utf8'));
    expect(valid(pss2)).toBe('');
    expect(pss2.run.options.baseline).toEqual({ path: baseline, kind: 'file', sha256: createHash('sha256').update(fs.readFileSync(baseline)).digest('hex'), bytes: fs.statSync(baseline).size });
    expect(pss2.totals.failing).toBe(0);
    expect(pss2.controls.some((c: any) => c.counts.suppressed > 0)).toBe(true);
  });
});
