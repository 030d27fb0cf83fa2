import { Resource, RuleContext } from '../../../model';
import { obj } from '../../../values/json';

/** Template metadata key with which AuditBaseline marks its CloudTrail trail. The baseline rules only look at marked trails. */
export const AUDIT_BASELINE_MARKER = 'secure-constructs:audit-baseline';

/** Whether a trail was created by an AuditBaseline (carries the marker metadata). */
export function isBaselineTrail(resource: Resource): boolean {
  return obj(obj(resource.body)?.Metadata)?.[AUDIT_BASELINE_MARKER] !== undefined;
}

/** Stacks (by name) that have at least one resource of `type` satisfying `test`, computed once per run. */
export function stacksWith(context: RuleContext, type: string, key: string, test: (r: Resource) => boolean): Set<string> {
  return context.memo(`aws-audit:${key}`, () => new Set(context.ofType(type).filter(test).map((r) => r.stack ?? '')));
}

