/** Framework view: controls evidenced, checked, failing; drill-down to rules, resources and findings. Plain ES2017 for the browser; ../script.ts joins the parts. */
export const FRAMEWORKS_JS = String.raw`// ---- framework view
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
`;
