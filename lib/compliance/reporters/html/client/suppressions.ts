/** Suppressions (and expired / declared ones), weakened defaults, unused suppressions. Plain ES2017 for the browser; ../script.ts joins the parts. */
export const SUPPRESSIONS_JS = String.raw`// ---- suppressions, weakened defaults, unused suppressions
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
`;
