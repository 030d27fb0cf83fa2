/** Findings grouped by resource: one table, a row group per resource, 200 resources at a time. Plain ES2017 for the browser; ../script.ts joins the parts. */
export const FINDINGS_JS = String.raw`// ---- findings grouped by resource
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
`;
