import { ApiObject } from 'cdk8s';
import { Justification } from './justification';
import { MIN_REASON_LENGTH, PropValidator, isValidReason } from '../../core/errors';
import { recordK8sOverride } from '../../core/overrides';

/** A weakened default, checked during validation and recorded on an object once it exists. */
export interface PendingOverride {
  /** The construct property that weakens the default. */
  readonly property: string;
  /** The user's justification. */
  readonly reason: string;
  /** Rule ids whose findings the override accepts. */
  readonly suppresses: string[];
}

/**
 * Checks a justification given for `property`: records a problem (not a throw) when the reason is
 * missing or too short. Returns the pending override, or undefined when no justification was given
 * or it is invalid.
 */
export function checkJustification(
  v: PropValidator,
  property: string,
  justification: Justification | undefined,
  suppresses: string[] = [],
): PendingOverride | undefined {
  if (justification === undefined) return undefined;
  const reason = (justification as any)?.reason;
  if (!isValidReason(reason)) {
    v.fail(
      `${property}.reason`,
      `weakens a secure default and needs a reason of at least ${MIN_REASON_LENGTH} characters (got ${JSON.stringify(reason ?? '')}).`,
      'Write why the weaker setting is acceptable; it is recorded in the manifest and shown in the compliance report.',
    );
    return undefined;
  }
  return { property, reason: String(reason).trim(), suppresses };
}

/** Records pending overrides on an object (annotation + suppressions of the listed rules). */
export function applyOverrides(obj: ApiObject, overrides: readonly (PendingOverride | undefined)[]): void {
  for (const o of overrides) {
    if (!o) continue;
    recordK8sOverride(obj, { property: o.property, reason: o.reason, suppresses: o.suppresses.length > 0 ? o.suppresses : undefined });
  }
}
