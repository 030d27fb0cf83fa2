import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { SHOP_NAMESPACE, SHOP_WORKLOADS } from './fixtures';
import { run } from '../../lib/cli/main';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-reports-'));
  fs.mkdirSync(path.join(dir, 'app'));
  fs.writeFileSync(path.join(dir, 'app', 'workloads.yaml'), SHOP_NAMESPACE + SHOP_WORKLOADS);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function outputs(extra: string[] = []) {
  const out = path.join(dir, 'reports');
  fs.rmSync(out, { recursive: true, force: true });
  const r = run(['check', path.join(dir, 'app'), '--json', path.join(out, 'r.json'), '--sarif', path.join(out, 'r.sarif'), '--junit', path.join(out, 'r.xml'), '--markdown', path.join(out, 'r.md'), ...extra]);
  return {
    r,
    json: JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8')),
    sarif: JSON.parse(fs.readFileSync(path.join(out, 'r.sarif'), 'utf8')),
    junit: new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fs.readFileSync(path.join(out, 'r.xml'), 'utf8')),
    md: fs.readFileSync(path.join(out, 'r.md'), 'utf8'),
  };
}

describe('every report format from one run agrees', () => {
  test('JSON, SARIF, JUnit and Markdown counts match', () => {
    const { r, json, sarif, junit, md } = outputs();
    expect(r.exitCode).toBe(1);
    const findings = json.findings as any[];
    const open = findings.filter((f) => f.status !== 'suppressed');
    const suppressed = findings.filter((f) => f.status === 'suppressed');
    expect(open.length).toBeGreaterThan(3);
    expect(suppressed.length).toBeGreaterThan(0);

    // SARIF: one result per finding, suppressed ones carry the justification
    const results = sarif.runs[0].results as any[];
    expect(results).toHaveLength(findings.length);
    const sarifSuppressed = results.filter((x) => (x.suppressions ?? []).length > 0);
    expect(sarifSuppressed).toHaveLength(suppressed.length);
    expect(sarifSuppressed[0].suppressions[0].justification).toBe('debug pod, deleted after the incident');
    expect(results.filter((x) => x.level === 'error' && !(x.suppressions ?? []).length)).toHaveLength(json.summary.open.error + json.summary.ruleErrors);

    // JUnit: one case per evaluated (rule, resource); failures = (rule, resource) pairs with an open finding
    const suites = ([] as any[]).concat(junit.testsuites.testsuite);
    const cases = suites.flatMap((s) => ([] as any[]).concat(s.testcase ?? []));
    const failing = new Set(open.map((f) => `${f.ruleId}|${f.resource.key}`));
    expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(failing.size);
    expect(Number(junit.testsuites.failures)).toBe(failing.size);
    expect(cases.filter((c) => c.skipped !== undefined).length).toBeGreaterThan(0);
    expect(Number(junit.testsuites.tests)).toBe(cases.length);

    // Markdown: the same totals
    expect(md).toContain(`| **total** | **${open.length}** | **${suppressed.length}** | **0** |`);
    expect(md).toContain('debug pod, deleted after the incident');
  });

  test('--framework filters rules and groups results by control', () => {
    const { json, md } = outputs(['--framework', 'PSS-baseline']);
    expect(json.rules.every((x: any) => x.controls.some((c: string) => c.startsWith('PSS-baseline:')))).toBe(true);
    expect(json.byControl.map((c: any) => c.control)).toContain('PSS-baseline:privileged');
    expect(json.byControl.find((c: any) => c.control === 'PSS-baseline:privileged').nonCompliant).toBe(1);
    expect(md).toContain('Results by control: PSS-baseline');
  });
});

