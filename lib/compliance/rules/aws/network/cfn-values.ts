/** Small readers for CloudFormation property values, shared by the network, edge and audit rules. */
import { Resource, RuleContext } from '../../../model';

/** The object, or undefined. */
export function obj(v: unknown): Record<string, any> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
}

/** The array, or []. */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** The Properties of a CloudFormation resource. */
export function props(resource: Resource): Record<string, any> {
  return obj(obj(resource.body)?.Properties) ?? {};
}

/** Literal `true` / `"true"` (case-insensitive). Intrinsics are not true: checks that need `true` fail closed. */
export function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

/** Literal `false` / `"false"`. */
export function isFalse(v: unknown): boolean {
  return v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
}

/** A literal string, or undefined for intrinsics. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The logical id referenced by `{Ref}`, `{Fn::GetAtt}` (array or `Id.Attr` form), or undefined. */
export function refOf(v: unknown): string | undefined {
  const o = obj(v);
  if (!o) return undefined;
  if (typeof o.Ref === 'string') return o.Ref;
  const ga = o['Fn::GetAtt'];
  if (Array.isArray(ga) && typeof ga[0] === 'string') return ga[0];
  if (typeof ga === 'string') return ga.split('.')[0];
  return undefined;
}

/** The resource a `{Ref}` / `{Fn::GetAtt}` points at, in the same stack. */
export function resolveRef(resource: Resource, v: unknown, context: RuleContext): Resource | undefined {
  const id = refOf(v);
  return id ? context.byLogicalId(resource.stack, id) : undefined;
}

/** ELBv2 attributes (`LoadBalancerAttributes` / `ListenerAttributes`) as a key -> literal value map. */
export function attributes(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of arr(list)) {
    const o = obj(a);
    if (o && typeof o.Key === 'string' && (typeof o.Value === 'string' || typeof o.Value === 'boolean')) out.set(o.Key, String(o.Value));
  }
  return out;
}
