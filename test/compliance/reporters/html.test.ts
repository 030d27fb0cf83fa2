import { createHash } from 'crypto';
import { fixtureReport, manyFindings } from './fixture';
import { XSS, hostileReport } from './hostile';
import { scriptJson, toHtml } from '../../../lib/compliance/reporters/html';
import { toJson } from '../../../lib/compliance/reporters/json';

function dataOf(html: string): any {
  const m = /<script type="application\/json" id="sc-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]);
}

describe('HTML dashboard (static checks)', () => {
  const html = toHtml(hostileReport(), { failOn: 'error', toolVersion: '1.2.3', problems: ['a <b>warning</b>'], generatedAt: new Date('2026-01-02T03:04:05Z') });

  test('self-contained: no external src, href, link, import or url(); a CSP forbids every load', () => {
    // report text is in the data as \u003c...: every `<` in the page is markup of ours
    expect(html).not.toMatch(/<[a-z][^<>]*\ssrc\s*=/i);
    for (const m of html.matchAll(/\shref\s*=\s*"([^"]*)"/gi)) expect(m[1]).toMatch(/^#[a-z-]+$/);
    expect(html).not.toMatch(/<link\b|@import|url\(|<iframe|<object|<embed/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(csp).toMatch(/^default-src &#39;none&#39;; /);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  test('the CSP allows exactly the page\'s own style and script (by sha256)', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&#39;/g, "'");
    const script = /<script>([\s\S]*)<\/script>\s*<\/body>/.exec(html)![1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${sha(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${sha(style)}'`);
  });

  test('report text cannot end the data element or add markup: exactly two </script>, no <img, <svg or <b> from data', () => {
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img|<svg|<b>|<!--/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=5&quot;&gt;');
  });

  test('the embedded data reads back exactly', () => {
    const d = dataOf(html);
    const f = d.findings.find((x: any) => x.m.startsWith('message'));
    expect(f.m).toBe(`message ${XSS} \u2028 & done`);
    expect(f.i).toBe(`id${XSS}`);
    expect(d.resources[f.x].name).toBe('<img src=x onerror="window.__xss=2">');
    expect(scriptJson({ s: '</script>\u2029&' })).toBe('{"s":"\\u003c/script\\u003e\\u2029\\u0026"}');
  });

  test('the data is the JSON report\'s: same summary, one finding per JSON finding', () => {
    const report = hostileReport();
    const json: any = toJson(report, { failOn: 'error', toolVersion: '1.2.3', problems: ['a <b>warning</b>'] });
    const d = dataOf(html);
    expect(d.summary).toEqual(json.summary);
    expect(d.findings).toHaveLength(json.findings.length);
    d.findings.forEach((f: any, i: number) => {
      const j = json.findings[i];
      expect([d.rules[f.r].id, d.resources[f.x].key, f.i, f.sev, f.st, f.m])
        .toEqual([j.ruleId, j.resource.key, j.findingId, j.severity, j.status, j.message]);
      expect(f.c ?? d.rules[f.r].controls).toEqual(j.controls);
      expect(f.rem ?? d.rules[f.r].remediation).toBe(j.remediation);
    });
  });

  test('the summary is rendered without script (verdict and counts)', () => {
    expect(html).toMatch(/<span id="verdict" class="verdict fail">FAILED<\/span>/);
    expect(html).toContain('<span class="n" id="sum-suppressed">2</span>');
  });

  test('10,000 findings: rules and resources are listed once (the page stays small)', () => {
    const big = { ...fixtureReport(), findings: manyFindings(10_000) };
    const out = toHtml(big, { failOn: 'error', toolVersion: '1.2.3' });
    const d = dataOf(out);
    expect(d.findings).toHaveLength(10_000);
    expect(d.rules.length).toBeLessThan(60);
    // the long remediation text is kept once per rule, not per finding
    expect(out.length).toBeLessThan(JSON.stringify(toJson(big, { failOn: 'error', toolVersion: '1.2.3' })).length * 0.6);
  });
});
