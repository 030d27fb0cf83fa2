/**
 * The scalar semantics of kubectl's YAML reader.
 *
 * `kubectl apply -f` turns each YAML document into JSON with sigs.k8s.io/yaml (`YAMLToJSON`), which decodes the
 * document with go-yaml v2 into `interface{}` values and converts map keys to strings. This module reproduces
 * that decoding for scalars (go-yaml v2 `resolve.go` and the `scalar()` step of `decode.go`) and for map keys
 * (sigs.k8s.io/yaml `convertToJSONableObject`), so that both of our parse paths judge exactly the values kubectl
 * sends. Nothing here is copied code: it is a re-implementation written from the documented behaviour.
 *
 * Results are plain JSON values: `null`, booleans, numbers, strings. Go's `int`/`uint64`/`float64` all become
 * JavaScript numbers, the same numbers the API server decodes from the JSON kubectl sends (integers beyond 2^53
 * lose the same precision there as here). `-0` becomes `0` (JSON `-0` decodes to the integer 0).
 */

/** An input kubectl cannot send (go-yaml or the JSON conversion fails on it). */
export class GoYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoYamlError';
    Object.setPrototypeOf(this, GoYamlError.prototype);
  }
}

const P = 'tag:yaml.org,2002:';
/** Full YAML 1.1 tag names. */
export const TAGS = {
  str: `${P}str`,
  bool: `${P}bool`,
  int: `${P}int`,
  float: `${P}float`,
  null: `${P}null`,
  timestamp: `${P}timestamp`,
  binary: `${P}binary`,
  merge: `${P}merge`,
  map: `${P}map`,
  seq: `${P}seq`,
} as const;

/** What go-yaml resolved a scalar to. `uint` is Go's uint64 (above int64's range), `big` a *big.Int. */
export type GoKind = 'str' | 'null' | 'bool' | 'int' | 'uint' | 'float' | 'timestamp' | 'binary' | 'other';

export interface Resolved {
  readonly kind: GoKind;
  /** The JSON value kubectl sends. */
  readonly value: null | boolean | number | string;
  /** Integers: the exact decimal digits (for map keys beyond 2^53). */
  readonly exact?: string;
}

/** go-yaml v2 `resolveTable`: the hint of a scalar's first byte. */
const HINT = new Uint8Array(256);
const H_SIGN = 1;
const H_DIGIT = 2;
const H_MAP = 3;
const H_DOT = 4;
(() => {
  HINT['+'.charCodeAt(0)] = H_SIGN;
  HINT['-'.charCodeAt(0)] = H_SIGN;
  for (const c of '0123456789') HINT[c.charCodeAt(0)] = H_DIGIT;
  for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = H_MAP;
  HINT['.'.charCodeAt(0)] = H_DOT;
})();

