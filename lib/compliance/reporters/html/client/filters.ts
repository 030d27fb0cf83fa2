/** Search text per finding and the filters (plane, severity, status, framework, text, control). Plain ES2017 for the browser; ../script.ts joins the parts. */
export const FILTERS_JS = String.raw`// ---- search text, computed once per finding
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
`;
