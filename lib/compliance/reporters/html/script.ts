/**
 * The dashboard's script (inline, plain DOM, no library). It reads the embedded JSON and renders every list with
 * textContent / setAttribute only: no report value is ever parsed as HTML.
 */
export const DASHBOARD_JS = String.raw`(function () {
'use strict';
var D = JSON.parse(document.getElementById('sc-data').textContent);
var PAGE = 200;
var SEV_RANK = { error: 3, warning: 2, info: 1 };
var STATUS_LABEL = { 'non-compliant': 'open', suppressed: 'suppressed', error: 'rule error' };
var SVGNS = 'http://www.w3.org/2000/svg';

function $(id) { return document.getElementById(id); }
function el(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) for (var k in attrs) {
    var v = attrs[k];
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  if (children) for (var i = 0; i < children.length; i++) {
    var c = children[i];
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return e;
}
function svg(tag, attrs) {
  var e = document.createElementNS(SVGNS, tag);
  for (var k in attrs) if (k === 'text') e.textContent = String(attrs[k]); else e.setAttribute(k, String(attrs[k]));
  return e;
}
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
function th(text, attrs) { var a = attrs || {}; a.text = text; if (!a.scope) a.scope = 'col'; return el('th', a); }
function td(content, cls) { var e = el('td', cls ? { class: cls } : null); if (typeof content === 'object' && content) e.appendChild(content); else e.textContent = content === undefined || content === null ? '' : String(content); return e; }
function table(caption, headers, id) {
  var t = el('table', id ? { id: id } : null);
  t.appendChild(el('caption', { text: caption }));
  var tr = el('tr');
  headers.forEach(function (h) { tr.appendChild(typeof h === 'string' ? th(h) : th(h[0], { class: h[1] })); });
  t.appendChild(el('thead', null, [tr]));
  var body = el('tbody');
  t.appendChild(body);
  return { table: t, body: body };
}
function controlsOf(f) { return f.c || D.rules[f.r].controls; }
function prefix(c) { var i = c.indexOf(':'); return i < 0 ? c : c.slice(0, i); }
function framework(id) { for (var i = 0; i < D.frameworks.length; i++) if (D.frameworks[i].id === id) return D.frameworks[i]; return null; }
function inFramework(controls, fw) { for (var i = 0; i < controls.length; i++) if (fw.prefixes.indexOf(prefix(controls[i])) >= 0) return true; return false; }
function where(res) {
  var parts = [];
  if (res.file) parts.push(res.file + (res.line ? ':' + res.line : ''));
  if (res.constructPath) parts.push('construct ' + res.constructPath);
  return parts.join(' \u00b7 ');
}
function cmpControl(a, b) { return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0); }

// ---- search text, computed once per finding
var haystack = D.findings.map(function (f) {
  var r = D.rules[f.r], x = D.resources[f.x];
  return [r.id, r.title, f.i || '', f.m, x.key, x.type, x.name, x.file || '', x.constructPath || '', controlsOf(f).join(' '), f.s ? String(f.s.reason || '') : ''].join('\n').toLowerCase();
});

// ---- filters
var F = { plane: $('f-plane'), severity: $('f-severity'), status: $('f-status'), framework: $('f-framework'), q: $('f-q') };
function addOptions(select, values) { values.forEach(function (v) { select.appendChild(el('option', { value: v[0], text: v[1] })); }); }
(function initFilters() {
  var statuses = [];
  D.findings.forEach(function (f) { if (statuses.indexOf(f.st) < 0) statuses.push(f.st); });
  ['non-compliant', 'suppressed', 'error'].forEach(function (s) { if (statuses.indexOf(s) < 0) statuses.push(s); });
  addOptions(F.status, statuses.map(function (s) { return [s, STATUS_LABEL[s] || s]; }));
  var fws = D.frameworks.filter(function (fw) { return D.rules.some(function (r) { return inFramework(r.controls, fw); }); });
  addOptions(F.framework, fws.map(function (fw) { return [fw.id, fw.title]; }));
  if (D.framework && framework(D.framework)) F.framework.value = D.framework;
})();

var controlFilter = '';
function matches(f, k, st) {
  if (st.control && controlsOf(f).indexOf(st.control) < 0) return false;
  if (st.plane && D.rules[f.r].platform !== st.plane) return false;
  if (st.severity && f.sev !== st.severity) return false;
  if (st.status && f.st !== st.status) return false;
  if (st.fw && !inFramework(controlsOf(f), st.fw)) return false;
  if (st.q && haystack[k].indexOf(st.q) < 0) return false;
  return true;
}
function state() {
  return { control: controlFilter, plane: F.plane.value, severity: F.severity.value, status: F.status.value, fw: F.framework.value ? framework(F.framework.value) : null, q: F.q.value.trim().toLowerCase() };
}

// ---- findings grouped by resource
var shownGroups = PAGE;
var lastGroups = [];
function renderFindings(list) {
  var groups = new Map();
  list.forEach(function (k) {
    var f = D.findings[k];
    var g = groups.get(f.x);
    if (!g) { g = { x: f.x, items: [], worst: 0 }; groups.set(f.x, g); }
    g.items.push(k);
    var rank = f.st === 'suppressed' ? 0 : SEV_RANK[f.sev] || 3;
    if (rank > g.worst) g.worst = rank;
  });
  lastGroups = Array.from(groups.values()).sort(function (a, b) {
    return b.worst - a.worst || (D.resources[a.x].key < D.resources[b.x].key ? -1 : D.resources[a.x].key > D.resources[b.x].key ? 1 : 0);
  });
  var count = $('match-count');
  count.setAttribute('data-findings', String(list.length));
  count.setAttribute('data-resources', String(lastGroups.length));
  count.textContent = list.length + ' of ' + D.findings.length + ' findings match, on ' + lastGroups.length + ' resources';
  var box = $('findings-box');
  clear(box);
  if (list.length === 0) { box.appendChild(el('p', { class: 'empty', text: D.findings.length === 0 ? 'No findings.' : 'No finding matches the filters.' })); $('more').hidden = true; return; }
  var t = table('Findings grouped by resource (severity, status, rule, finding, message, controls)', ['Severity', 'Status', 'Rule', 'Finding', 'Message', 'Controls'], 'findings-table');
  t.table.removeChild(t.body);
  var n = Math.min(shownGroups, lastGroups.length);
  for (var gi = 0; gi < n; gi++) {
    var g = lastGroups[gi], res = D.resources[g.x];
    var body = el('tbody', { class: 'group' });
    var head = el('th', { scope: 'rowgroup', colspan: '6' }, [res.type + ' ' + res.name, el('span', { class: 'res-meta', text: res.key + (where(res) ? ' \u00b7 ' + where(res) : '') })]);
    body.appendChild(el('tr', null, [head]));
    g.items.forEach(function (k) {
      var f = D.findings[k], r = D.rules[f.r];
      var tr = el('tr', { 'data-status': f.st });
      tr.appendChild(td(f.sev + (f.u ? ' (cannot verify)' : ''), 'sev-' + f.sev));
      var st = td(STATUS_LABEL[f.st] || f.st, 'st-' + f.st);
      if (f.s) st.appendChild(el('span', { class: 'res-meta', text: 'reason: ' + String(f.s.reason || '') }));
      tr.appendChild(st);
      var rc = el('td', null, [el('code', { text: r.id }), el('span', { class: 'res-meta', text: r.title + (r.source !== 'secure-constructs' ? ' (' + r.source + ')' : '') })]);
      tr.appendChild(rc);
      tr.appendChild(td(f.i || ''));
      var mc = el('td', null, [f.m]);
      var rem = f.rem !== undefined ? f.rem : r.remediation;
      if (rem) mc.appendChild(el('span', { class: 'res-meta', text: 'Fix: ' + rem }));
      tr.appendChild(mc);
      tr.appendChild(td(controlsOf(f).join(', ')));
      body.appendChild(tr);
    });
    t.table.appendChild(body);
  }
  box.appendChild(el('div', { class: 'wrap' }, [t.table]));
  var more = $('more');
  more.hidden = n >= lastGroups.length;
  more.textContent = 'Show ' + Math.min(PAGE, lastGroups.length - n) + ' more resources (' + n + ' of ' + lastGroups.length + ' shown)';
}

// ---- chart: findings by rule (the filtered findings)
function renderChart(list) {
  var per = new Map();
  list.forEach(function (k) {
    var f = D.findings[k];
    var c = per.get(f.r);
    if (!c) { c = { r: f.r, open: 0, suppressed: 0, error: 0, total: 0 }; per.set(f.r, c); }
    if (f.st === 'suppressed') c.suppressed++; else if (f.st === 'error') c.error++; else c.open++;
    c.total++;
  });
  var rows = Array.from(per.values()).sort(function (a, b) { return b.total - a.total || (D.rules[a.r].id < D.rules[b.r].id ? -1 : 1); });
  var top = rows.slice(0, 25);
  var box = $('chart-box');
  clear(box);
  if (top.length === 0) { box.appendChild(el('p', { class: 'empty', text: 'No finding to chart.' })); return; }
  var max = top[0].total, rowH = 22, labelW = 330, barW = 560, h = top.length * rowH + 10;
  var s = svg('svg', { viewBox: '0 0 ' + (labelW + barW + 70) + ' ' + h, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
  s.appendChild(svg('title', { id: 'chart-title', text: 'Findings by rule' }));
  s.appendChild(svg('desc', { id: 'chart-desc', text: 'Bar chart of the ' + top.length + ' rules with the most matching findings (of ' + rows.length + '); the table below holds the same numbers.' }));
  top.forEach(function (c, i) {
    var y = 5 + i * rowH, x = labelW, id = D.rules[c.r].id;
    s.appendChild(svg('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end', text: id.length > 48 ? id.slice(0, 47) + '\u2026' : id }));
    [['open', c.open], ['error', c.error], ['suppressed', c.suppressed]].forEach(function (p) {
      if (!p[1]) return;
      var w = Math.max(1, (p[1] / max) * barW);
      var rect = svg('rect', { x: x, y: y + 3, width: w, height: rowH - 6, class: 'bar-' + p[0] });
      rect.appendChild(svg('title', { text: id + ': ' + p[1] + ' ' + p[0] }));
      s.appendChild(rect);
      x += w;
    });
    s.appendChild(svg('text', { x: x + 6, y: y + 14, text: String(c.total) }));
  });
  box.appendChild(s);
  var t = table('Findings by rule (the chart as a table)', ['Rule', ['Open', 'num'], ['Rule errors', 'num'], ['Suppressed', 'num'], ['Total', 'num']], 'chart-table');
  rows.forEach(function (c) {
    t.body.appendChild(el('tr', null, [el('th', { scope: 'row' }, [el('code', { text: D.rules[c.r].id })]), td(c.open, 'num'), td(c.error, 'num'), td(c.suppressed, 'num'), td(c.total, 'num')]));
  });
  box.appendChild(el('details', null, [el('summary', { text: 'Chart data (' + rows.length + ' rules)' }), el('div', { class: 'wrap' }, [t.table])]));
}

// ---- framework view
function controlView(fw) {
  var controls = new Map();
  function ctl(c) { var v = controls.get(c); if (!v) { v = { id: c, rules: [], open: 0, suppressed: 0, error: 0, failing: new Map() }; controls.set(c, v); } return v; }
  D.rules.forEach(function (r, ri) { r.controls.forEach(function (c) { if (fw.prefixes.indexOf(prefix(c)) >= 0) { var v = ctl(c); if (v.rules.indexOf(ri) < 0) v.rules.push(ri); } }); });
  D.findings.forEach(function (f) {
    var seen = {};
    controlsOf(f).forEach(function (c) {
      if (seen[c] || fw.prefixes.indexOf(prefix(c)) < 0) return;
      seen[c] = true;
      var v = ctl(c);
      if (v.rules.indexOf(f.r) < 0) v.rules.push(f.r);
      if (f.st === 'suppressed') v.suppressed++; else { if (f.st === 'error') v.error++; else v.open++; v.failing.set(f.x, (v.failing.get(f.x) || 0) + 1); }
    });
  });
  return Array.from(controls.values()).map(function (v) {
    v.checked = v.rules.some(function (ri) { return D.rules[ri].decided; });
    return v;
  }).sort(function (a, b) { return cmpControl(a.id, b.id); });
}
function renderFrameworks() {
  var t = table('Frameworks: controls evidenced by the rules of this run', ['Framework', ['Controls', 'num'], ['Checked', 'num'], ['Failing', 'num'], ['Open findings', 'num'], ['Suppressed', 'num']], 'frameworks-table');
  D.frameworks.forEach(function (fw) {
    var view = controlView(fw);
    if (view.length === 0) return;
    var open = 0, sup = 0;
    D.findings.forEach(function (f) { if (inFramework(controlsOf(f), fw)) { if (f.st === 'suppressed') sup++; else open++; } });
    var b = el('button', { type: 'button', 'data-framework': fw.id, text: fw.title });
    b.addEventListener('click', function () { F.framework.value = fw.id; update(); $('controls-box').scrollIntoView(); var c = $('controls-table'); if (c) c.focus(); });
    t.body.appendChild(el('tr', { 'data-framework': fw.id }, [el('th', { scope: 'row' }, [b]), td(view.length, 'num'), td(view.filter(function (v) { return v.checked; }).length, 'num'),
      td(view.filter(function (v) { return v.open + v.error > 0; }).length, 'num'), td(open, 'num'), td(sup, 'num')]));
  });
  var box = $('frameworks-box');
  clear(box);
  box.appendChild(t.body.childNodes.length ? el('div', { class: 'wrap' }, [t.table]) : el('p', { class: 'empty', text: 'No rule of this run evidences a framework control.' }));
}
function renderControls() {
  var box = $('controls-box');
  clear(box);
  var fw = F.framework.value ? framework(F.framework.value) : null;
  if (!fw) { box.appendChild(el('p', { class: 'empty', text: 'Choose a framework (filter above, or a framework in the table) to list its controls.' })); return; }
  var view = controlView(fw);
  var t = table(fw.title + ': ' + view.length + ' controls, ' + view.filter(function (v) { return v.open + v.error > 0; }).length + ' failing (open the control for its rules and resources)',
    ['Control', 'Status', ['Rules', 'num'], ['Open', 'num'], ['Rule errors', 'num'], ['Suppressed', 'num']], 'controls-table');
  t.table.setAttribute('tabindex', '-1');
  view.forEach(function (v) {
    var status = v.open + v.error > 0 ? 'failing' : v.checked ? (v.suppressed > 0 ? 'passing (with suppressions)' : 'passing') : 'not checked (no rule evaluated a resource)';
    var det = el('details', { 'data-control': v.id }, [el('summary', null, [el('code', { text: v.id })])]);
    var rl = el('ul');
    v.rules.forEach(function (ri) { var r = D.rules[ri]; rl.appendChild(el('li', null, [el('code', { text: r.id }), ' ' + r.title + (r.decided ? '' : ' (evaluated no resource)')])); });
    var show = el('button', { type: 'button', 'data-show-control': v.id, text: 'List its findings' + (v.open + v.error + v.suppressed > 0 ? '' : ' (none)') });
    show.addEventListener('click', function () { setControlFilter(v.id); $('findings').focus(); $('findings').scrollIntoView(); });
    det.appendChild(show);
    det.appendChild(el('p', { text: 'Rules evidencing it:' }));
    det.appendChild(rl);
    if (v.failing.size > 0) {
      det.appendChild(el('p', { text: 'Failing resources:' }));
      var fl = el('ul');
      Array.from(v.failing.entries()).slice(0, 100).forEach(function (e) { var res = D.resources[e[0]]; fl.appendChild(el('li', null, [el('code', { text: res.key }), ' (' + e[1] + ' findings' + (where(res) ? ', ' + where(res) : '') + ')'])); });
      if (v.failing.size > 100) fl.appendChild(el('li', { text: 'and ' + (v.failing.size - 100) + ' more (filter the findings by this framework)' }));
      det.appendChild(fl);
    }
    t.body.appendChild(el('tr', { 'data-control': v.id }, [el('th', { scope: 'row' }, [det]), td(status, v.open + v.error > 0 ? 'sev-error' : v.checked ? 'st-compliant' : 'st-suppressed'), td(v.rules.length, 'num'), td(v.open, 'num'), td(v.error, 'num'), td(v.suppressed, 'num')]));
  });
  box.appendChild(view.length ? el('div', { class: 'wrap' }, [t.table]) : el('p', { class: 'empty', text: 'No rule of this run evidences ' + fw.title + '.' }));
}

// ---- suppressions, weakened defaults, unused suppressions
function expiryOf(s) { return s && (s.expires || s.expiresAt || s.expiry || s.until || s.expiration) || ''; }
function declaredAt(s) {
  if (s.declaredAt) return String(s.declaredAt);
  if (s.file) return String(s.file) + (s.line ? ':' + s.line : '');
  if (Array.isArray(s.resources)) return s.resources.join(', ');
  return String(s.resource || '');
}
function renderSuppressions() {
  var list = [];
  D.findings.forEach(function (f, k) { if (f.st === 'suppressed' || f.s) list.push(k); });
  var box = $('suppressions-box');
  clear(box);
  if (list.length === 0) box.appendChild(el('p', { class: 'empty', text: 'No suppressed finding.' }));
  else {
    var limit = 1000;
    var t = table(list.length + ' suppressed findings and their reasons', ['Rule', 'Finding', 'Resource', 'Reason', 'Source', 'Expires'], 'suppressions-table');
    var draw = function (n) {
      clear(t.body);
      list.slice(0, n).forEach(function (k) {
        var f = D.findings[k], res = D.resources[f.x], s = f.s || {};
        t.body.appendChild(el('tr', null, [el('th', { scope: 'row' }, [el('code', { text: D.rules[f.r].id })]), td(f.i || ''), td(res.key), td(String(s.reason || '')), td(String(s.source || '')), td(String(expiryOf(s)))]));
      });
    };
    draw(limit);
    box.appendChild(el('div', { class: 'wrap' }, [t.table]));
    if (list.length > limit) {
      var b = el('button', { type: 'button', text: 'Show all ' + list.length + ' suppressed findings' });
      b.addEventListener('click', function () { draw(list.length); b.remove(); });
      box.appendChild(b);
    }
  }
  var ex = $('expired-box');
  clear(ex);
  if (D.expiredSuppressions.length === 0) ex.appendChild(el('p', { class: 'empty', text: 'No expired suppression in this report.' }));
  else {
    var te = table(D.expiredSuppressions.length + ' expired suppressions (they no longer suppress anything)', ['Suppression', 'Reason', 'Expired', 'Declared at'], 'expired-table');
    D.expiredSuppressions.forEach(function (s) {
      te.body.appendChild(el('tr', null, [el('th', { scope: 'row' }, [el('code', { text: String(s.id || s.ruleId || '') })]), td(String(s.reason || '')), td(String(expiryOf(s) || s.expired || '')), td(declaredAt(s))]));
    });
    ex.appendChild(el('div', { class: 'wrap' }, [te.table]));
  }
  var dc = $('declared-box');
  clear(dc);
  if (D.declaredSuppressions.length > 0) {
    var tdc = table(D.declaredSuppressions.length + ' declared suppressions and what they did', ['Suppression', 'State', ['Findings suppressed', 'num'], 'Reason', 'Expires', 'Declared at'], 'declared-table');
    D.declaredSuppressions.forEach(function (s) {
      tdc.body.appendChild(el('tr', { 'data-state': String(s.state || '') }, [el('th', { scope: 'row' }, [el('code', { text: String(s.id || s.ruleId || '') })]), td(String(s.state || '')), td(s.suppressed === undefined || s.suppressed === null ? '' : s.suppressed, 'num'), td(String(s.reason || '')), td(String(expiryOf(s))), td(declaredAt(s))]));
    });
    dc.appendChild(el('details', null, [el('summary', { text: 'Every declared suppression (' + D.declaredSuppressions.length + ')' }), el('div', { class: 'wrap' }, [tdc.table])]));
  }
  var ov = $('overrides-box');
  clear(ov);
  if (D.overrides.length === 0) ov.appendChild(el('p', { class: 'empty', text: 'No secure default was weakened.' }));
  else {
    var to = table(D.overrides.length + ' secure defaults weakened on purpose', ['Resource', 'Type', 'Construct path', 'Property', 'Reason'], 'overrides-table');
    D.overrides.forEach(function (o) { to.body.appendChild(el('tr', null, [el('th', { scope: 'row', text: String(o.resource) }), td(o.type), td(o.constructPath || ''), td(o.property), td(o.reason)])); });
    ov.appendChild(el('div', { class: 'wrap' }, [to.table]));
  }
  var un = $('unused-box');
  clear(un);
  if (D.unusedSuppressions.length === 0) un.appendChild(el('p', { class: 'empty', text: 'Every suppression matched a finding.' }));
  else {
    var tu = table(D.unusedSuppressions.length + ' suppressions that matched nothing (remove them, or fix their id)', ['Suppression', 'Reason', 'Source', 'Declared at'], 'unused-table');
    D.unusedSuppressions.forEach(function (u) { tu.body.appendChild(el('tr', null, [el('th', { scope: 'row' }, [el('code', { text: String(u.id) })]), td(u.reason), td(u.source), td(declaredAt(u))])); });
    un.appendChild(el('div', { class: 'wrap' }, [tu.table]));
  }
}

// ---- wiring
function setControlFilter(c) {
  controlFilter = c;
  var box = $('control-filter');
  clear(box);
  box.hidden = !c;
  if (c) {
    var b = el('button', { type: 'button', id: 'clear-control', text: 'Show all controls again' });
    b.addEventListener('click', function () { setControlFilter(''); F.q.focus(); });
    box.appendChild(el('span', { text: 'Only findings against control ' }));
    box.appendChild(el('code', { text: c }));
    box.appendChild(document.createTextNode(' '));
    box.appendChild(b);
  }
  shownGroups = PAGE;
  update();
}
function update() {
  var st = state(), list = [];
  for (var k = 0; k < D.findings.length; k++) if (matches(D.findings[k], k, st)) list.push(k);
  renderFindings(list);
  renderChart(list);
  renderControls();
}
var timer = 0;
['f-plane', 'f-severity', 'f-status', 'f-framework'].forEach(function (id) { $(id).addEventListener('change', function () { shownGroups = PAGE; update(); }); });
F.q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { shownGroups = PAGE; update(); }, 120); });
F.q.addEventListener('keydown', function (e) { if (e.key === 'Escape') { F.q.value = ''; shownGroups = PAGE; update(); } });
$('filters').addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); shownGroups = PAGE; update(); });
$('reset').addEventListener('click', function () { F.plane.value = ''; F.severity.value = ''; F.status.value = ''; F.framework.value = ''; F.q.value = ''; setControlFilter(''); F.q.focus(); });
$('more').addEventListener('click', function () { shownGroups += PAGE; var st = state(), list = []; for (var k = 0; k < D.findings.length; k++) if (matches(D.findings[k], k, st)) list.push(k); renderFindings(list); $('more').focus(); });
document.addEventListener('keydown', function (e) {
  var t = e.target, typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
  if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); F.q.focus(); F.q.select(); }
});
renderFrameworks();
renderSuppressions();
update();
document.body.setAttribute('data-ready', 'true');
})();
`;
