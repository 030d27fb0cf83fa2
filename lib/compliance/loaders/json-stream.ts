/**
 * kubectl's JSON branch: a file whose first non-space character (within its first 4096 bytes) is `{` is read by
 * `YAMLOrJSONDecoder` as a stream of JSON values (Go's encoding/json), not as YAML. This reader accepts exactly
 * JSON (RFC 8259: no comments, no trailing commas, no NaN) and, unlike Go, refuses duplicate keys.
 */
import { GoYamlError } from './goyaml';

/** One top-level JSON value of the stream. */
export interface JsonDocument {
  readonly value: unknown;
  /** 1-based line of its first character. */
  readonly line: number;
  /** 0-based position in the stream. */
  readonly index: number;
}

export interface JsonStreamLimits {
  readonly maxDepth: number;
  readonly maxDocuments: number;
  readonly maxDocumentBytes: number;
}

/** A problem at a position of the stream (1-based line). */
export class JsonStreamError extends Error {
  constructor(message: string, public readonly line: number, public readonly fatal: boolean) {
    super(message);
    this.name = 'JsonStreamError';
    Object.setPrototypeOf(this, JsonStreamError.prototype);
  }
}

/** Whether kubectl reads this text as JSON (`hasJSONPrefix` over the first 4096 bytes, Go's unicode.IsSpace). */
export function isJsonStream(text: string): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes < 4096; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) return true;
    if (!isGoSpace(c)) return false;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return false;
}

function isGoSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function setProp(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Parses a JSON stream. Values are returned up to the first syntax error, which ends the stream (as in kubectl);
 * other problems (duplicate keys, a value over the size limit) skip that value only.
 * @param lineOf receives the 1-based line of every object (for List items)
 */
export function parseJsonStream(
  text: string,
  limits: JsonStreamLimits,
  lineOf?: WeakMap<object, number | readonly number[]>,
): { documents: JsonDocument[]; errors: JsonStreamError[] } {
  const documents: JsonDocument[] = [];
  const errors: JsonStreamError[] = [];
  // line of an offset: newline positions, searched on demand
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  let pos = 0;
  let docStart = 0;
  const fail = (msg: string, at = pos): never => {
    throw new JsonStreamError(msg, lineAt(at), true);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };
  const str = (): string => {
    const start = pos + 1;
    let i = start;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('unexpected end of JSON input in a string');
      if (c === 0x22) break;
      if (c < 0x20) fail('invalid character in string literal', i);
      if (c === 0x5c) {
        escaped = true;
        i += 2;
        continue;
      }
      i++;
    }
    pos = i + 1;
    if (!escaped) return text.slice(start, i);
    let s: string;
    try {
      s = JSON.parse(text.slice(start - 1, i + 1));
    } catch {
      fail('invalid escape in string literal', start);
    }
    // Go's decoder replaces unpaired surrogates with U+FFFD
    return s!.replace(LONE_SURROGATE, '\ufffd');
  };
  const value = (depth: number, sensitive = false): unknown => {
    if (depth > limits.maxDepth) fail(`document is nested deeper than ${limits.maxDepth} levels`);
    if (pos - docStart > limits.maxDocumentBytes) throw new JsonStreamError(`document is larger than ${limits.maxDocumentBytes / 1048576} MiB (the API server refuses requests over 3 MiB)`, lineAt(docStart), true);
    ws();
    const c = text.charCodeAt(pos);
    if (c === 0x7b) {
      const objStart = pos;
      pos++;
      const o: Record<string, unknown> = {};
      lineOf?.set(o, lineAt(objStart));
      const seen = new Map<string, { line: number; value: unknown }>();
      ws();
      if (text.charCodeAt(pos) === 0x7d) {
        pos++;
        return o;
      }
      for (;;) {
        ws();
        if (text.charCodeAt(pos) !== 0x22) fail('invalid character looking for beginning of object key string');
        const keyPos = pos;
        const k = str();
        ws();
        if (text.charCodeAt(pos) !== 0x3a) fail('invalid character after object key');
        pos++;
        const hidden = sensitive || (depth === 1 && SENSITIVE_KEYS.has(k));
        const v = value(depth + 1, hidden);
        const prev = seen.get(k);
        if (prev) {
          throw new JsonStreamError(`duplicate key ${JSON.stringify(k)} (line ${prev.line}: ${show(prev.value, hidden)}; line ${lineAt(keyPos)}: ${show(v, hidden)}); kubectl keeps the last one, other tools the first`, lineAt(keyPos), false);
        }
        seen.set(k, { line: lineAt(keyPos), value: v });
        setProp(o, k, v);
        ws();
        const d = text.charCodeAt(pos);
        pos++;
        if (d === 0x2c) continue;
        if (d === 0x7d) return o;
        fail('invalid character after object key:value pair', pos - 1);
      }
    }
    if (c === 0x5b) {
      pos++;
      const a: unknown[] = [];
      const lines: number[] = [];
      lineOf?.set(a, lines);
      ws();
      if (text.charCodeAt(pos) === 0x5d) {
        pos++;
        return a;
      }
      for (;;) {
        ws();
        if (lineOf) lines.push(lineAt(pos));
        a.push(value(depth + 1, sensitive));
        ws();
        const d = text.charCodeAt(pos);
        pos++;
        if (d === 0x2c) continue;
        if (d === 0x5d) return a;
        fail('invalid character after array element', pos - 1);
      }
    }
    if (c === 0x22) return str();
    if (text.startsWith('true', pos)) { pos += 4; return true; }
    if (text.startsWith('false', pos)) { pos += 5; return false; }
    if (text.startsWith('null', pos)) { pos += 4; return null; }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) fail(Number.isNaN(c) ? 'unexpected end of JSON input' : `invalid character ${JSON.stringify(text[pos])} looking for beginning of value`);
    pos += m![0].length;
    const n = Number(m![0]);
    // the API server decodes numbers as int64 or float64: a number beyond float64 is an error there
    if (!Number.isFinite(n)) throw new GoYamlError(`number ${m![0]} is out of range`);
    return n === 0 ? 0 : n;
  };

  for (let index = 0; ; index++) {
    ws();
    if (pos >= text.length) break;
    if (index >= limits.maxDocuments) {
      errors.push(new JsonStreamError(`more than ${limits.maxDocuments} documents`, lineAt(pos), true));
      return { documents: [], errors };
    }
    docStart = pos;
    try {
      const v = value(1);
      documents.push({ value: v, line: lineAt(docStart), index });
    } catch (e) {
      if (e instanceof JsonStreamError && !e.fatal) {
        errors.push(e);
        // skip the rest of this value: re-scan it without values (it parsed up to here, so find its end)
        if (!skipValue()) return { documents, errors };
        continue;
      }
      if (e instanceof GoYamlError) {
        errors.push(new JsonStreamError(e.message, lineAt(docStart), true));
        return { documents, errors };
      }
      if (e instanceof JsonStreamError) {
        errors.push(e);
        return { documents, errors };
      }
      if (e instanceof RangeError) {
        errors.push(new JsonStreamError('document is too deeply nested', lineAt(docStart), true));
        return { documents, errors };
      }
      throw e;
    }
  }
  return { documents, errors };

  /** After a non-fatal error inside a value: skip to the end of the top-level value that started at docStart. */
  function skipValue(): boolean {
    pos = docStart;
    let depth = 0;
    for (; pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        for (pos++; pos < text.length && text.charCodeAt(pos) !== 0x22; pos++) if (text.charCodeAt(pos) === 0x5c) pos++;
      } else if (c === 0x7b || c === 0x5b) {depth++;} else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) {
          pos++;
          return true;
        }
      }
    }
    return false;
  }
}

/** Top-level fields whose values are never shown in messages (Secret and ConfigMap data). */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set(['data', 'stringData', 'binaryData']);

/** A value for a message: short, and hidden under data/stringData. */
export function show(v: unknown, hidden = false): string {
  if (hidden && (v === null || typeof v !== 'object')) return '(value hidden)';
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? '[...]' : '{...}';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
