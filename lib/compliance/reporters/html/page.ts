/** The dashboard page: a static skeleton with the summary rendered server-side, the data, the style and the script. */
import { createHash } from 'crypto';
import { DashboardData, escapeHtml, scriptJson } from './data';
import { DASHBOARD_JS } from './script';
import { DASHBOARD_CSS } from './style';

const SEVERITIES = ['error', 'warning', 'info'];
const PLANES: [string, string][] = [['aws', 'AWS (CloudFormation)'], ['k8s', 'Kubernetes']];

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/** The baseline line (`--baseline`): new, accepted and fixed findings, and the fixed entries. */
function baselineHtml(d: DashboardData): string {
  const b = d.baseline;
  if (!b) return '';
  const fixed = b.fixed.map((e: any) => `<li><code>${escapeHtml(e.findingId != null ? `${e.ruleId}[${e.findingId}]` : e.ruleId)}</code> on <code>${escapeHtml(e.resource)}</code></li>`).join('');
  return `<p id="baseline">Baseline <code>${escapeHtml(b.file)}</code>: <strong>${escapeHtml(b.new)}</strong> new, ${escapeHtml(b.accepted)} accepted (shown as suppressed), ${escapeHtml(b.fixed.length)} fixed since the baseline.</p>
${fixed ? `<details id="baseline-fixed"><summary>Fixed since the baseline (${escapeHtml(b.fixed.length)})</summary><ul>${fixed}</ul></details>` : ''}`;
}

