/**
 * What synth with our AWS pack writes, for comparing two builds on the benchmark app:
 *   tsx bench/aws-findings.ts <N> <out-dir> [build-dir]
 * or two checkouts on the example platform (`npm run example`: synth of both planes, then `secure-constructs check`
 * writing every report format; the checkout's sources, without construct stack traces, which hold the checkout's path):
 *   tsx bench/aws-findings.ts example <out-dir>
 * Synthesizes the benchmark app of bench/aws-case.ts with `AwsCompliance.enable` twice (every finding listed in CDK's
 * validation report; the default listing) and once with the dashboard and the evidence (N <= 2000), and writes each
 * output into <out-dir> with the timestamps replaced, plus `digests.json` (sha256 of each). Every run synthesizes into
 * the same folder (`<tmp>/sc-aws-findings-<N>`, so that the outputs hold the same paths): one run at a time.
 * Two runs wrote the same if their digests.json are equal (`cmp a/digests.json b/digests.json`; `diff -r a b`
 * shows where they differ).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildBenchApp } from './aws-app';

const example = process.argv[2] === 'example';
const n = example ? 0 : Number(process.argv[2] ?? 1000);
const out = path.resolve(process.argv[3] ?? 'bench-out/aws-findings');
const build = path.resolve(process.argv[4] ?? path.join(__dirname, '..', 'build'));


fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const digests: Record<string, string> = {};
const work = path.join(os.tmpdir(), `sc-aws-findings-${example ? 'example' : n}`);
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

/** Writes one output with the timestamps replaced (and, in the evidence index, the digests of the files that hold them). */
function keep(name: string, text: string): void {
  let normal = text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
  if (name.endsWith('evidence/index.json')) {
    const index = JSON.parse(normal);
    for (const f of index.files ?? []) f.sha256 = '<sha256 of the file as written>';
    normal = JSON.stringify(index, undefined, 2);
  }
  fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
  fs.writeFileSync(path.join(out, name), normal);
  digests[name] = createHash('sha256').update(normal).digest('hex');
}

function synth(label: string, props: object): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsCompliance, FailOn } = require(path.join(build, 'compliance', 'aws-checks')) as typeof import('../lib/compliance/aws-checks');
  const dir = path.join(work, `${label}.cdk.out`);
  const app = new App({ outdir: dir, builtinCloudFormationValidation: false });
  buildBenchApp(app, n);
  AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.NEVER, ...props });
  app.synth();
  keep(`${label}/validation-report.json`, fs.readFileSync(path.join(dir, 'validation-report.json'), 'utf8'));
  if (fs.existsSync(path.join(work, `${label}.dashboard.html`))) keep(`${label}/dashboard.html`, fs.readFileSync(path.join(work, `${label}.dashboard.html`), 'utf8'));
  const evidence = path.join(work, `${label}.evidence`);
  if (fs.existsSync(evidence)) for (const f of walk(evidence).sort()) keep(`${label}/evidence/${path.relative(evidence, f)}`, fs.readFileSync(f, 'utf8'));
}

const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));

if (example) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { synthPlatform } = require('../examples/platform/synth') as typeof import('../examples/platform/synth');
  const { run } = require('../lib/cli/main') as typeof import('../lib/cli/main');
  /* eslint-enable @typescript-eslint/no-require-imports */
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true, 'aws:cdk:disable-stack-trace': true });
  const { cdkOut, dist } = synthPlatform(work);
  const reports = path.join(work, 'reports');
  const r = run(['check', cdkOut, dist, '--json', path.join(reports, 'report.json'), '--sarif', path.join(reports, 'results.sarif'),
    '--junit', path.join(reports, 'junit.xml'), '--markdown', path.join(reports, 'summary.md'), '--html', path.join(reports, 'dashboard.html'),
    '--evidence', path.join(reports, 'evidence')], false);
  keep('check/stdout.txt', r.stdout);
  keep('check/exit-code.txt', String(r.exitCode));
  for (const f of walk(reports).sort()) keep(`check/${path.relative(reports, f)}`, fs.readFileSync(f, 'utf8'));
  for (const f of ['validation-report.json', 'secure-constructs.synth.json']) if (fs.existsSync(path.join(cdkOut, f))) keep(`cdk.out/${f}`, fs.readFileSync(path.join(cdkOut, f), 'utf8'));
} else {
  synth('all-listed', { maxReportedResourcesPerRule: 1_000_000_000 });
  synth('default', {});
  if (n <= 2000) synth('reports', { reports: { html: path.join(work, 'reports.dashboard.html'), evidenceDir: path.join(work, 'reports.evidence') } });
}
fs.rmSync(work, { recursive: true, force: true });
fs.writeFileSync(path.join(out, 'digests.json'), JSON.stringify(digests, undefined, 1) + '\n');
console.log(JSON.stringify({ n, out, artifacts: Object.keys(digests).length }));
