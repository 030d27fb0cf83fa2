/**
 * More readers for JSON-like values (the basic obj/arr/str live in lib/core/values.ts and are re-exported here).
 * Every reader tolerates any input and never throws.
 */
import { obj, arr, str } from '../../core/values';

export { obj, arr, str };

/** `v` as a list the way CloudFormation reads list properties: a single value is a list of one, absent is empty. */
export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A number, or a string holding a (decimal) number, as a number; otherwise undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Literal `true` / `"true"` (case-insensitive), as CloudFormation reads booleans. */
export function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

/** Literal `false` / `"false"` (case-insensitive). */
export function isFalse(v: unknown): boolean {
  return v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false');
}
