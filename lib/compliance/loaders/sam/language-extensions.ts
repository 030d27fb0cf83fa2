/**
 * What the `AWS::LanguageExtensions` transform does that can be done offline: `Fn::ForEach` over a literal list (or
 * a list parameter's default, reported as an assumption), `Fn::Length` of a literal list, `Fn::ToJsonString`.
 * A loop over a value known only at deploy time is reported as unchecked.
 */
import { containsIntrinsic, obj } from './common';
import { UncheckedNote } from './context';

export const FOR_EACH_PREFIX = 'Fn::ForEach::';

export interface LanguageExtensionsResult {
  readonly value: any;
  readonly notes: UncheckedNote[];
}

/** Expands the language extensions in a template section (e.g. Resources). */
export function expandLanguageExtensions(section: unknown, parameters: Record<string, any>): LanguageExtensionsResult {
  const notes: UncheckedNote[] = [];
  const value = walk(section, parameters, notes, []);
  return { value, notes };
}

function walk(v: unknown, parameters: Record<string, any>, notes: UncheckedNote[], path: string[]): any {
  if (Array.isArray(v)) return v.map((x, i) => walk(x, parameters, notes, [...path, String(i)]));
  const o = obj(v);
  if (!o) return v;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Fn::Length') {
    const arg = walk(o['Fn::Length'], parameters, notes, path);
    return Array.isArray(arg) && !containsIntrinsic(arg) ? arg.length : { 'Fn::Length': arg };
  }
  if (keys.length === 1 && keys[0] === 'Fn::ToJsonString') {
    const arg = walk(o['Fn::ToJsonString'], parameters, notes, path);
    // CloudFormation serializes the (resolved) value; a Json-typed property reads the object the same way.
    return containsIntrinsic(arg) ? arg : JSON.stringify(arg);
  }
  const out: Record<string, any> = {};
  for (const k of keys) {
    if (!k.startsWith(FOR_EACH_PREFIX)) {
      out[k] = walk(o[k], parameters, notes, [...path, k]);
      continue;
    }
    const loop = o[k];
    const where = [...path, k].join('.');
    if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string' || !obj(loop[2])) {
      notes.push({ id: `foreach:${where}`, severity: 'error', reason: `${where} is not [Identifier, Collection, {OutputKey: Template}]; CloudFormation refuses it and nothing it would generate was checked` });
      continue;
    }
    const [identifier, collection, template] = loop as [string, unknown, Record<string, any>];
    let items: unknown = collection;
    const param = obj(collection)?.Ref;
    if (typeof param === 'string' && Object.keys(obj(collection)!).length === 1 && obj(parameters[param])) {
      const d = parameters[param].Default;
      items = typeof d === 'string' ? d.split(',').map((s) => s.trim()) : d;
      if (items !== undefined) {
        notes.push({ id: `foreach:${where}`, severity: 'warning', reason: `Cannot verify: ${where} loops over parameter ${param}; it was expanded with the parameter's default (${JSON.stringify(d)}), and a deployment can pass other values` });
      }
    }
    if (!Array.isArray(items) || items.some((x) => typeof x !== 'string')) {
      notes.push({ id: `foreach:${where}`, severity: 'error', reason: `${where} loops over a collection known only at deploy time; what it generates was not checked` });
      continue;
    }
    for (const item of items as string[]) {
      const expanded = walk(substitute(template, identifier, item), parameters, notes, path);
      for (const [ek, ev] of Object.entries(expanded)) out[ek] = ev;
    }
  }
  return out;
}

/** One iteration: `${Id}` and `&{Id}` in keys, `{Ref: Id}` and `${Id}` in `Fn::Sub` strings. */
function substitute(v: unknown, id: string, value: string): any {
  if (Array.isArray(v)) return v.map((x) => substitute(x, id, value));
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, any>;
  if (Object.keys(o).length === 1 && o.Ref === id) return value;
  if (Object.keys(o).length === 1 && o['Fn::Sub'] !== undefined) {
    const s = o['Fn::Sub'];
    if (typeof s === 'string') return { 'Fn::Sub': s.split(`\${${id}}`).join(value) };
    if (Array.isArray(s) && typeof s[0] === 'string' && !(obj(s[1]) && id in s[1])) return { 'Fn::Sub': [s[0].split(`\${${id}}`).join(value), substitute(s[1], id, value)] };
  }
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  const out: Record<string, any> = {};
  for (const [k, x] of Object.entries(o)) out[k.split(`\${${id}}`).join(value).split(`&{${id}}`).join(alnum)] = substitute(x, id, value);
  return out;
}
