/**
 * The one threshold: which unsuppressed findings fail a run (the CLI's exit code, `AwsCompliance.enable` and
 * `K8sCompliance.enable` at synth, the cdk8s-cli plugin). `never` reports without failing.
 */
import { Finding, SEVERITY_RANK, Severity } from './model';

/** Threshold for the exit code / pass verdict. */
export type Threshold = 'error' | 'warning' | 'info' | 'never';

export const THRESHOLDS: readonly Threshold[] = ['error', 'warning', 'info', 'never'];

/** Whether a severity is at or above a threshold (`never`: nothing is). An unknown severity counts as `error`. */
export function atOrAbove(severity: Severity | string | undefined, threshold: Threshold): boolean {
  if (threshold === 'never') return false;
  return (SEVERITY_RANK[severity as Severity] ?? SEVERITY_RANK.error) >= SEVERITY_RANK[threshold];
}

/** Whether a finding counts against the threshold (unsuppressed, at or above it). */
export function isBlocking(f: Pick<Finding, 'status' | 'severity'>, threshold: Threshold): boolean {
  return f.status !== 'suppressed' && atOrAbove(f.severity, threshold);
}

/**
 * Reads a threshold given as text (a CLI flag, a cdk8s.yaml property, the FailOn enum). Throws an Error naming
 * `what` when it is not one of `allowed`.
 */
export function parseThreshold(value: unknown, what: string, allowed: readonly Threshold[] = THRESHOLDS): Threshold {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as Threshold;
  throw new Error(`${what} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]} (got ${JSON.stringify(value)})`);
}
