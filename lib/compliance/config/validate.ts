/**
 * A small JSON Schema validator for the subset config/schema.ts uses (type, properties, required,
 * additionalProperties, propertyNames, items, minItems, minLength, pattern, enum), run on the YAML node tree so that
 * every problem names the line and the key. It exists so the package validates its config file without a runtime
 * schema library; test/compliance/config/schema.test.ts checks that it agrees with ajv on the shipped schema.
 */
import { Node, isMap, isScalar, isSeq, isAlias, LineCounter } from 'yaml';
import { SchemaNode } from './schema';

/** One schema violation: the key path (`suppressions[0].reason`), the line, and what is wrong. */
export interface SchemaProblem {
  readonly key: string;
  readonly line?: number;
  readonly message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, type: NonNullable<SchemaNode['type']>): boolean {
  const t = typeOf(v);
  if (type === 'number') return t === 'number' || t === 'integer';
  return t === type;
}

const childKey = (parent: string, k: string) => (parent ? `${parent}.${k}` : k);

/**
 * Validates a YAML node against a schema. `value` is the node's JavaScript value (`doc.toJS()` of it).
 */
export function validateNode(node: Node | null | undefined, value: unknown, schema: SchemaNode, key: string, lc: LineCounter): SchemaProblem[] {
  const line = node?.range ? lc.linePos(node.range[0]).line : undefined;
  const problems: SchemaProblem[] = [];
  const fail = (message: string, at = key, l = line) => problems.push({ key: at || '(top level)', line: l, message });
  if (isAlias(node)) {
    fail('YAML aliases are not allowed in the config file (write the value out)');
    return problems;
  }
  if (schema.type && !matchesType(value, schema.type)) {
    fail(`must be ${schema.type === 'array' ? 'a list' : schema.type === 'object' ? 'a mapping' : `a ${schema.type}`} (got ${typeOf(value)}${isScalar(node) ? ` ${JSON.stringify(value)}` : ''})`);
    return problems;
  }
  if (schema.enum && !schema.enum.includes(value)) fail(`must be one of ${schema.enum.join(', ')} (got ${JSON.stringify(value)})`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) fail(`must be at least ${schema.minLength} characters (got ${JSON.stringify(value)})`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail(`has the wrong form (got ${JSON.stringify(value)}; expected ${schema.pattern})`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`must have at least ${schema.minItems} entr${schema.minItems === 1 ? 'y' : 'ies'}`);
    if (schema.items) {
      const items = isSeq(node) ? node.items : [];
      value.forEach((v, i) => problems.push(...validateNode(items[i] as Node | undefined, v, schema.items!, `${key}[${i}]`, lc)));
    }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const pairs = new Map<string, { key?: Node; value?: Node }>();
    if (isMap(node)) {
      for (const p of node.items) {
        const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
        pairs.set(k, { key: p.key as Node | undefined, value: p.value as Node | undefined });
      }
    }
    const lineOf = (k: string) => {
      const n = pairs.get(k)?.key;
      return n?.range ? lc.linePos(n.range[0]).line : line;
    };
    for (const r of schema.required ?? []) if (!(r in obj)) fail(`"${r}" is required`, key, line);
    for (const [k, v] of Object.entries(obj)) {
      const prop = schema.properties?.[k];
      if (schema.propertyNames?.pattern !== undefined && !new RegExp(schema.propertyNames.pattern, 'u').test(k)) {
        fail(`key ${JSON.stringify(k)} has the wrong form (expected ${schema.propertyNames.pattern})`, childKey(key, k), lineOf(k));
      }
      if (prop) {
        problems.push(...validateNode(pairs.get(k)?.value, v, prop, childKey(key, k), lc));
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(schema.properties ?? {});
        fail(`unknown key ${JSON.stringify(k)}${known.length > 0 ? ` (known keys: ${known.join(', ')})` : ''}`, childKey(key, k), lineOf(k));
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        problems.push(...validateNode(pairs.get(k)?.value, v, schema.additionalProperties, childKey(key, k), lc));
      }
    }
  }
  return problems;
}
