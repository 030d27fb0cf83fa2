/** Event wiring, keyboard shortcuts and the first render (closes the script's function). Plain ES2017 for the browser; ../script.ts joins the parts. */
export const WIRING_JS = String.raw`// ---- wiring
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
