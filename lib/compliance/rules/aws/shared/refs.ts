/**
 * Cross-resource lookups shared by the AWS rules: which template resources a value references, and indexes of
 * "resources that reference X", built once per run (`context.memo`) so that rules stay linear in the number of
 * resources.
 */
import { Resource, RuleContext } from '../../../model';
import { conditionValues, tokensOf } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/** The `Ref` / `Fn::GetAtt` targets (`Bucket`, `Bucket.Arn`) of the resource tokens anywhere in a resolved value. */
export function referencedTargets(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof v === 'string') {
    for (const t of tokensOf(v)) if (t.kind === 'r') out.add(t.description);
  } else if (Array.isArray(v)) {
    for (const x of v) referencedTargets(x, out);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) referencedTargets(x, out);
  }
  return out;
}

/** The logical ids of the template resources referenced anywhere in a resolved value. */
export function referencedIds(v: unknown): Set<string> {
  const out = new Set<string>();
  for (const t of referencedTargets(v)) out.add(t.split('.')[0]);
  return out;
}

/**
 * Whether a resource is certainly created: it has no `Condition`, or its condition is true whatever the parameters.
 * Protective companions (a bucket policy, a logging configuration, a web ACL association) count only when certain.
 */
export function certainlyCreated(r: Resource): boolean {
  const c = obj(r.body)?.Condition;
  if (c === undefined) return true;
  if (typeof c !== 'string' || !r.template) return false;
  const values = conditionValues(c, r.template);
  return values.length === 1 && values[0] === true;
}

/** The key of a logical id within a stack (indexes are per stack). */
export function stackKey(stack: string | undefined, logicalId: string | undefined): string {
  return `${stack ?? ''}\u0000${logicalId ?? ''}`;
}

/**
 * Resources of some types indexed by the logical ids they reference in some properties (any alternative, anywhere
 * inside the value: `Fn::Join`, `Fn::Sub`...), built once per run under `key`. Resources that may not be created
 * (a `Condition` that can be false) are left out.
 */
export function referencingIndex(
  context: RuleContext,
  key: string,
  types: readonly string[],
  properties: readonly string[],
): Map<string, Resource[]> {
  return context.memo(`aws-refs:${key}`, () => {
    const map = new Map<string, Resource[]>();
    for (const type of types) {
      for (const r of context.ofType(type)) {
        if (!certainlyCreated(r)) continue;
        const v = valuesOf(r, context);
        const ids = new Set<string>();
        for (const p of properties) for (const a of v.alts(p)) for (const id of referencedIds(a.value)) ids.add(id);
        for (const id of ids) {
          const k = stackKey(r.stack, id);
          const list = map.get(k);
          if (list) list.push(r);
          else map.set(k, [r]);
        }
      }
    }
    return map;
  });
}

/** The resources of an index that reference `resource`. */
export function referencers(index: Map<string, Resource[]>, resource: Resource): Resource[] {
  return index.get(stackKey(resource.stack, resource.logicalId)) ?? [];
}

/**
 * Logical ids (per stack) of the resources of `type` whose literal `nameProperty` (in any alternative) is `name`:
 * for properties that name a resource instead of referencing it (`DestinationBucketName: my-logs`).
 */
export function byLiteralName(context: RuleContext, type: string, nameProperty: string): Map<string, string[]> {
  return context.memo(`aws-refs:names:${type}:${nameProperty}`, () => {
    const map = new Map<string, string[]>();
    for (const r of context.ofType(type)) {
      for (const a of valuesOf(r, context).alts(nameProperty)) {
        if (typeof a.value !== 'string' || tokensOf(a.value).length > 0) continue;
        const k = stackKey(r.stack, a.value);
        const list = map.get(k) ?? [];
        if (r.logicalId && !list.includes(r.logicalId)) list.push(r.logicalId);
        map.set(k, list);
      }
    }
    return map;
  });
}
