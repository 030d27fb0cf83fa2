/** Inline SVG bar chart of the filtered findings by rule, with the same numbers as a table. Plain ES2017 for the browser; ../script.ts joins the parts. */
export const CHART_JS = String.raw`// ---- chart: findings by rule (the filtered findings)
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
`;
