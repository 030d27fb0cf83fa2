import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
