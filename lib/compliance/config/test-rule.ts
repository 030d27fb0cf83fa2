/**
 * A test helper for custom rules: runs one rule, in the same engine as a real run, on fixture files (Kubernetes
 * YAML, CloudFormation templates, cloud assemblies) that must pass or fail.
 */
import { loadInputs } from '../check';
import { runEngine } from '../engine';
import { Rule } from '../model';
import { asCustomRule } from './custom-rules';

/** Fixture files for {@link testRule}. */
export interface RuleTestCases {
  /** Files on which the rule must decide at least one resource and find nothing. */
  readonly pass?: readonly string[];
  /** Files on which the rule must report at least one finding. */
  readonly fail?: readonly string[];
  /** The rule's settings, as the config file's `options.<rule id>` would give them. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** What {@link testRule} found. */
export interface RuleTestResult {
  /** True when every file behaved as expected. */
  readonly ok: boolean;
  /** One line per file that did not (empty when `ok`). */
  readonly failures: string[];
}

/**
 * Runs a rule on pass and fail fixtures. The rule is checked as the config loader checks it (a missing field is a
 * failure). A pass file the rule does not apply to is a failure too: a test that cannot fail proves nothing.
 *
 * ```js
 * const { testRule } = require('secure-constructs/build/policy');
 * expect(testRule(rules[0], { pass: ['fixtures/ok.yaml'], fail: ['fixtures/bad.yaml'] }).failures).toEqual([]);
 * ```
 */
export function testRule(rule: Rule, cases: RuleTestCases): RuleTestResult {
  const failures: string[] = [];
  let checked: Rule;
  try {
    checked = asCustomRule(rule, `rule ${(rule as any)?.id ?? '?'}`);
  } catch (e) {
    return { ok: false, failures: [(e as Error).message] };
  }
  const runOn = (file: string) => {
    const loaded = loadInputs([file]);
    const problems = loaded.inputErrors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    const report = runEngine([checked], loaded.resources, {
      recordEvaluations: false,
      ruleOptions: cases.options ? { [checked.id]: cases.options } : undefined,
    });
    return { report, problems };
  };
  for (const file of cases.pass ?? []) {
    const { report, problems } = runOn(file);
    if (problems.length > 0) failures.push(`${file}: cannot be read: ${problems.join('; ')}`);
    const found = report.findings.filter((f) => f.status !== 'suppressed');
    if (found.length > 0) failures.push(`${file}: expected to pass, but ${checked.id} reported: ${found.map((f) => `${f.resource.key}${f.findingId ? `[${f.findingId}]` : ''}: ${f.message}`).join('; ')}`);
    else if (!(report.decidedRules ?? []).includes(checked.id)) failures.push(`${file}: expected to pass, but ${checked.id} applies to no resource in it (appliesTo: ${checked.appliesTo.join(', ')})`);
  }
  for (const file of cases.fail ?? []) {
    const { report, problems } = runOn(file);
    if (problems.length > 0) failures.push(`${file}: cannot be read: ${problems.join('; ')}`);
    const errors = report.findings.filter((f) => f.status === 'error');
    if (errors.length > 0) failures.push(`${file}: ${checked.id} threw: ${errors.map((f) => f.message).join('; ')}`);
    else if (!report.findings.some((f) => f.status === 'non-compliant')) failures.push(`${file}: expected ${checked.id} to report a finding, but it found nothing`);
  }
  if ((cases.pass ?? []).length + (cases.fail ?? []).length === 0) failures.push('no fixture files: give pass and/or fail files');
  return { ok: failures.length === 0, failures };
}
