/**
 * Small helpers shared by the offline SAM expansion (lib/compliance/loaders/sam/*): value shapes, the intrinsic
 * forms SAM generates, and the logical-id hashes SAM derives from data.
 */
import { createHash } from 'crypto';
import { obj } from '../../../core/values';
export { obj };

/** Whether a value is an intrinsic function: an object with one key, `Ref`, `Condition` or `Fn::*` (as SAM decides). */
export function isIntrinsic(v: unknown): boolean {
  const o = obj(v);
  if (!o) return false;
  const keys = Object.keys(o);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

/** `{ "Ref": "AWS::NoValue" }`. */
export function isNoValue(v: unknown): boolean {
  return obj(v)?.Ref === 'AWS::NoValue';
}

/** The logical id a `{Ref}` names, or a bare string id, or undefined. */
export function refTarget(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const r = obj(v)?.Ref;
  return typeof r === 'string' && Object.keys(obj(v)!).length === 1 ? r : undefined;
}

export const ref = (id: string) => ({ Ref: id });
export const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });

/** Deep copy of plain JSON data (template values). */
export function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

/** Deletes keys whose value is undefined (SAM leaves unset properties out of the generated resource). */
export function compact<T extends Record<string, any>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** A tag list `[{Key, Value}]` from a SAM tag map, SAM's own tag first when given. */
export function tagList(tags: unknown, samTag?: [string, string]): any[] | undefined {
  const out: any[] = [];
  if (samTag) out.push({ Key: samTag[0], Value: samTag[1] });
  for (const [k, v] of Object.entries(obj(tags) ?? {})) out.push({ Key: k, Value: v });
  return out.length > 0 ? out : undefined;
}

/**
 * JSON as Python's `json.dumps(data, separators=(",", ":"), sort_keys=True)` writes it (ASCII only), which is what the
 * SAM translator hashes into generated logical ids.
 */
export function pythonJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return pythonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${pythonString(k)}:${pythonJson(o[k])}`).join(',')}}`;
}

function pythonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** SHA-1 hex of a string. */
export function sha1(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}

/**
 * SAM's `LogicalIdGenerator(prefix, data).gen()`: the prefix plus the first 10 hex digits of the SHA-1 of the data
 * (a string as is, anything else as Python's sorted compact JSON); no data, no suffix.
 */
export function hashedLogicalId(prefix: string, data: unknown): string {
  if (data === undefined || data === null || data === '' || (typeof data === 'object' && Object.keys(data as object).length === 0)) return prefix;
  return prefix + sha1(typeof data === 'string' ? data : pythonJson(data)).slice(0, 10);
}

/** Whether a value contains an intrinsic function anywhere. */
export function containsIntrinsic(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(containsIntrinsic);
  const o = obj(v);
  if (!o) return false;
  if (isIntrinsic(o)) return true;
  return Object.values(o).some(containsIntrinsic);
}

/** `${X.Arn}`-style shorthand of a `Ref`/`Fn::GetAtt`, as SAM writes it into `Fn::Sub` strings. */
export function shorthand(v: { 'Ref'?: string; 'Fn::GetAtt'?: string[] }): string {
  if (v.Ref) return `\${${v.Ref}}`;
  const [id, attr] = v['Fn::GetAtt'] ?? [];
  return `\${${id}.${attr}}`;
}

/**
 * Notes the keys of an event's properties this checker does not read (`what`: "an Api event"), as one "not understood"
 * problem: what SAM generates from them is not checked, so the run must not pass silently.
 */
export function noteUnknownKeys(keys: readonly string[], known: readonly string[], what: string, note: (reason: string) => void, prefix = ''): void {
  const extra = keys.filter((k) => !known.includes(k));
  if (extra.length > 0) note(`${extra.map((k) => prefix + k).join(', ')} of ${what} ${extra.length > 1 ? 'are' : 'is'} not understood by this checker`);
}
