import * as fs from 'fs';
import * as path from 'path';
import { CheckArgs, USAGE, UsageError, parseArgs, usage } from './args';
import { readBaseline, withBaseline, writeBaseline } from '../compliance/baseline';
import { checkLoaded, loadInputs, selectRuleInfos, synthRecordProblems } from '../compliance/check';
import { resolvePolicy } from '../compliance/config/policy';
import { findFramework, FRAMEWORKS } from '../compliance/frameworks';
import { InputError } from '../compliance/loaders/errors';
import { CheckReport, InputProblem } from '../compliance/model';
import { Pack, resolvePacks } from '../compliance/packs';
import { toConsole } from '../compliance/reporters/console';
import { buildEvidence, digestInputs, writeEvidence } from '../compliance/reporters/evidence';
import { toHtml } from '../compliance/reporters/html';
import { toJson } from '../compliance/reporters/json';
import { toJUnit } from '../compliance/reporters/junit';
import { toMarkdown } from '../compliance/reporters/markdown';
import { toSarif } from '../compliance/reporters/sarif';
import { verdict } from '../compliance/reporters/summary';
import { IMAGE_REGISTRY_RULE_ID } from '../compliance/rules/k8s/workload/image-registry';
import { packageVersion } from '../core/version';

/** What a run printed and its exit code (the CLI is testable without spawning a process). */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The version of this package. */
export const toolVersion = packageVersion;

function writeFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, content);
}

function packsOf(ids: string[]): Pack[] {
  return usage(() => resolvePacks(ids));
}

function resolveFramework(id: string | undefined) {
  if (!id) return undefined;
  const f = findFramework(id);
  if (!f) throw new UsageError(`unknown framework "${id}"; known: ${FRAMEWORKS.map((x) => x.id).join(', ')}`);
  return f;
}

function runRules(args: CheckArgs): CliResult {
  const packs = packsOf(args.packs);
  const framework = resolveFramework(args.framework);
  // our rules and the config's custom rules, plus the whole rule list (with levels) of each selected cdk-nag pack
  const rules = selectRuleInfos({ packs, framework, policy: resolvePolicy(args.config) });
  if (rules.length === 0) {
    const what = [packs.length > 0 ? `pack ${packs.map((p) => p.id).join(', ')}` : 'any pack', framework ? `framework ${framework.id}` : ''].filter(Boolean).join(' and ');
    return { exitCode: 2, stdout: '', stderr: `error: no rule matches ${what}\n` };
  }
  if (args.format === 'json') return { exitCode: 0, stdout: JSON.stringify(rules, null, 2) + '\n', stderr: '' };
  const width = Math.max(48, ...rules.map((r) => r.id.length + 1));
  const lines = rules.map((r) => `${r.id.padEnd(width)} ${r.severity.padEnd(7)} ${r.title}${r.source ? ` (${r.source})` : ''}`);
  return { exitCode: 0, stdout: lines.join('\n') + `\n${rules.length} rules\n`, stderr: '' };
}