/** go-yaml v2 `resolveMap`: exact spellings. */
const MAP = new Map<string, Resolved>();
(() => {
  const add = (kind: GoKind, value: Resolved['value'], names: string[]) => { for (const n of names) MAP.set(n, { kind, value }); };
  add('bool', true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
  add('bool', false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
  add('null', null, ['', '~', 'null', 'Null', 'NULL']);
  add('float', NaN, ['.nan', '.NaN', '.NAN']);
  add('float', Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
  add('float', -Infinity, ['-.inf', '-.Inf', '-.INF']);
})();

const STR_STRING: Resolved = { kind: 'str', value: '' };

/** go-yaml's `yamlStyleFloat`, applied after removing underscores. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go `strconv.ParseFloat` syntax for a decimal that starts with `.` (underscores only between digits). */
const GO_DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
/** A plain decimal integer that a double holds exactly (the common case, decided without BigInt). */
const SMALL_DECIMAL = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

type IntParse = { ok: true; value: bigint } | { ok: false; range: boolean };

/** Go `strconv.ParseInt(s, 0, 64)` / `ParseUint(s, 0, 64)` (s has no underscores). */
function parseGoInt(s: string, unsigned: boolean): IntParse {
  let i = 0;
  let neg = false;
  if (!unsigned && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let base = 10;
  if (s[i] === '0' && s.length > i + 1) {
    const p = s[i + 1].toLowerCase();
    if (p === 'x') { base = 16; i += 2; } else if (p === 'o') { base = 8; i += 2; } else if (p === 'b') { base = 2; i += 2; } else { base = 8; i += 1; }
  }
  const digits = s.slice(i);
  if (digits === '') return { ok: false, range: false };
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return { ok: false, range: false };
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (unsigned ? v > UINT64_MAX : v < INT64_MIN || v > INT64_MAX) return { ok: false, range: true };
  return { ok: true, value: v };
}

function intResult(kind: 'int' | 'uint', v: bigint): Resolved {
  const n = Number(v);
  return { kind, value: n === 0 ? 0 : n, exact: v.toString() };
}

function floatResult(n: number): Resolved {
  // -0 is sent as JSON `-0`, which the API server decodes as the integer 0; as a map key it is "-0"
  return n === 0 ? (Object.is(n, -0) ? { kind: 'float', value: 0, exact: '-0' } : { kind: 'float', value: 0 }) : { kind: 'float', value: n };
}

/** go-yaml v2 resolution of an untagged plain scalar, or of a scalar with a resolvable tag. */
function resolveText(tag: string, s: string): Resolved {
  const hint = s.length === 0 ? H_MAP /* "" is in the map */ : HINT[s.charCodeAt(0)] ?? 0;
  if (hint !== 0 && tag !== TAGS.str && tag !== TAGS.binary) {
    const hit = MAP.get(s);
    if (hit) return hit;
    if (hint === H_DOT) {
      if (GO_DOT_FLOAT.test(s)) {
        const n = Number(s.replace(/_/g, ''));
        if (Number.isFinite(n)) return floatResult(n); // ParseFloat: out of range is an error, so a string
      }
    } else if (hint === H_DIGIT || hint === H_SIGN) {
      if ((tag === '' || tag === TAGS.timestamp) && isGoTimestamp(s)) return { kind: 'timestamp', value: s };
      const plain = s.includes('_') ? s.replace(/_/g, '') : s;
      if (SMALL_DECIMAL.test(plain)) {
        const n = Number(plain);
        return { kind: 'int', value: n === 0 ? 0 : n, exact: String(n === 0 ? 0 : n) };
      }
      const i = parseGoInt(plain, false);
      if (i.ok) return intResult('int', i.value);
      const u = parseGoInt(plain, true);
      if (u.ok) return intResult('uint', u.value);
      if (YAML_STYLE_FLOAT.test(plain)) {
        const n = Number(plain);
        if (Number.isFinite(n)) return floatResult(n);
      }
      if (u.range) {
        // go-yaml v2.4 (kubectl <= 1.29) keeps this as a string, sigs.k8s.io/yaml's fork (kubectl >= 1.30) as a
        // big integer: the cluster would receive different values depending on the kubectl version.
        throw new GoYamlError(`integer ${s} is out of the 64-bit range: kubectl versions read it differently (a string or a number); quote it`);
      }
    }
  }
  return { kind: 'str', value: s };
}

/**
 * Resolves one scalar node as go-yaml v2 decodes it into `interface{}`.
 * @param text the scalar's content (after quotes, escapes and folding)
 * @param plain whether the scalar is plain (unquoted, not a block scalar)
 * @param tag its explicit tag, resolved to the full name (`tag:yaml.org,2002:bool`), `!` or a local tag; undefined when untagged
 */
export function resolveScalar(text: string, plain: boolean, tag?: string): Resolved {
  if (tag === undefined || tag === '') {
    if (!plain) return text === '' ? STR_STRING : { kind: 'str', value: text };
    return resolveText('', text);
  }
  switch (tag) {
    case TAGS.str:
      return { kind: 'str', value: text };
    case TAGS.binary:
      return { kind: 'binary', value: decodeBinary(text) };
    case TAGS.bool:
    case TAGS.int:
    case TAGS.float:
    case TAGS.null:
    case TAGS.timestamp: {
      const r = resolveText(tag, text);
      const want = tag.slice(P.length);
      if (r.kind === want || (r.kind === 'uint' && want === 'int')) return r;
      if (want === 'float' && r.kind === 'int') return { kind: 'float', value: r.value };
      // go-yaml: "cannot decode !!str `yes` as a !!int"
      const got = r.kind === 'uint' ? 'int' : r.kind;
      throw new GoYamlError(`cannot decode !!${got} \`${text.length > 40 ? text.slice(0, 37) + '...' : text}\` as a !!${want}`);
    }
    default:
      // `!`, `!!merge`, `!!map`, local and unknown tags: go-yaml does not resolve them and keeps the text
      return { kind: 'other', value: text };
  }
}

/** `!!binary`: Go's base64.StdEncoding (padding required, line breaks ignored); the bytes must be UTF-8 text. */
function decodeBinary(text: string): string {
  const b64 = text.replace(/[\r\n]/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) {
    throw new GoYamlError('!!binary value contains invalid base64 data');
  }
  const bytes = Buffer.from(b64, 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // json.Marshal would replace the invalid bytes with U+FFFD: refuse rather than guess what arrives
    throw new GoYamlError('!!binary value is not UTF-8 text (kubectl would send it altered)');
  }
}

/** Whether `s` is a YAML timestamp as go-yaml v2 `parseTimestamp` reads it (Go `time.Parse` with its four layouts). */
export function isGoTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  const year = Number(s.slice(0, 4));
  let p = 5;
  // getnum: one or two digits
  const num = (): number | undefined => {
    if (!isDigit(s, p)) return undefined;
    if (!isDigit(s, p + 1)) return Number(s[p++]);
    const n = Number(s.slice(p, p + 2));
    p += 2;
    return n;
  };
  const month = num();
  if (month === undefined || month < 1 || month > 12 || s[p] !== '-') return false;
  p++;
  const day = num();
  if (day === undefined) return false;
  const daysIn = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || day > daysIn) return false;
  if (p === s.length) return true; // "2006-1-2"
  const sep = s[p];
  if (sep !== 'T' && sep !== 't' && sep !== ' ') return false;
  p++;
  const hour = num();
  if (hour === undefined || hour > 23 || s[p] !== ':') return false;
  p++;
  const min = num();
  if (min === undefined || min > 59 || s[p] !== ':') return false;
  p++;
  const sec = num();
  if (sec === undefined || sec > 59) return false;
  if ((s[p] === '.' || s[p] === ',') && isDigit(s, p + 1)) {
    p++;
    while (isDigit(s, p)) p++;
  }
  if (sep === ' ') return p === s.length; // "2006-1-2 15:4:5.999999999": no zone
  if (s[p] === 'Z') return p + 1 === s.length;
  // "Z07:00": +hh:mm (hour <= 24, minute <= 60, as time.Parse checks them)
  if (s.length - p !== 6 || (s[p] !== '+' && s[p] !== '-') || s[p + 3] !== ':') return false;
  if (!isDigit(s, p + 1) || !isDigit(s, p + 2) || !isDigit(s, p + 4) || !isDigit(s, p + 5)) return false;
  return Number(s.slice(p + 1, p + 3)) <= 24 && Number(s.slice(p + 4, p + 6)) <= 60;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Fast path: the value of an untagged plain scalar (block-yaml.ts). Returns `s` itself (same
 * string) for strings. Values that need care as map keys or cannot be sent as JSON set `unsafe.seen`.
 */
export function resolvePlainValue(s: string, unsafe: { seen: boolean }): null | boolean | number | string {
  const c = s.length === 0 ? 0x7e /* "" resolves like "~" */ : s.charCodeAt(0);
  const hint = c < 256 ? HINT[c] : 0;
  if (hint === 0) return s;
  // the common cases without allocating: words (name, true, on...) and small decimal integers
  if (hint === H_MAP) {
    const hit = MAP.get(s);
    if (hit === undefined) return s;
    if (hit.value === null) unsafe.seen = true;
    return hit.value;
  }
  if (hint === H_DIGIT) {
    if (SMALL_UNSIGNED.test(s)) return s.length === 1 ? c - 48 : Number(s);
    // a character no number uses: a string ("100m", "1Gi"); timestamps, which stay strings, need no check either
    if (NOT_NUMERIC.test(s)) return s;
  }
  const r = resolveText('', s);
  if (r.kind === 'str' || r.kind === 'timestamp') return s;
  if (r.kind === 'null' || r.kind === 'float' || r.kind === 'uint' || (r.kind === 'int' && !Number.isSafeInteger(r.value as number))) unsafe.seen = true;
  return r.value;
}

/** A character that appears in no Go integer or float literal (digits, hex digits, base prefixes, `_`, `.`, signs). */
const NOT_NUMERIC = /[^0-9a-fA-FxXoO_.+-]/;

/** A decimal integer without sign, leading zero or underscore that a double holds exactly. */
const SMALL_UNSIGNED = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * The JSON key string sigs.k8s.io/yaml makes of a resolved map key, and the identity of the key in the Go map
 * (two keys with one identity overwrite each other in go-yaml; two identities with one string collide in the
 * JSON conversion and the surviving value depends on Go's map order).
 */
export function jsonKeyOf(r: Resolved): { key: string; identity: string } {
  switch (r.kind) {
    case 'str':
    case 'timestamp':
    case 'binary':
    case 'other':
      return { key: r.value as string, identity: `s:${r.value as string}` };
    case 'bool':
      return { key: r.value ? 'true' : 'false', identity: `b:${r.value}` };
    case 'int':
      return { key: r.exact ?? String(r.value), identity: `i:${r.exact ?? String(r.value)}` };
    case 'float': {
      const v = r.value as number;
      // Go map keys: NaN is never equal to itself, +0 == -0
      return { key: r.exact === '-0' ? '-0' : formatFloat32g(v), identity: Number.isNaN(v) ? `f:NaN:${Math.random()}` : `f:${v === 0 ? 0 : v}` };
    }
    case 'uint':
      throw new GoYamlError(`unsupported map key ${r.exact}: an unsigned 64-bit integer key cannot be converted to JSON`);
    case 'null':
    default:
      throw new GoYamlError('unsupported map key of type null: a null key cannot be converted to JSON');
  }
}

/** Go `strconv.FormatFloat(v, 'g', -1, 32)` with go-yaml's spellings of infinities and NaN. */
export function formatFloat32g(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  const f = Math.fround(v);
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const neg = f < 0;
  const a = Math.abs(f);
  // shortest decimal that reads back as the same float32
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = a.toExponential(p - 1);
    if (Math.fround(Number(e)) === a) {
      const [mant, ex] = e.split('e');
      digits = mant.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(ex);
      break;
    }
  }
  let out: string;
  if (exp < -4 || exp >= 6) {
    // %e with at least two exponent digits
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    out = `${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else if (exp >= 0) {
    const intLen = exp + 1;
    out = digits.length <= intLen ? digits + '0'.repeat(intLen - digits.length) : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  } else {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return neg ? `-${out}` : out;
}
