/** Prelude of the dashboard script: the data and DOM helpers (text only: textContent / setAttribute, never HTML). Plain ES2017 for the browser; ../script.ts joins the parts. */
export const HELPERS_JS = String.raw`(function () {
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
`;
