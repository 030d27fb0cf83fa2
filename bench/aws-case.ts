/**
 * One AWS benchmark case, run in its own process so that time and peak memory are its own:
 *   tsx bench/aws-case.ts <N> <plain|ours|null-plugin|nag-aws-solutions|nag-all|ours+nag-all|nag-raw|ours-raw>
 * Prints one JSON line: { n, mode, resources, ms, maxRssMb }.
 * `ours`: `AwsCompliance.enable(app, { cdkNagPacks: false })` (what a user writes, cdk-nag left out); `checkMs` is the
 * plugin's validate() alone. `null-plugin`: a validation plugin that checks nothing, i.e. what aws-cdk-lib itself costs
 * for running any plugin (it indexes the construct tree and writes its report).
 * `nag-raw`: plain synth, then `secure-constructs check --pack cdk-nag-aws-solutions cdk.out` (cdk-nag run on the
 * synthesized templates through CfnInclude); `ms` is the check alone, `synthMs` the synth before it.
 * `ours-raw`: plain synth, then the `secure-constructs check cdk.out` command in its own process (our packs on the
 * synthesized templates); `ms` is that process, start to exit.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, IPolicyValidationContext, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { buildBenchApp } from './aws-app';
import { compiled } from './compiled';

const { run: runCli } = compiled<typeof import('../lib/cli/main')>('cli/main');
const { AwsCompliance, FailOn } = compiled<typeof import('../lib/compliance/aws-checks')>('compliance/aws-checks');

const n = Number(process.argv[2] ?? 100);
const mode = process.argv[3] ?? 'plain';
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-'));


const app = new App({ outdir, builtinCloudFormationValidation: false });
buildBenchApp(app, n);
// Our plugin's validate() is timed on its own: what synth adds beyond it is aws-cdk-lib's work for any plugin (see
// null-plugin) and its reporting of the violations, which cdk-nag's plugins pay as well.
let checkMs = 0;
let violations = 0;
if (mode === 'ours' || mode === 'ours+nag-all') {
  // what a user writes (AwsCompliance.enable: the plugin, the app validation, the synth record), with the plugin's
  // validate() timed on its own
  const ours = AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.NEVER });
  const inner = ours.validate.bind(ours);
  ours.validate = (context: IPolicyValidationContext) => {
    const t = process.hrtime.bigint();
    const r = inner(context);
    checkMs += Number(process.hrtime.bigint() - t) / 1e6;
    violations += r.violations.reduce((a, v) => a + v.violatingResources.length, 0);
    return r;
  };
}
if (mode === 'null-plugin') {
  // a plugin that checks nothing: what aws-cdk-lib costs for running any validation plugin
  Validations.of(app).addPlugins({ name: 'null', validate: () => ({ success: true, violations: [] }) });
}
if (mode === 'nag-aws-solutions') Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
if (mode === 'nag-all' || mode === 'ours+nag-all') {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app));
}
const t0 = process.hrtime.bigint();
let failed = false;
try {
  app.synth();
} catch {
  failed = true; // cdk-nag reports violations by failing synth; the time is what we measure
}
let ms = Number(process.hrtime.bigint() - t0) / 1e6;
const synthMs = ms;
if (mode === 'ours-raw') {
  // what a user runs: the `secure-constructs` command in its own process (node start, loading, reading, checking)
  const t1 = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'bin', 'secure-constructs'), 'check', '--fail-on', 'never', '--no-color', outdir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  ms = Number(process.hrtime.bigint() - t1) / 1e6;
  violations = (/: (\d+) errors, (\d+) warnings/.exec(out) ?? []).slice(1).reduce((a, x) => a + Number(x), 0);
}
if (mode === 'nag-raw') {
  const t1 = process.hrtime.bigint();
  const r = runCli(['check', '--pack', 'cdk-nag-aws-solutions', '--fail-on', 'never', '--no-color', outdir]);
  ms = Number(process.hrtime.bigint() - t1) / 1e6;
  if (r.exitCode !== 0) throw new Error(`check exited ${r.exitCode}: ${r.stderr}`);
  violations = (/: (\d+) errors, (\d+) warnings/.exec(r.stdout) ?? []).slice(1).reduce((a, x) => a + Number(x), 0);
}
let resources = 0;
for (const f of fs.readdirSync(outdir)) {
  if (f.endsWith('.template.json')) resources += Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8')).Resources ?? {}).length;
}
fs.rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ n, mode, resources, ms: Math.round(ms), synthMs: Math.round(synthMs), checkMs: Math.round(checkMs), violations, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), synthFailedOnViolations: failed }));
