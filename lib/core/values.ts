/**
 * Small, platform-neutral readers for JSON-like values (parsed YAML, CloudFormation properties, Kubernetes objects).
 * The one copy of these helpers: the rules, loaders and the SAM expansion import them from here.
 * Every reader tolerates any input and never throws.
 */

/** The plain object, or undefined (null, arrays and scalars are not objects). */
export function obj(v: unknown): Record<string, any> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
}

/** The array, or []. */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** A literal string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
