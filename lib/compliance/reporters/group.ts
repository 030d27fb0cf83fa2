/**
 * Views of a report shared by the reporters and the CLI: counts, the framework (control) view, and
 * the pass/fail verdict.
 */
import * as path from 'path';
import { isCounted } from '../baseline';
import { evidences, findFramework, Framework, FRAMEWORKS, controlPrefix } from '../frameworks';
import { CheckReport, Finding, FindingStatus, Severity, SEVERITIES } from '../model';
export type { FailOn } from './summary';

/** Counts of findings per status. */
export interface StatusCounts {
  'non-compliant': number;
  'suppressed': number;
  'error': number;
}

function zero(): StatusCounts {
  return { 'non-compliant': 0, 'suppressed': 0, 'error': 0 };
}

/** Counts of findings per severity and status, plus totals. */
export function countFindings(findings: readonly Finding[]): { bySeverity: Record<Severity, StatusCounts>; total: StatusCounts } {
  const bySeverity = { error: zero(), warning: zero(), info: zero() } as Record<Severity, StatusCounts>;
  const total = zero();
  for (const f of findings) {
    const s: FindingStatus = f.status;
    const sev: Severity = SEVERITIES.includes(f.severity) ? f.severity : 'error';
    bySeverity[sev][s]++;
    total[s]++;
  }
  return { bySeverity, total };
}

/** Natural order of control ids (`AC-2` before `AC-10`). */
export function compareControls(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The framework with this id (case-insensitive). Throws with the list of known ids when there is none. */
export function requireFramework(frameworkId: string): Framework {
  const fw = findFramework(frameworkId);
  if (!fw) throw new Error(`unknown framework "${frameworkId}"; known: ${FRAMEWORKS.map((f) => f.id).join(', ')}`);
  return fw;
}

/** The controls of a list that belong to a framework. */
export function frameworkControls(controls: readonly string[], framework: Framework): string[] {
  return controls.filter((c) => framework.prefixes.includes(controlPrefix(c)));
}

/**
 * The framework view of a report: each control of the framework that a rule in the run (or a
 * finding) evidences, mapped to the findings against it, in natural control order. Controls whose
 * rules produced no finding map to an empty list (they passed). A finding appears under every
 * control of the framework it evidences.
 */
export function groupByControl(report: Pick<CheckReport, 'findings' | 'rules'>, frameworkId: string): Map<string, Finding[]> {
  const framework = requireFramework(frameworkId);
  const groups = new Map<string, Finding[]>();
  for (const rule of report.rules) for (const c of frameworkControls(rule.controls, framework)) if (!groups.has(c)) groups.set(c, []);
  for (const f of report.findings) {
    for (const c of new Set(frameworkControls(f.controls, framework))) {
      let list = groups.get(c);
      if (!list) groups.set(c, (list = []));
      list.push(f);
    }
  }
  return new Map([...groups.entries()].sort(([a], [b]) => compareControls(a, b)));
}

/** One framework's line in a summary. */
export interface FrameworkSummary {
  readonly framework: Framework;
  /** Controls of the framework that the rules in the run evidence. */
  readonly controls: number;
  /** Controls with at least one unsuppressed (non-compliant or error) finding. */
  readonly failingControls: number;
  /** Findings that evidence the framework, per status. */
  readonly counts: StatusCounts;
}

/** Per-framework counts, for frameworks that the run's rules or findings evidence (catalogue order). */
export function frameworkSummaries(report: Pick<CheckReport, 'findings' | 'rules'>): FrameworkSummary[] {
  const out: FrameworkSummary[] = [];
  for (const framework of FRAMEWORKS) {
    const groups = groupByControl(report, framework.id);
    if (groups.size === 0) continue;
    const counts = zero();
    for (const f of report.findings) if (evidences(f.controls, framework)) counts[f.status]++;
    let failing = 0;
    for (const list of groups.values()) if (list.some(isCounted)) failing++;
    out.push({ framework, controls: groups.size, failingControls: failing, counts });
  }
  return out;
}

/**
 * Restricts a report to one framework (`--framework`): the rules, findings and evaluations whose
 * rule evidences it. Unused suppressions, overrides, resource count and inputs are kept.
 */
export function filterByFramework(report: CheckReport, frameworkId: string): CheckReport {
  const framework = requireFramework(frameworkId);
  const rules = report.rules.filter((r) => evidences(r.controls, framework));
  const ruleIds = new Set(rules.map((r) => r.id));
  return {
    ...report,
    rules,
    findings: report.findings.filter((f) => evidences(f.controls, framework)),
    evaluations: report.evaluations.filter((e) => ruleIds.has(e.ruleId)),
  };
}

/**
 * A file path relative to `baseDir` (default: the current directory) with forward slashes, or
 * `undefined` when the file is absolute and outside `baseDir` (then the caller keeps it absolute).
 */
export function relativePath(file: string, baseDir: string = process.cwd()): string | undefined {
  const isAbs = path.isAbsolute(file) || path.win32.isAbsolute(file);
  if (!isAbs) {
    return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  }
  const rel = path.relative(path.resolve(baseDir), file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.replace(/\\/g, '/');
}

/** A file for display: relative to `baseDir` where possible, else as given (forward slashes). */
export function displayPath(file: string, baseDir?: string): string {
  return relativePath(file, baseDir) ?? file.replace(/\\/g, '/');
}