describe('baseline', () => {
  test('applied once: every report (console, JSON, SARIF, JUnit, Markdown, dashboard, evidence) reads the same judged report', () => {
    const baseline = path.join(dir, 'one-step-baseline.json');
    expect(run(['check', path.join(dir, 'app'), '--baseline', baseline, '--update-baseline']).exitCode).toBe(0);
    // one accepted finding is then fixed (its entry is edited to a resource that no longer exists)
    const file = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    const total = file.entries.length;
    file.entries[0] = { ruleId: file.entries[0].ruleId, resource: 'Pod/shop/removed-since' };
    fs.writeFileSync(baseline, JSON.stringify(file));
    const out = path.join(dir, 'one-step');
    const html = path.join(out, 'dashboard.html');
    const evidence = path.join(out, 'evidence');
    const { r, json, sarif, junit, md } = outputs(['--baseline', baseline, '--html', html, '--evidence', evidence]);
    // one open finding is new (its entry was replaced): the run fails on exactly that one
    expect(r.exitCode).toBe(1);
    const ajv = new Ajv({ allErrors: true });
    expect(ajv.validate(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'report.schema.json'), 'utf8')), json) ? [] : ajv.errors).toEqual([]);
    expect(json.baseline).toMatchObject({ file: baseline, entries: total, new: 1, accepted: total - 1 });
    expect(json.baseline.fixed).toEqual([expect.objectContaining({ resource: 'Pod/shop/removed-since', findingId: null })]);
    const open = json.findings.filter((f: any) => f.status !== 'suppressed');
    expect(open.map((f: any) => f.baselineState)).toEqual(['new']);
    const accepted = json.findings.filter((f: any) => f.suppression?.source === 'baseline');
    expect(accepted).toHaveLength(total - 1);
    expect(accepted.every((f: any) => f.baselineState === 'unchanged' && f.suppression.reason === 'accepted in baseline one-step-baseline.json')).toBe(true);
    expect(json.findings.every((f: any) => f.baselineState === 'new' || f.baselineState === 'unchanged')).toBe(true);
    expect(json.summary).toMatchObject({ blocking: 1, passed: false });

    // console: the same counts and the fixed entry
    expect(r.stdout).toContain(`Baseline ${baseline}: 1 new, ${total - 1} accepted (reported as suppressed), 1 fixed since the baseline`);
    expect(r.stdout).toContain('fixed: ');
    expect(r.stdout).toContain('FAILED: 1 finding(s) at or above error');
    // SARIF: a state on every result, the accepted ones suppressed, the fixed entry absent
    const results = sarif.runs[0].results as any[];
    expect(results).toHaveLength(json.findings.length + 1);
    expect(results.filter((x) => x.baselineState === 'absent')).toHaveLength(1);
    expect(results.filter((x) => x.baselineState === 'unchanged' && x.suppressions[0]?.properties.source === 'baseline')).toHaveLength(total - 1);
    expect(results.filter((x) => x.baselineState === 'new' && x.suppressions.length === 0)).toHaveLength(1);
    // JUnit: the accepted findings are skipped, the new one is the only failure
    expect(Number(junit.testsuites.failures)).toBe(new Set(open.map((f: any) => `${f.ruleId}|${f.resource.key}`)).size);
    // Markdown: the same verdict and counts
    expect(md.split('\n')[0]).toBe('## ❌ secure-constructs: failed — 1 new finding at or above `error`');
    expect(md).toContain(`**1** new, ${total - 1} accepted (reported as suppressed), 1 fixed since the baseline`);
    // dashboard: the embedded report is the same JSON report; evidence: the accepted findings are suppressed
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain(`<strong>1</strong> new, ${total - 1} accepted (shown as suppressed), 1 fixed since the baseline.`);
    const pss = JSON.parse(fs.readFileSync(path.join(evidence, 'PSS-restricted.json'), 'utf8'));
    expect(pss.run.summary).toEqual(json.summary);
    const ev = pss.controls.flatMap((c: any) => c.resources.flatMap((x: any) => x.rules.flatMap((y: any) => y.findings)));
    expect(ev.filter((f: any) => f.suppression?.source === 'baseline').length).toBeGreaterThan(0);
    expect(ev.filter((f: any) => f.status !== 'suppressed').every((f: any) => open.some((o: any) => o.message === f.message))).toBe(true);
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('an unchanged input has zero new findings; one new violating resource fails with exactly that finding', () => {
    const baseline = path.join(dir, 'baseline.json');
    const w = run(['check', path.join(dir, 'app'), '--baseline', baseline, '--update-baseline']);
    expect(w.exitCode).toBe(0);
    const again = run(['check', path.join(dir, 'app'), '--baseline', baseline, '--format', 'json']);
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout).summary.blocking).toBe(0);

    // a new resource in a new file, listed before the others: fingerprints of the old findings do not move
    fs.writeFileSync(path.join(dir, 'app', 'a-new.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: new, namespace: shop }\nspec:\n  hostPID: true\n  containers: [{ name: c, image: "busybox@sha256:' + 'c'.repeat(64) + '", securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, seccompProfile: { type: RuntimeDefault }, readOnlyRootFilesystem: true }, resources: { requests: { cpu: 10m, memory: 10Mi }, limits: { memory: 10Mi } } }]\n  serviceAccountName: new\n  automountServiceAccountToken: false\n');
    try {
      const after = run(['check', path.join(dir, 'app'), '--baseline', baseline, '--format', 'json']);
      expect(after.exitCode).toBe(1);
      const blocking = JSON.parse(after.stdout).findings.filter((f: any) => f.status !== 'suppressed' && f.severity === 'error');
      expect(blocking.map((f: any) => `${f.ruleId} ${f.resource.key}`)).toEqual(['k8s-pss-host-namespaces Pod/shop/new']);
    } finally {
      fs.rmSync(path.join(dir, 'app', 'a-new.yaml'));
    }
  });
});
