/**
 * The one "findings to violations" adapter: how the synth-time entry points (our CDK validation plugin, the
 * cdk8s-cli plugin) turn a report's unsuppressed findings into the violation lists of their hosts, and whether the
 * run fails at a threshold.
 */
import { Finding, Severity } from './model';
import { Threshold, atOrAbove } from './threshold';

/** The unsuppressed findings of one rule at one severity. */
export interface ViolationGroup {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Title of the group: the rule's, or the error message of a rule that threw, marked "(cannot verify)" for those. */
  readonly title: string;
  readonly remediation: string;
  readonly controls: readonly string[];
  readonly findings: readonly Finding[];
}

/** Options of {@link toViolations}. */
export interface ViolationOptions {
  /** Findings at or above this fail the run. */
  readonly threshold: Threshold;
  /** Report "cannot verify" findings as errors. @default false */
  readonly failOnUnverified?: boolean;
}

/** The location text of one finding: `findingId: message`, or the message. */
export function findingLocation(f: Pick<Finding, 'findingId' | 'message'>): string {
  return f.findingId ? `${f.findingId}: ${f.message}` : f.message;
}

/**
 * Groups the unsuppressed findings of a report by rule and severity (a rule's "cannot verify" findings are warnings
 * next to its errors), and says whether any group fails the threshold.
 */
export function toViolations(findings: readonly Finding[], options: ViolationOptions): { groups: ViolationGroup[]; failed: boolean } {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status === 'suppressed') continue;
    const severity: Severity = f.unverified && options.failOnUnverified ? 'error' : f.severity;
    const k = `${f.ruleId}\u0000${severity}`;
    let list = byRule.get(k);
    if (!list) byRule.set(k, (list = []));
    list.push(severity === f.severity ? f : { ...f, severity });
  }
  const groups: ViolationGroup[] = [];
  let failed = false;
  for (const list of byRule.values()) {
    const first = list[0];
    if (atOrAbove(first.severity, options.threshold)) failed = true;
    groups.push({
      ruleId: first.ruleId,
      severity: first.severity,
      title: first.status === 'error' ? first.message : first.unverified ? `${first.title} (cannot verify)` : first.title,
      remediation: first.remediation,
      controls: first.controls,
      findings: list,
    });
  }
  return { groups, failed };
}
