/** The dashboard's stylesheet (inline, no web fonts or images): light and dark (prefers-color-scheme). */
export const DASHBOARD_CSS = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#0550ae;--err:#b3261e;--warn:#9a6700;--info:#0969da;--ok:#1a7f37;--sup:#6e7781;--bar-open:#cf222e;--bar-sup:#8c959f;--bar-err:#8250df;--focus:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--card:#161b22;--accent:#79c0ff;--err:#ff7b72;--warn:#d29922;--info:#79c0ff;--ok:#56d364;--sup:#8b949e;--bar-open:#f85149;--bar-sup:#6e7681;--bar-err:#a371f7;--focus:#79c0ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:var(--card);padding:.5em 1em}
.skip:focus{left:1em;z-index:10}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.5rem;margin:.3rem 0}
h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
nav ul{list-style:none;padding:0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.meta{color:var(--muted);margin:.2rem 0;word-break:break-all}
.verdict{display:inline-block;font-weight:700;padding:.15rem .6rem;border-radius:1rem;border:2px solid currentColor}
.verdict.pass{color:var(--ok)}.verdict.fail{color:var(--err)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.6rem;margin:.8rem 0;padding:0;list-style:none}
.cards li{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem}
.cards .n{display:block;font-size:1.5rem;font-weight:700}
.cards .l{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--card)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody th[scope=rowgroup]{background:var(--card);font-weight:600}
.res-meta{display:block;font-weight:400;color:var(--muted);overflow-wrap:anywhere}
.sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}.sev-info{color:var(--info)}
.st-suppressed{color:var(--sup)}.st-error{color:var(--err);font-weight:600}.st-compliant{color:var(--ok)}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
.filters label{display:flex;flex-direction:column;font-weight:600;gap:.15rem}
.filters select,.filters input,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.25rem .4rem}
button{cursor:pointer}
.filters input[type=search]{min-width:16rem}
.count{font-weight:600}
.chart svg{width:100%;height:auto;max-width:960px}
.chart text{fill:var(--fg);font-size:12px}
.bar-open{fill:var(--bar-open)}.bar-suppressed{fill:var(--bar-sup)}.bar-error{fill:var(--bar-err)}
.legend{display:flex;gap:1rem;list-style:none;padding:0}
.sw{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:middle}
.sw.open{background:var(--bar-open)}.sw.suppressed{background:var(--bar-sup)}.sw.error{background:var(--bar-err)}
details summary{cursor:pointer}
th details p,th details ul{font-weight:400}
#findings-table thead th:nth-child(1){width:8%}#findings-table thead th:nth-child(2){width:11%}#findings-table thead th:nth-child(3){width:20%}#findings-table thead th:nth-child(4){width:11%}#findings-table thead th:nth-child(6){width:16%}
td code{overflow-wrap:anywhere;word-break:normal}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
.empty{color:var(--muted);font-style:italic}
.wrap{overflow-x:auto}
footer{color:var(--muted);padding:2rem 1rem}
@media print{.filters,nav,.skip,button{display:none}}
`;
