/**
 * Dashboard and evidence benchmark: a report of N findings (N resources, 40 rules, both planes).
 *   tsx bench/dashboard-case.ts <findings>
 * Prints one JSON line: the HTML's generation time and size, the evidence's build + write time, and (when chromium
 * is installed) the time until the page has rendered in headless chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { compiled } from './compiled';
import type { CheckReport, Evaluation, Finding, RuleInfo } from '../lib/compliance/model';

const { toHtml } = compiled<typeof import('../lib/compliance/reporters/html')>('compliance/reporters/html');
const { buildEvidence, writeEvidence } = compiled<typeof import('../lib/compliance/reporters/evidence')>('compliance/reporters/evidence');

const n = Number(process.argv[2] ?? 10000);
const rules: RuleInfo[] = Array.from({ length: 40 }, (_, i) => ({
  id: `bench-rule-${i}`, title: `Bench rule ${i}`, description: 'A rule of the benchmark.', severity: (['error', 'warning', 'info'] as const)[i % 3],
  platform: i % 2 === 0 ? 'aws' : 'k8s', appliesTo: ['X'], remediation: 'Set the secure value (a sentence of about the usual length of a remediation).',
  controls: ['NIST-800-53-R5:SC-28', `NIST-800-53-R5:AC-${i % 20}`, `PCI-DSS-3.2.1:${i % 12}.1`, `HIPAA:164.312(a)(${i % 3})`],
}));
const findings: Finding[] = [];
const evaluations: Evaluation[] = [];
for (let i = 0; i < n; i++) {
  const r = rules[i % 40];
  const key = r.platform === 'aws' ? `Stack${i % 9}/Resource${i}` : `apps/Deployment/team-${i % 50}/web-${i}`;
  const suppressed = i % 10 === 9;
  findings.push({
    ruleId: r.id, findingId: `container:app-${i}`, title: r.title, severity: r.severity, status: suppressed ? 'suppressed' : 'non-compliant', platform: r.platform,
    source: 'secure-constructs', resource: { type: r.platform === 'aws' ? 'AWS::S3::Bucket' : 'Deployment', key, name: key.split('/').slice(-1)[0] },
    constructPath: `Stack${i % 9}/Construct${i}/Resource`, file: r.platform === 'aws' ? `cdk.out/Stack${i % 9}.template.json` : 'dist/app.k8s.yaml', line: i + 1,
    message: `Resource ${i} does not set the secure value of property number ${i % 17}, which the rule requires.`, remediation: r.remediation, controls: r.controls,
    suppression: suppressed ? { reason: 'Accepted: the data is public by design (ticket SEC-1234).', source: 'metadata' } : undefined,
  });
  evaluations.push({ ruleId: r.id, resourceKey: key, outcome: suppressed ? 'suppressed' : 'non-compliant', platform: r.platform });
  evaluations.push({ ruleId: rules[(i + 1) % 40].id, resourceKey: key, outcome: 'compliant', platform: r.platform });
}
const report: CheckReport = { findings, evaluations, unusedSuppressions: [], overrides: [], rules, resourceCount: n, inputs: ['cdk.out', 'dist'] };

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-dashboard-'));
  try {
    let t = process.hrtime.bigint();
    const html = toHtml(report, { failOn: 'error', toolVersion: 'bench' });
    const htmlMs = Number(process.hrtime.bigint() - t) / 1e6;
    const file = path.join(dir, 'dashboard.html');
    fs.writeFileSync(file, html);
    t = process.hrtime.bigint();
    writeEvidence(path.join(dir, 'evidence'), buildEvidence(report, { toolVersion: 'bench', failOn: 'error', inputs: [] }));
    const evidenceMs = Number(process.hrtime.bigint() - t) / 1e6;
    const evidenceMb = fs.readdirSync(path.join(dir, 'evidence')).reduce((s, f) => s + fs.statSync(path.join(dir, 'evidence', f)).size, 0) / 1048576;
    let renderMs: number | null = null;
    const chromium = ['/usr/bin/chromium', process.env.CHROMIUM_PATH].find((p) => p && fs.existsSync(p));
    if (chromium) {
      const { chromium: pw } = await import('playwright-core');
      const browser = await pw.launch({ executablePath: chromium });
      try {
        const page = await browser.newPage();
        t = process.hrtime.bigint();
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-ready=true]');
        renderMs = Number(process.hrtime.bigint() - t) / 1e6;
      } finally {
        await browser.close();
      }
    }
    console.log(JSON.stringify({ findings: n, htmlMs: Math.round(htmlMs), htmlMb: +(html.length / 1048576).toFixed(2), evidenceMs: Math.round(evidenceMs), evidenceMb: +evidenceMb.toFixed(1), renderMs: renderMs === null ? null : Math.round(renderMs) }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