function runCheck(args: CheckArgs): CliResult {
  const packs = packsOf(args.packs);
  const framework = resolveFramework(args.framework);
  // a bad config file is exit 2 before anything is read
  const policy = resolvePolicy(args.config);
  const loaded = loadInputs(args.paths);
  // every evaluation is kept only for JUnit (it lists passes) and the evidence (each resource's outcome); the other
  // reports need their count only
  const startedAt = new Date();
  const ruleOptions = args.allowedRegistries ? { [IMAGE_REGISTRY_RULE_ID]: { registries: args.allowedRegistries } } : undefined;
  let report: CheckReport = checkLoaded(loaded, {
    packs,
    framework,
    recordEvaluations: args.junit !== undefined || args.evidence !== undefined,
    ruleOptions,
    policy,
  });
  if (args.unverified !== 'warning') {
    report = { ...report, findings: report.findings.map((f) => (f.unverified ? { ...f, severity: args.unverified } : f)) };
  }
  // a cloud assembly checked at synth with another policy (or version) says so
  const problems = [...loaded.problems, ...synthRecordProblems(loaded, policy)];
  let stderr = '';

  if (args.baseline && args.updateBaseline) {
    writeBaseline(report, args.baseline);
    const n = report.findings.filter((f) => f.status !== 'suppressed').length;
    return { exitCode: 0, stdout: `Baseline written to ${args.baseline}: ${n} accepted finding(s).\n`, stderr: '' };
  }
  if (args.baseline) {
    if (!fs.existsSync(args.baseline)) throw new InputError(args.baseline, 'baseline file not found (create it with --update-baseline)');
    // the one step that applies a baseline: every report below reads this report (baselined findings suppressed,
    // each finding's baselineState, the fixed entries in report.baseline)
    report = withBaseline(report, readBaseline(args.baseline), args.baseline);
  }

  const version = toolVersion();
  const json = toJson(report, { failOn: args.failOn, toolVersion: version, problems, framework: framework?.id });
  if (args.json) writeFile(args.json, JSON.stringify(json, null, 2) + '\n');
  if (args.sarif) writeFile(args.sarif, JSON.stringify(toSarif(report, { toolVersion: version, baseDir: process.cwd() }), null, 2) + '\n');
  if (args.junit) writeFile(args.junit, toJUnit(report));
  if (args.markdown) writeFile(args.markdown, toMarkdown(report, { failOn: args.failOn, framework: framework?.id }));
  if (args.html) {
    writeFile(args.html, toHtml(report, { failOn: args.failOn, toolVersion: version, problems, framework: framework?.id, generatedAt: startedAt }));
  }
  if (args.evidence) {
    writeEvidence(args.evidence, buildEvidence(report, {
      toolVersion: version, failOn: args.failOn, inputs: digestInputs(report.inputs), entryPoint: 'cli', packs: args.packs, framework: framework?.id,
      options: { unverified: args.unverified, baseline: args.baseline ? digestInputs([args.baseline])[0] : null, arguments: args.paths },
      resources: loaded.resources,
      generatedAt: startedAt,
      // a run restricted to one framework is evidence of that framework only
      frameworks: framework ? [framework] : undefined,
    }));
  }

  const stdout = args.format === 'json'
    ? JSON.stringify(json, null, 2) + '\n'
    : toConsole(report, { failOn: args.failOn, color: args.color, problems, showSuppressed: args.showSuppressed });
  if (args.format === 'json' && problems.length > 0) stderr += problems.map((p) => `warning: ${p}`).join('\n') + '\n';
  const inputErrors = report.inputErrors ?? [];
  if (inputErrors.length > 0) {
    // the rest was checked and reported; the run still fails as an input error
    stderr += inputErrors.map((e) => `error: ${formatInputProblem(e)}`).join('\n') + '\n';
    return { exitCode: 2, stdout, stderr };
  }
  return { exitCode: verdict(report, args.failOn).passed ? 0 : 1, stdout, stderr };
}

function formatInputProblem(e: InputProblem): string {
  return `${e.file}${e.line !== undefined ? `:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : ''}: ${e.message}`;
}

/** Runs the CLI. Never throws: input and usage errors become exit code 2 with a message. */
export function run(argv: string[], isTty = false): CliResult {
  try {
    const args = parseArgs(argv, isTty);
    switch (args.command) {
      case 'help': return { exitCode: 0, stdout: USAGE + '\n', stderr: '' };
      case 'version': return { exitCode: 0, stdout: toolVersion() + '\n', stderr: '' };
      case 'rules': return runRules(args);
      default: return runCheck(args);
    }
  } catch (e) {
    if (e instanceof UsageError) return { exitCode: 2, stdout: '', stderr: `error: ${e.message}\n\n${USAGE}\n` };
    if (e instanceof InputError) return { exitCode: 2, stdout: '', stderr: `error: ${e.message}\n` };
    if (e instanceof RangeError) return { exitCode: 2, stdout: '', stderr: `error: input too large or too deeply nested (${e.message})\n` };
    const msg = e instanceof Error ? e.message : String(e);
    return { exitCode: 2, stdout: '', stderr: `error: ${msg}\n` };
  }
}

/** Entry point of the `secure-constructs` bin. */
export function main(argv: string[] = process.argv.slice(2)): void {
  const r = run(argv, !!process.stdout.isTTY);
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}