/** The summary, rendered without script (readable in a mail client or with scripts off). */
function summaryHtml(d: DashboardData): string {
  const s = d.summary;
  const card = (n: unknown, label: string, id: string) => `<li><span class="n" id="sum-${id}">${escapeHtml(n)}</span><span class="l">${escapeHtml(label)}</span></li>`;
  const open = SEVERITIES.reduce((n, k) => n + (s.open?.[k] ?? 0), 0);
  const rows = PLANES.map(([p, label]) => {
    const c = d.byPlane[p] ?? {};
    const total = SEVERITIES.reduce((n, k) => n + (c[k] ?? 0), 0);
    return `<tr data-plane="${p}"><th scope="row">${label}</th>${SEVERITIES.map((k) => `<td class="num">${c[k] ?? 0}</td>`).join('')}<td class="num">${total}</td></tr>`;
  }).join('');
  return `<p><span id="verdict" class="verdict ${s.passed ? 'pass' : 'fail'}">${s.passed ? 'PASSED' : 'FAILED'}</span>
 ${escapeHtml(s.blocking)} finding(s) at or above --fail-on ${escapeHtml(s.failOn)}${s.inputErrors > 0 ? `; ${escapeHtml(s.inputErrors)} input error(s) (the run fails with exit 2)` : ''}</p>
${baselineHtml(d)}<ul class="cards">${card(s.resources, 'resources', 'resources')}${card(s.rules, 'rules', 'rules')}${card(s.evaluations, 'evaluations', 'evaluations')}${card(open, 'open findings', 'open')}${card(s.open?.error ?? 0, 'open errors', 'error')}${card(s.open?.warning ?? 0, 'open warnings', 'warning')}${card(s.open?.info ?? 0, 'open info', 'info')}${card(s.unverified, 'cannot verify', 'unverified')}${card(s.ruleErrors, 'rule errors', 'rule-errors')}${card(s.suppressed, 'suppressed', 'suppressed')}${card(s.unusedSuppressions, 'unused suppressions', 'unused')}${card(s.overrides, 'weakened defaults', 'overrides')}${card(s.inputErrors, 'input errors', 'input-errors')}</ul>
<div class="wrap"><table id="plane-table"><caption>Open findings by plane and severity</caption>
<thead><tr><th scope="col">Plane</th>${SEVERITIES.map((k) => `<th scope="col" class="num">${k}</th>`).join('')}<th scope="col" class="num">total</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function problemsHtml(d: DashboardData): string {
  if (d.inputErrors.length === 0 && d.problems.length === 0) return '';
  const errs = d.inputErrors.map((e: any) => `<li><code>${escapeHtml(e.file)}${e.line != null ? `:${escapeHtml(e.line)}` : ''}</code> ${escapeHtml(e.message)}</li>`).join('');
  const probs = d.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return `<section aria-labelledby="h-problems"><h2 id="h-problems">Input errors and warnings</h2>
${errs ? `<ul id="input-errors">${errs}</ul>` : ''}${probs ? `<ul id="problems">${probs}</ul>` : ''}</section>`;
}

/** The whole page. */
export function renderPage(d: DashboardData): string {
  const css = DASHBOARD_CSS;
  const js = DASHBOARD_JS;
  // nothing may be loaded from anywhere: only this page's own style and script run
  const csp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(js)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const inputs = d.inputs.length > 0 ? d.inputs.map((i) => `<code>${escapeHtml(i)}</code>`).join(', ') : '(none)';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${escapeHtml(`${d.tool?.name ?? 'secure-constructs'} ${d.tool?.version ?? ''}`)}">
<title>${escapeHtml(d.title)}</title>
<style>${css}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to the findings</a>
<header>
<h1>${escapeHtml(d.title)}</h1>
<p class="meta">${escapeHtml(d.tool?.name ?? 'secure-constructs')} ${escapeHtml(d.tool?.version ?? '')} · generated <time datetime="${escapeHtml(d.generatedAt)}">${escapeHtml(d.generatedAt)}</time>${d.framework ? ` · framework ${escapeHtml(d.framework)}` : ''}</p>
<p class="meta">Inputs: ${inputs}</p>
<nav aria-label="Sections"><ul><li><a href="#summary">Summary</a></li><li><a href="#frameworks">Frameworks</a></li><li><a href="#chart">Findings by rule</a></li><li><a href="#findings">Findings</a></li><li><a href="#suppressions">Suppressions</a></li><li><a href="#overrides">Weakened defaults</a></li><li><a href="#unused">Unused suppressions</a></li></ul></nav>
</header>
<main>
<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>
${summaryHtml(d)}
</section>
${problemsHtml(d)}
<noscript><p>The framework view, the filters and the finding lists need JavaScript; the JSON report holds the same data.</p></noscript>
<form id="filters" class="filters" role="search" aria-label="Filter the findings">
<label for="f-plane">Plane<select id="f-plane"><option value="">all planes</option><option value="aws">AWS</option><option value="k8s">Kubernetes</option></select></label>
<label for="f-severity">Severity<select id="f-severity"><option value="">all severities</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option></select></label>
<label for="f-status">Status<select id="f-status"><option value="">all statuses</option></select></label>
<label for="f-framework">Framework<select id="f-framework"><option value="">all frameworks</option></select></label>
<label for="f-q">Search (press /)<input id="f-q" type="search" placeholder="rule, resource, file, message, control" autocomplete="off"></label>
<button type="button" id="reset">Reset filters</button>
</form>
<p id="control-filter" class="count" hidden></p>
<p id="match-count" class="count" role="status" aria-live="polite"></p>
<section id="frameworks" aria-labelledby="h-frameworks"><h2 id="h-frameworks">Frameworks and controls</h2>
<div id="frameworks-box"></div>
<div id="controls-box"></div>
</section>
<section id="chart" class="chart" aria-labelledby="h-chart"><h2 id="h-chart">Findings by rule</h2>
<ul class="legend" aria-label="Legend"><li><span class="sw open"></span>open</li><li><span class="sw error"></span>rule error</li><li><span class="sw suppressed"></span>suppressed</li></ul>
<div id="chart-box"></div>
</section>
<section id="findings" aria-labelledby="h-findings" tabindex="-1"><h2 id="h-findings">Findings by resource</h2>
<div id="findings-box"></div>
<button type="button" id="more" hidden>Show more</button>
</section>
<section id="suppressions" aria-labelledby="h-suppressions"><h2 id="h-suppressions">Suppressions</h2>
<div id="suppressions-box"></div>
<h3 id="h-expired">Expired suppressions</h3>
<div id="expired-box"></div>
<div id="declared-box"></div>
</section>
<section id="overrides" aria-labelledby="h-overrides"><h2 id="h-overrides">Weakened secure defaults</h2>
<div id="overrides-box"></div>
</section>
<section id="unused" aria-labelledby="h-unused"><h2 id="h-unused">Unused suppressions</h2>
<div id="unused-box"></div>
</section>
</main>
<footer>Self-contained report: no network access, nothing loaded from elsewhere. The same data as the JSON report (docs/report-json.md).</footer>
<script type="application/json" id="sc-data">${scriptJson(d)}</script>
<script>${js}</script>
</body>
</html>
`;
}
