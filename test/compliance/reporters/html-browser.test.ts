/**
 * The dashboard in a real headless browser: it loads nothing, renders the report's numbers, the filters show
 * exactly the JSON report's counts, hostile report text stays text, keyboard navigation works, dark mode applies.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Browser, Page, chromium } from 'playwright-core';
import { fixtureReport, manyFindings } from './fixture';
import { hostileReport } from './hostile';
import { evidences, findFramework } from '../../../lib/compliance/frameworks';
import { CheckReport } from '../../../lib/compliance/model';
import { groupByControl } from '../../../lib/compliance/reporters/group';
import { toHtml, toHtmlFromJson } from '../../../lib/compliance/reporters/html';
import { toJson } from '../../../lib/compliance/reporters/json';
import { describeWithBrowser } from '../../util/browser';

// browser globals inside page.evaluate callbacks (the type-check has no DOM library)
declare const window: any;
declare const document: any;
declare const location: any;
declare const getComputedStyle: any;

describeWithBrowser('HTML dashboard in a headless browser', (executablePath) => {
  let browser: Browser;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  interface Opened { page: Page; errors: string[]; requests: string[]; url: string; close(): Promise<void> }
  async function open(report: CheckReport | { json: any }, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
    const file = path.join(dir, `report-${n++}.html`);
    fs.writeFileSync(file, 'json' in report ? toHtmlFromJson(report.json) : toHtml(report, { failOn: 'error', toolVersion: '1.2.3' }));
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]');
    return { page, errors, requests, url, close: () => context.close() };
  }
  const matchCount = async (page: Page) => Number(await page.getAttribute('#match-count', 'data-findings'));
  const findingRows = (page: Page) => page.locator('#findings-table tbody tr[data-status]').count();

  test('loads nothing but itself, runs without error, and shows the JSON report\'s summary', async () => {
    const report = hostileReport();
    const json: any = toJson(report, { failOn: 'error', toolVersion: '1.2.3' });
    const o = await open(report);
    try {
      expect(o.errors).toEqual([]);
      expect(o.requests).toEqual([o.url]);
      expect(await o.page.textContent('#verdict')).toBe(json.summary.passed ? 'PASSED' : 'FAILED');
      const card = async (id: string) => Number(await o.page.textContent(`#sum-${id}`));
      expect(await card('resources')).toBe(json.summary.resources);
      expect(await card('error')).toBe(json.summary.open.error);
      expect(await card('warning')).toBe(json.summary.open.warning);
      expect(await card('suppressed')).toBe(json.summary.suppressed);
      expect(await card('rule-errors')).toBe(json.summary.ruleErrors);
      expect(await card('unused')).toBe(json.summary.unusedSuppressions);
      for (const plane of ['aws', 'k8s']) {
        const cells = await o.page.locator(`#plane-table tr[data-plane=${plane}] td`).allTextContents();
        const openCount = (sev: string) => json.findings.filter((f: any) => f.platform === plane && f.status === 'non-compliant' && f.severity === sev).length;
        expect(cells.map(Number)).toEqual([openCount('error'), openCount('warning'), openCount('info'), openCount('error') + openCount('warning') + openCount('info')]);
      }
      // every finding is listed, grouped by resource
      expect(await matchCount(o.page)).toBe(json.findings.length);
      expect(await findingRows(o.page)).toBe(json.findings.length);
      expect(await o.page.locator('#findings-table tbody.group').count()).toBe(new Set(json.findings.map((f: any) => f.resource.key)).size);
      expect(await o.page.locator('#suppressions-table tbody tr').count()).toBe(json.summary.suppressed);
      expect(await o.page.locator('#overrides-table tbody tr').count()).toBe(json.overrides.length);
      expect(await o.page.locator('#unused-table tbody tr').count()).toBe(json.unusedSuppressions.length);
      expect(await o.page.locator('#chart-box svg rect').count()).toBeGreaterThan(0);
    } finally {
      await o.close();
    }
  });

  test('hostile report text renders as text: no element, no script run', async () => {
    const o = await open(hostileReport());
    try {
      expect(await o.page.evaluate(() => (window as any).__xss)).toBeUndefined();
      expect(await o.page.locator('img, [onerror], [onload]').count()).toBe(0);
      expect(await o.page.locator('#findings-table').textContent()).toContain('message </script><img src=x onerror="window.__xss=1"><!--<script>');
      expect(await o.page.locator('#findings-table').textContent()).toContain('<img src=x onerror="window.__xss=2">');
      expect(await o.page.locator('#input-errors').textContent()).toContain('bad<script>window.__xss=6</script>.yaml');
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  test('filters: the visible counts equal the JSON report\'s for every plane, severity, status and framework', async () => {
    const report = hostileReport();
    const json: any = toJson(report, { failOn: 'error', toolVersion: '1.2.3' });
    const o = await open(report);
    try {
      const check = async (select: string, value: string, pred: (f: any) => boolean) => {
        await o.page.selectOption(select, value);
        const expected = json.findings.filter(pred).length;
        expect([select, value, await matchCount(o.page)]).toEqual([select, value, expected]);
        expect([select, value, await findingRows(o.page)]).toEqual([select, value, expected]);
        await o.page.selectOption(select, '');
      };
      for (const p of ['aws', 'k8s']) await check('#f-plane', p, (f) => f.platform === p);
      for (const s of ['error', 'warning', 'info']) await check('#f-severity', s, (f) => f.severity === s);
      for (const s of ['non-compliant', 'suppressed', 'error']) await check('#f-status', s, (f) => f.status === s);
      const frameworks = await o.page.locator('#f-framework option').evaluateAll((options) => options.map((x) => (x as any).value).filter(Boolean));
      expect(frameworks).toEqual(expect.arrayContaining(['NIST-800-53-R5', 'PCI-DSS-3.2.1', 'HIPAA', 'PSS-restricted']));
      for (const id of frameworks) await check('#f-framework', id, (f) => evidences(f.controls, findFramework(id)!));
      // combined: open errors on AWS
      await o.page.selectOption('#f-plane', 'aws');
      await o.page.selectOption('#f-severity', 'error');
      await o.page.selectOption('#f-status', 'non-compliant');
      expect(await matchCount(o.page)).toBe(json.findings.filter((f: any) => f.platform === 'aws' && f.severity === 'error' && f.status === 'non-compliant').length);
      await o.page.click('#reset');
      expect(await matchCount(o.page)).toBe(json.findings.length);
      // text search (rule, resource, file, construct path, message, controls)
      await o.page.fill('#f-q', 'BUCKET1');
      await o.page.waitForFunction(() => document.getElementById('match-count')!.getAttribute('data-findings') !== String(9));
      expect(await matchCount(o.page)).toBe(json.findings.filter((f: any) => [f.resource.key, f.constructPath, f.message, f.file].join(' ').toLowerCase().includes('bucket1')).length);
    } finally {
      await o.close();
    }
  });

  test('framework view: controls checked and failing, with drill-down to rules and resources', async () => {
    const report = fixtureReport();
    const o = await open(report);
    try {
      await o.page.click('#frameworks-table button[data-framework="NIST-800-53-R5"]');
      const groups = groupByControl(report, 'NIST-800-53-R5');
      const failing = [...groups.entries()].filter(([, list]) => list.some((f) => f.status !== 'suppressed')).map(([c]) => c);
      expect(await o.page.locator('#controls-table tbody tr').count()).toBe(groups.size);
      const row = await o.page.locator('#frameworks-table tr[data-framework="NIST-800-53-R5"] td').allTextContents();
      expect(row.map(Number).slice(0, 3)).toEqual([groups.size, groups.size, failing.length]);
      expect(await o.page.locator('#controls-table td.sev-error').count()).toBe(failing.length);
      const sc28 = o.page.locator('#controls-table details[data-control="NIST-800-53-R5:SC-28"]');
      await sc28.locator('summary').click();
      const text = await sc28.textContent();
      expect(text).toContain('aws-s3-bucket-encryption');
      expect(text).toContain('aws-sns-topic-encryption');
      expect(text).toContain('MyStack/Bucket1');
      expect(text).toContain('OtherStack/Topic');
      expect(text).not.toContain('MyStack/Bucket2'); // compliant: not a failing resource
      // the framework is now the findings filter too
      expect(await matchCount(o.page)).toBe(report.findings.filter((f) => evidences(f.controls, findFramework('NIST-800-53-R5')!)).length);
      // "List its findings": only the findings against that control (not SC-2 for SC-28, nor the reverse)
      await sc28.locator('button[data-show-control]').click();
      expect(await matchCount(o.page)).toBe(report.findings.filter((f) => f.controls.includes('NIST-800-53-R5:SC-28')).length);
      expect(await o.page.textContent('#control-filter')).toContain('NIST-800-53-R5:SC-28');
      await o.page.click('#clear-control');
      expect(await o.page.isHidden('#control-filter')).toBe(true);
      expect(await matchCount(o.page)).toBe(report.findings.filter((f) => evidences(f.controls, findFramework('NIST-800-53-R5')!)).length);
    } finally {
      await o.close();
    }
  });

  test('keyboard: skip link, "/" to search, Escape to clear, Tab to a framework, Enter to open a control', async () => {
    const report = fixtureReport();
    const o = await open(report);
    const active = () => o.page.evaluate(() => { const a = document.activeElement as any; return a.id || a.className || a.tagName; });
    const tabTo = async (pred: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 60; i++) {
        await o.page.keyboard.press('Tab');
        if (await pred()) return;
      }
      throw new Error(`not reachable with Tab; focus is on ${await active()}`);
    };
    try {
      await o.page.keyboard.press('Tab');
      expect(await active()).toBe('skip');
      await o.page.keyboard.press('Enter');
      expect(await o.page.evaluate(() => location.hash)).toBe('#findings');
      await o.page.keyboard.press('/');
      expect(await active()).toBe('f-q');
      await o.page.keyboard.type('runAsNonRoot');
      await o.page.waitForFunction(() => document.getElementById('match-count')!.getAttribute('data-findings') === '2');
      await o.page.keyboard.press('Escape');
      expect(await matchCount(o.page)).toBe(report.findings.length);
      // a select changes with the keyboard
      await o.page.focus('#f-plane');
      await o.page.keyboard.press('ArrowDown');
      expect(await matchCount(o.page)).toBe(report.findings.filter((f) => f.platform === 'aws').length);
      await o.page.click('#reset');
      // Tab reaches a framework, Enter shows its controls, Tab + Enter opens a control's drill-down
      await tabTo(() => o.page.evaluate(() => (document.activeElement as any).getAttribute('data-framework') === 'PCI-DSS-3.2.1'));
      await o.page.keyboard.press('Enter');
      expect(await o.page.inputValue('#f-framework')).toBe('PCI-DSS-3.2.1');
      await tabTo(() => o.page.evaluate(() => document.activeElement!.tagName === 'SUMMARY'));
      await o.page.keyboard.press('Enter');
      expect(await o.page.locator('#controls-table details[open]').count()).toBe(1);
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  test('dark mode follows prefers-color-scheme', async () => {
    const dark = await open(fixtureReport(), 'dark');
    const light = await open(fixtureReport(), 'light');
    try {
      const bg = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await bg(dark.page)).toBe('rgb(13, 17, 23)');
      expect(await bg(light.page)).toBe('rgb(255, 255, 255)');
    } finally {
      await dark.close();
      await light.close();
    }
  });

  test('10,000 findings: counts stay exact, resources page in, filters still match the JSON', async () => {
    const report = { ...fixtureReport(), findings: [...fixtureReport().findings, ...manyFindings(10_000)] };
    const json: any = toJson(report, { failOn: 'error', toolVersion: '1.2.3' });
    const o = await open(report);
    try {
      expect(await matchCount(o.page)).toBe(json.findings.length);
      expect(await o.page.locator('#findings-table tbody.group').count()).toBe(200);
      await o.page.click('#more');
      expect(await o.page.locator('#findings-table tbody.group').count()).toBe(400);
      await o.page.selectOption('#f-status', 'suppressed');
      expect(await matchCount(o.page)).toBe(json.findings.filter((f: any) => f.status === 'suppressed').length);
      await o.page.selectOption('#f-severity', 'info');
      expect(await matchCount(o.page)).toBe(json.findings.filter((f: any) => f.status === 'suppressed' && f.severity === 'info').length);
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  test('expired and declared suppressions, when the report carries them (expires, state, file:line)', async () => {
    const json: any = toJson(fixtureReport(), { failOn: 'error', toolVersion: '1.2.3' });
    json.expiredSuppressions = [{ id: 'k8s-run-as-non-root', reason: 'until the base image is fixed', source: 'config', declaredAt: null, state: 'expired', suppressed: 0, expires: '2026-01-31', resources: null, file: '.secure-constructs.yaml', line: 7 }];
    json.suppressions = [
      ...json.expiredSuppressions,
      { id: 'aws-kms-key-rotation', reason: 'Imported key, rotation is managed by the security account.', source: 'construct', declaredAt: 'MyStack/Key', state: 'used', suppressed: 1, expires: null, resources: null, file: null, line: null },
    ];
    const o = await open({ json });
    try {
      const expired = await o.page.locator('#expired-table tbody tr td').allTextContents();
      expect(expired).toEqual(['until the base image is fixed', '2026-01-31', '.secure-constructs.yaml:7']);
      expect(await o.page.locator('#declared-table tbody tr').count()).toBe(2);
      expect(await o.page.locator('#declared-table tbody tr[data-state=used] td').allTextContents()).toEqual(['used', '1', 'Imported key, rotation is managed by the security account.', '', 'MyStack/Key']);
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  test('a report without findings renders and says so', async () => {
    const o = await open({ ...fixtureReport(), findings: [], unusedSuppressions: [], overrides: [] });
    try {
      expect(await o.page.textContent('#verdict')).toBe('PASSED');
      expect(await o.page.textContent('#findings-box')).toBe('No findings.');
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });
});
