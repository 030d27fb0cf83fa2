/**
 * `npm run bench`: every case in its own process, sequentially; ratios are computed from this one run.
 * Set BENCH_SIZES=100,1000 to shorten the AWS part; BENCH_AWS_ROUNDS and BENCH_K8S_ROUNDS set the interleaved runs.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
const sizes = (process.env.BENCH_SIZES ?? '100,1000,6000').split(',').map(Number);
const modes = ['plain', 'null-plugin', 'ours', 'nag-aws-solutions', 'nag-all', 'nag-raw', 'ours-raw'];
// plain, null-plugin and ours are run this many times, interleaved, and their medians shown (a few per cent apart)
const rounds = Number(process.env.BENCH_AWS_ROUNDS ?? 3);
const interleaved = ['plain', 'null-plugin', 'ours'];

function runCase(script: string, args: string[]): any {
  const out = execFileSync(tsx, [path.join(__dirname, script), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK_VALIDATION: 'false', NODE_OPTIONS: '--max-old-space-size=8192' } });
  return JSON.parse(out.trim().split('\n').pop()!);
}

console.log('AWS: synth time of generated apps (built-in CloudFormation validator off)\n');
console.log(`plain synth, a plugin that checks nothing and our pack: median of ${rounds} interleaved runs\n`);
console.log('resources | plain synth | + a plugin that checks nothing (aws-cdk-lib\'s cost of any plugin) | + our AWS pack (`AwsCompliance.enable`, cdk-nag off) | of which our validate() | + cdk-nag AwsSolutions | + cdk-nag 4 packs | cdk-nag AwsSolutions on the raw templates (check) | `secure-constructs check cdk.out` (own process) | peak RSS (plain / ours / nag 4 / nag raw)');
console.log('--- | --- | --- | --- | --- | --- | --- | --- | --- | ---');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (const n of sizes) {
  const r: Record<string, any> = {};
  const runs: Record<string, any[]> = {};
  for (let i = 0; i < rounds; i++) for (const m of interleaved) (runs[m] ??= []).push(runCase('aws-case.ts', [String(n), m]));
  for (const m of interleaved) {
    const byMs = [...runs[m]].sort((a, b) => a.ms - b.ms);
    r[m] = { ...byMs[Math.floor((byMs.length - 1) / 2)], ms: median(runs[m].map((x) => x.ms)), checkMs: median(runs[m].map((x) => x.checkMs)) };
  }
  for (const m of modes) if (!interleaved.includes(m)) r[m] = runCase('aws-case.ts', [String(n), m]);
  const base = r.plain.ms;
  const ratio = (m: string) => `${r[m].ms} ms (${(r[m].ms / base).toFixed(2)}x)`;
  const own = `${r.ours.checkMs} ms (${((r.ours.checkMs / base) * 100).toFixed(1)}% of plain, ${r.ours.violations} violations)`;
  // `check --pack cdk-nag-aws-solutions cdk.out` after a plain synth: the check alone, as a ratio of plain synth
  const raw = `${ratio('nag-raw')}, ${r['nag-raw'].violations} findings`;
  const cli = `${r['ours-raw'].ms} ms, ${r['ours-raw'].violations} findings`;
  console.log(`${r.plain.resources} | ${base} ms | ${ratio('null-plugin')} | ${ratio('ours')} | ${own} | ${ratio('nag-aws-solutions')} | ${ratio('nag-all')} | ${raw} | ${cli} | ${r.plain.maxRssMb} / ${r.ours.maxRssMb} / ${r['nag-all'].maxRssMb} / ${r['nag-raw'].maxRssMb} MB`);
}

const objects = Number(process.env.BENCH_K8S_OBJECTS ?? 15000);
console.log(`\nKubernetes: ${objects} generated objects from one YAML file\n`);
// the js-yaml parse (the yardstick) and the check: this many interleaved runs each, medians and the median of the
// per-round ratios shown (one pair of runs moves by 20% or more on a shared machine)
const k8sRounds = Number(process.env.BENCH_K8S_ROUNDS ?? 5);
const pairs: { parse: any; check: any }[] = [];
for (let i = 0; i < k8sRounds; i++) pairs.push({ parse: runCase('k8s-case.ts', [String(objects), 'parse-js-yaml']), check: runCase('k8s-case.ts', [String(objects), 'check']) });
const medianOf = (rows: any[]) => ({ ...rows[0], ms: median(rows.map((x) => x.ms)), maxRssMb: median(rows.map((x) => x.maxRssMb)) });
const parseJs = medianOf(pairs.map((p) => p.parse));
const check = medianOf(pairs.map((p) => p.check));
const roundRatios = pairs.map((p) => p.check.ms / p.parse.ms);
const parseGo = runCase('k8s-case.ts', [String(objects), 'parse-js-yaml-go']);
const parseYaml = runCase('k8s-case.ts', [String(objects), 'parse-yaml']);
console.log(`js-yaml parse and check: median of ${k8sRounds} interleaved runs; per round (parse / check ms): ${pairs.map((p) => `${p.parse.ms}/${p.check.ms}`).join(', ')}\n`);
console.log('mode | time | peak RSS');
console.log('--- | --- | ---');
console.log(`parse only, js-yaml (${parseJs.mb} MB) | ${parseJs.ms} ms | ${parseJs.maxRssMb} MB`);
console.log(`parse only, js-yaml with go-yaml v2 (YAML 1.1) scalars | ${parseGo.ms} ms (${(parseGo.ms / parseJs.ms).toFixed(2)}x) | ${parseGo.maxRssMb} MB`);
console.log(`parse only, yaml | ${parseYaml.ms} ms | ${parseYaml.maxRssMb} MB`);
console.log(`read + parse + check, full k8s pack | ${check.ms} ms (${(check.ms / parseJs.ms).toFixed(2)}x js-yaml parse; per-round ratios median ${median(roundRatios).toFixed(2)}x, ${Math.min(...roundRatios).toFixed(2)}x-${Math.max(...roundRatios).toFixed(2)}x; ${check.findings} findings) | ${check.maxRssMb} MB`);

const dashboardFindings = Number(process.env.BENCH_DASHBOARD_FINDINGS ?? 10000);
const dash = runCase('dashboard-case.ts', [String(dashboardFindings)]);
console.log(`\nDashboard and evidence: ${dash.findings} findings\n`);
console.log('HTML generation | HTML size | rendered in headless chromium | evidence (build + write) | evidence size');
console.log('--- | --- | --- | --- | ---');
console.log(`${dash.htmlMs} ms | ${dash.htmlMb} MB | ${dash.renderMs === null ? 'no chromium' : `${dash.renderMs} ms`} | ${dash.evidenceMs} ms | ${dash.evidenceMb} MB`);
