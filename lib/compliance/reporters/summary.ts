import { CheckReport, Finding, SEVERITY_RANK, Severity, evaluationCount } from '../model';
import { Threshold, isBlocking } from '../threshold';

/** Threshold for the exit code / pass verdict (the one threshold type, lib/compliance/threshold.ts). */
export type FailOn = Threshold;
export { isBlocking };

/** Counts shared by every reporter, so all formats agree. */
export interface Summary {
  readonly resources: number;
  readonly rules: number;
  readonly evaluations: number;
  /** Unsuppressed non-compliant findings per severity. */
  readonly open: Record<Severity, number>;
  /** Unsuppressed "cannot verify" findings (a value unknown before deployment), also counted in `open`. */
  readonly unverified: number;
  /** Rules that threw. */
  readonly ruleErrors: number;
  /** Inputs that could not be read: the run fails (exit 2) whatever the findings. */
  readonly inputErrors: number;
  readonly suppressed: number;
  readonly unusedSuppressions: number;
  /** Config-file suppressions past their `expires` date (they no longer suppress). */
  readonly expiredSuppressions: number;
  readonly overrides: number;
  readonly failOn: FailOn;
  /** Findings at or above the threshold. */
  readonly blocking: number;
  readonly passed: boolean;
}

/** The verdict of a run. */
export interface Verdict {
  /** Unsuppressed findings at or above the threshold (with a baseline, new ones only: the others are suppressed). */
  readonly failing: Finding[];
  /** Inputs that could not be read: the run fails (exit 2) whatever the findings. */
  readonly inputErrors: number;
  readonly passed: boolean;
}

/**
 * The one verdict of a run, from the report every reporter reads: the CLI's exit code and the pass/fail of every
 * report (console, JSON, Markdown, dashboard, evidence) come from here, so they cannot disagree.
 */
export function verdict(report: Pick<CheckReport, 'findings' | 'inputErrors'>, failOn: FailOn): Verdict {
  const failing = report.findings.filter((f) => isBlocking(f, failOn));
  const inputErrors = report.inputErrors?.length ?? 0;
  return { failing, inputErrors, passed: failing.length === 0 && inputErrors === 0 };
}

export function summarize(report: CheckReport, failOn: FailOn): Summary {
  const open: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let ruleErrors = 0;
  let suppressed = 0;
  let unverified = 0;
  for (const f of report.findings) {
    if (f.status === 'suppressed') suppressed++;
    else if (f.status === 'error') ruleErrors++;
    else open[f.severity]++;
    if (f.status === 'non-compliant' && f.unverified) unverified++;
  }
  const v = verdict(report, failOn);
  return {
    resources: report.resourceCount,
    rules: report.rules.length,
    evaluations: evaluationCount(report),
    open,
    unverified,
    ruleErrors,
    inputErrors: report.inputErrors?.length ?? 0,
    suppressed,
    unusedSuppressions: report.unusedSuppressions.length,
    expiredSuppressions: report.expiredSuppressions?.length ?? 0,
    overrides: report.overrides.length,
    failOn,
    blocking: v.failing.length,
    passed: v.passed,
  };
}

/** Sorts findings: severity, then platform, resource and rule (stable, for readable output). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.platform.localeCompare(b.platform) ||
    a.resource.key.localeCompare(b.resource.key) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.findingId ?? '').localeCompare(b.findingId ?? ''));
}
