/** `check --html FILE --evidence DIR`: the dashboard and the evidence of a real run agree with its JSON report. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { SHOP_WORKLOADS } from './fixtures';
import { run } from '../../lib/cli/main';
import { describeWithBrowser } from '../util/browser';

let dir: string;
let json: any;
const html = () => path.join(dir, 'out', 'dashboard.html');
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-dashboard-'));
  fs.mkdirSync(path.join(dir, 'app'));
  fs.writeFileSync(path.join(dir, 'app', 'workloads.yaml'), SHOP_WORKLOADS);
  const r = run(['check', path.join(dir, 'app'), '--json', path.join(dir, 'out', 'report.json'), '--html', html(), '--evidence', path.join(dir, 'out', 'evidence')]);
  expect(r.exitCode).toBe(1);
  json = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secure-constructs check --html / --evidence', () => {
  test('the dashboard embeds the run\'s JSON report data', () => {
    const page = fs.readFileSync(html(), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="sc-data">([\s\S]*?)<\/script>/.exec(page)![1]);
    expect(data.summary).toEqual(json.summary);
    expect(data.findings).toHaveLength(json.findings.length);
    expect(json.summary.suppressed).toBe(1);
  });

  test('evidence for every framework, or only the --framework one', () => {
    const all = fs.readdirSync(path.join(dir, 'out', 'evidence'));
    expect(all).toEqual(expect.arrayContaining(['index.json', 'NIST-800-53-R5.json', 'NIST-800-53-R5.csv', 'PSS-restricted.json', 'HIPAA.csv']));
    const one = path.join(dir, 'out', 'evidence-pss');
    run(['check', path.join(dir, 'app'), '--framework', 'PSS-restricted', '--evidence', one]);
    expect(fs.readdirSync(one).sort()).toEqual(['PSS-restricted.csv', 'PSS-restricted.json', 'index.json']);
    expect(JSON.parse(fs.readFileSync(path.join(one, 'index.json'), 'utf8')).run.framework).toBe('PSS-restricted');
  });

  test('usage errors', () => {
    expect(run(['check', 'x', '--format', 'html']).stderr).toContain('--format html writes a file: use --html FILE');
    expect(run(['check', 'x', '--html']).stderr).toContain('--html needs a value');
    expect(run(['check', 'x', '--evidence']).stderr).toContain('--evidence needs a value');
  });
});

describeWithBrowser('the CLI\'s dashboard in a headless browser', (executablePath) => {
  test('clicking through the filters shows the JSON report\'s counts', async () => {
    const browser = await chromium.launch({ executablePath });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(html()).href);
      await page.waitForSelector('body[data-ready=true]');
      const count = async () => Number(await page.getAttribute('#match-count', 'data-findings'));
      expect(await count()).toBe(json.findings.length);
      for (const status of ['non-compliant', 'suppressed']) {
        await page.selectOption('#f-status', status);
        expect(await count()).toBe(json.findings.filter((f: any) => f.status === status).length);
        expect(await page.locator('#findings-table tbody tr[data-status]').count()).toBe(json.findings.filter((f: any) => f.status === status).length);
      }
      await page.selectOption('#f-status', '');
      for (const sev of ['error', 'warning', 'info']) {
        await page.selectOption('#f-severity', sev);
        expect(await count()).toBe(json.findings.filter((f: any) => f.severity === sev).length);
      }
      await page.selectOption('#f-severity', '');
      await page.selectOption('#f-framework', 'PSS-baseline');
      expect(await count()).toBe(json.findings.filter((f: any) => f.controls.some((c: string) => c.startsWith('PSS-baseline:'))).length);
      expect(await page.textContent('#sum-suppressed')).toBe(String(json.summary.suppressed));
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
