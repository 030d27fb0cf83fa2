/**
 * The Kubernetes loader's fast path: a reader of the plain subset of YAML that manifests are written in (what cdk8s,
 * Helm, kustomize, kubectl and people write), which gives up on anything else.
 *
 * It reads block mappings and sequences (compact sequences under a key, mappings that start on a `- ` line), plain
 * scalars (folded over lines), single- and double-quoted scalars (JSON escapes only; folded over lines), flow
 * mappings and sequences on one line, literal block scalars (`|` and `|-`), and comments. Scalars resolve with
 * go-yaml v2's semantics (`resolvePlainValue`). Anything else (escapes JSON does not have, folded or kept block
 * scalars, indentation indicators, anchors, tags, keys that are not plain strings, duplicate keys, `__proto__`, a
 * space before `:`, empty `-` entries, trailing commas, empty flow values, `.inf`/`.nan`, carriage returns, tabs, or
 * anything malformed) makes it give up: the loader's full path (the `yaml` package's tree, decoded as go-yaml
 * decodes it) then reads the document and reports what is wrong with it.
 *
 * Its contract: for a document it reads, the value equals what the full path returns (same values, same types,
 * same key order), checked by test/compliance/loaders/block-yaml.test.ts on every fixture, on the output of every
 * construct and on tens of thousands of generated documents and near misses.
 */
import { resolvePlainValue } from './goyaml';

/** Returned when the document is outside the subset. */
export const GAVE_UP: unique symbol = Symbol('gave-up');

/** Thrown inside the reader to give up (never escapes it). */
const STOP = { stop: true };

let s = '';
let end = 0;
/** After a node: the start of the next line with content (not blank, not a comment), or `end`. */
let pos = 0;
/** The indentation of the line nextContent found last. */
let nextIndent = 0;
let maxDepth = 0;
/** resolvePlainValue's note of values that need care: everything this reader reads is checked here instead. */
const resolveNotes = { seen: false };

const NL = 10;
const SP = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQ = 34;
const SQ = 39;
const BACKSLASH = 92;

/**
 * Reads one YAML document (the text between two `---` lines).
 * @param depthLimit nesting beyond which it gives up (the loader's limit decides on the other paths)
 */
export function readBlockYaml(text: string, depthLimit: number): unknown {
  if (text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0) return GAVE_UP;
  s = text;
  end = text.length;
  maxDepth = depthLimit;
  try {
    const p = nextContent(0);
    if (p >= end) return GAVE_UP; // no content: the other paths decide what an empty document is
    const ind = nextIndent;
    const value = blockNode(p + ind, ind, -1, 1);
    if (pos < end) return GAVE_UP;
    return value;
  } catch (e) {
    if (e === STOP) return GAVE_UP;
    throw e;
  } finally {
    s = '';
    openKeys.fill('', 0, keyTop);
    keyTop = 0;
    if (itemTop > itemsUsed) itemsUsed = itemTop;
    // a document with a very long sequence leaves no large stack behind
    if (itemsUsed > 65536) items.length = 0;
    else items.fill(undefined, 0, itemsUsed);
    itemTop = 0;
    itemsUsed = 0;
  }
}

function stop(): never {
  throw STOP;
}

/** Spaces at the start of the line that starts at p. */
function indentAt(p: number): number {
  let i = p;
  while (i < end && s.charCodeAt(i) === SP) i++;
  return i - p;
}

/** The start of the line after the one holding p (or end). */
function nextLine(p: number): number {
  const i = s.indexOf('\n', p);
  return i < 0 ? end : i + 1;
}

/** From a line start: the start of the first line that is neither blank nor a comment, or end. */
function nextContent(p: number): number {
  while (p < end) {
    let i = p;
    while (i < end && s.charCodeAt(i) === SP) i++;
    if (i >= end) return end;
    const c = s.charCodeAt(i);
    if (c !== NL && c !== HASH) {
      nextIndent = i - p;
      // a document marker inside a document cannot happen (the splitter cuts there); be sure
      if (i === p && (s.startsWith('---', p) || s.startsWith('...', p))) stop();
      return p;
    }
    p = nextLine(i);
  }
  return end;
}

function skipSpaces(i: number): number {
  while (i < end && s.charCodeAt(i) === SP) i++;
  return i;
}

/** A `-` that starts a sequence entry. */
function isEntry(i: number): boolean {
  if (s.charCodeAt(i) !== DASH) return false;
  const n = i + 1 < end ? s.charCodeAt(i + 1) : NL;
  return n === SP || n === NL;
}

/** Characters that may not start a plain scalar here (or that this reader leaves to the others). */
function badPlainStart(c: number): boolean {
  return c < 128 && BAD_START[c] !== 0;
}

/** The characters badPlainStart refuses: ? : , [ ] { } # & * ! | > ' " % @ ` (one table lookup instead of 18 comparisons). */
const BAD_START = new Uint8Array(128);
for (const c of '?:,[]{}#&*!|>\'"%@`') BAD_START[c.charCodeAt(0)] = 1;

/* Keys ------------------------------------------------------------------------------------------------------ */

let keyText = '';

/**
 * Whether a block mapping key starts at i: sets keyText and returns the position after the `:`, or -1.
 * Gives up on keys that are not plain strings (the full path converts them as sigs.k8s.io/yaml does).
 */
function blockKey(i: number): number {
  const c = s.charCodeAt(i);
  if (c === DQ || c === SQ) {
    const close = quotedEnd(i);
    if (close < 0) return -1;
    if (s.charCodeAt(close) !== COLON) return -1;
    const n = close + 1 < end ? s.charCodeAt(close + 1) : NL;
    if (n !== SP && n !== NL) return -1;
    keyText = quotedValue;
    checkKey(keyText, false);
    return close + 1;
  }
  if (badPlainStart(c) || (c === DASH && isEntry(i))) return -1;
  let h = 0;
  for (let j = i; j < end; j++) {
    const ch = s.charCodeAt(j);
    if (ch < 64 && BLOCK_STOP[ch] !== 0) {
      if (ch === NL) return -1;
      if (ch === COLON) {
        const n = j + 1 < end ? s.charCodeAt(j + 1) : NL;
        if (n === SP || n === NL) {
          if (s.charCodeAt(j - 1) === SP) stop(); // "a : b"
          keyText = plainKey(i, j, h);
          return j + 1;
        }
      } else if (ch === HASH && s.charCodeAt(j - 1) === SP) {
        return -1; // a comment before any ":"
      }
    }
    h = (Math.imul(h, 31) + ch) | 0;
  }
  return -1;
}

/** Keys this reader leaves to the others: non-string plain keys, long keys, `__proto__`, merge keys. */
function checkKey(k: string, plain: boolean): void {
  if (k.length > 1000 || k === '__proto__' || k === '<<') stop();
  if (plain && resolvePlainValue(k, resolveNotes) !== k) stop();
}

/**
 * The keys of the mappings being read, innermost last: a mapping's keys start at the base it was given. Duplicate
 * keys (the full path reports them) are found by comparing with the keys before, which are
 * mostly the same cached strings: cheaper than a keyed lookup on the new object.
 */
const openKeys: string[] = [];
/** The number of keys in openKeys (a stack pointer: cheaper than changing the array's length). */
let keyTop = 0;

function setKey(o: Record<string, unknown>, base: number, k: string, v: unknown): void {
  const n = keyTop;
  if (n - base < 16) {
    for (let x = base; x < n; x++) if (openKeys[x] === k) stop();
  } else if (Object.prototype.hasOwnProperty.call(o, k)) {
    stop();
  }
  openKeys[keyTop++] = k;
  o[k] = v;
}

/* Quoted scalars --------------------------------------------------------------------------------------------- */

let quotedValue = '';

/**
 * A quoted scalar starting at i: sets quotedValue and returns the position after the closing quote. It may go on
 * over lines when `parent` is given (a value in a block indented by parent, as YAML writers fold long strings):
 * each line break with the spaces around it folds into one space; blank lines inside and escapes make it give up.
 */
function quotedEnd(i: number, parent = NO_FOLDING): number {
  const q = s.charCodeAt(i);
  let out = '';
  let from = i + 1;
  for (let j = i + 1; j < end; j++) {
    const ch = s.charCodeAt(j);
    if (ch === q) {
      if (q === SQ && s.charCodeAt(j + 1) === SQ) {
        out += s.slice(from, j + 1);
        from = j + 2;
        j++;
        continue;
      }
      quotedValue = out + s.slice(from, j);
      return j + 1;
    }
    if (ch === BACKSLASH && q === DQ) {
      out += s.slice(from, j) + escapeAt(j);
      j += escapeLength - 1;
      from = j + 1;
      continue;
    }
    if (ch === NL) {
      if (parent === NO_FOLDING) stop();
      let seg = out + s.slice(from, j);
      let e = seg.length;
      while (e > 0 && seg.charCodeAt(e - 1) === SP) e--;
      seg = e === seg.length ? seg : seg.slice(0, e);
      const ind = indentAt(j + 1);
      const first = j + 1 + ind;
      // a blank line (a line feed in the value), the end, or a line not indented past the block: the other readers
      if (first >= end || s.charCodeAt(first) === NL || ind <= parent || ind === 0) stop();
      out = seg + ' ';
      from = first;
      j = first - 1;
    }
  }
  stop();
}

let escapeLength = 0;

/**
 * The character of the escape at j (a backslash in a double-quoted scalar); sets escapeLength. Only the escapes of
 * JSON: the others (`\0`, `\e`, `\N`, `\x41`, `\U...`, escaped line breaks...) are left to the full path, and so
 * are escaped characters the loader refuses as raw text (controls, U+0085, U+2028, U+2029, surrogates, non-characters).
 */
function escapeAt(j: number): string {
  const c = s.charCodeAt(j + 1);
  escapeLength = 2;
  switch (c) {
    case 110: return '\n';
    case 116: return '\t';
    case 114: return '\r';
    case 98: return '\b';
    case 102: return '\f';
    case DQ: return '"';
    case BACKSLASH: return '\\';
    case 47: return '/';
    case 117: {
      const hex = s.slice(j + 2, j + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) stop();
      const code = parseInt(hex, 16);
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)
        || code === 0xfeff || code === 0xfffe || code === 0xffff) stop();
      escapeLength = 6;
      return String.fromCharCode(code);
    }
    default:
      stop();
  }
}

/** quotedEnd: the scalar must end on its line (keys, flow collections). */
const NO_FOLDING = -2;

/* Block nodes ------------------------------------------------------------------------------------------------ */

/** A node that starts at p, the first content of a line indented by col, inside a block indented by parent. */
function blockNode(p: number, col: number, parent: number, depth: number): unknown {
  if (depth > maxDepth) stop();
  if (isEntry(p)) return sequence(p, col, depth);
  const after = blockKey(p);
  if (after >= 0) return mapping(col, after, depth);
  return inlineValue(p, parent, depth);
}

/** The value after a key's `:` or a `- ` that has nothing more on its line: on the following lines, or null. */
function valueBelow(from: number, col: number, depth: number, sequenceMayAlign: boolean): unknown {
  const next = nextContent(nextLine(from));
  if (next < end) {
    const ind = nextIndent;
    if (ind > col) return blockNode(next + ind, ind, col, depth);
    if (ind === col && sequenceMayAlign && isEntry(next + ind)) return sequence(next + ind, col, depth);
  }
  // an empty entry ("-" alone): rare in manifests, and where parsers have differed (js-yaml 4 took a following,
  // less indented entry into this sequence; go-yaml and the full path do not): the full path reads it
  if (!sequenceMayAlign) stop();
  pos = next;
  return null;
}

/** At i after a `:` or `- ` and spaces: whether the line has nothing more (end of line, or a comment). */
function restIsEmpty(i: number, spaced: boolean): boolean {
  if (i >= end) return true;
  const c = s.charCodeAt(i);
  return c === NL || (c === HASH && spaced);
}

function mapping(col: number, afterColon: number, depth: number): Record<string, unknown> {
  if (depth > maxDepth) stop();
  const obj: Record<string, unknown> = {};
  const base = keyTop;
  for (;;) {
    const key = keyText;
    const q = skipSpaces(afterColon);
    const v = restIsEmpty(q, q > afterColon) ? valueBelow(q, col, depth + 1, true) : inlineValue(q, col, depth + 1);
    setKey(obj, base, key, v);
    if (pos >= end || nextIndent < col) {
      keyTop = base;
      return obj;
    }
    const ind = nextIndent;
    if (ind > col) stop();
    afterColon = blockKey(pos + ind);
    if (afterColon < 0) stop(); // an entry or a scalar where a key belongs
  }
}

function sequence(p: number, col: number, depth: number): unknown[] {
  if (depth > maxDepth) stop();
  const base = itemTop;
  for (;;) {
    const q = skipSpaces(p + 1);
    let v: unknown;
    if (restIsEmpty(q, q > p + 1)) {
      v = valueBelow(q, col, depth + 1, false);
    } else if (isEntry(q)) {
      stop(); // "- - a": the other readers
    } else {
      const after = blockKey(q);
      if (after >= 0) v = mapping(col + (q - p), after, depth + 1);
      else v = inlineValue(q, col, depth + 1);
    }
    items[itemTop++] = v;
    if (pos >= end) return takeItems(base);
    const ind = nextIndent;
    if (ind < col) return takeItems(base);
    if (ind > col) stop();
    p = pos + ind;
    if (!isEntry(p)) return takeItems(base); // a key aligned with a compact sequence: the mapping above goes on
  }
}

/**
 * The entries of the sequences being read, innermost last (a stack with a pointer, like openKeys): a sequence
 * becomes an array of exactly its length when it ends, where an array grown by push keeps room for 16 entries,
 * memory that every later garbage collection would copy.
 */
const items: unknown[] = [];
let itemTop = 0;
/** The highest itemTop of the document, to drop the references when it is done. */
let itemsUsed = 0;

function takeItems(base: number): unknown[] {
  if (itemTop > itemsUsed) itemsUsed = itemTop;
  const out = items.slice(base, itemTop);
  itemTop = base;
  return out;
}

/**
 * A value that starts at i on its line (a scalar, a flow collection or a block scalar), in a block indented by
 * parent. Sets pos to the next content line, which must not be indented deeper than parent (that would continue
 * a plain scalar, or be an error).
 */
function inlineValue(i: number, parent: number, depth: number): unknown {
  const c = s.charCodeAt(i);
  let v: unknown;
  let after = i;
  if (c === DQ || c === SQ || c === 91 || c === 123) {
    if (c === DQ || c === SQ) {
      after = quotedEnd(i, parent);
      v = quotedValue;
    } else {
      after = flow(i, depth);
      v = flowValue;
    }
    const k = skipSpaces(after);
    if (!restIsEmpty(k, k > after)) stop();
    after = k;
  } else if (c === 124) {
    return literal(i, parent);
  } else if (badPlainStart(c) || (c === DASH && isEntry(i))) {
    stop();
  } else {
    // one pass: the end of the line, a ": " (refused), a " #" comment; the hash of the text without trailing spaces
    let j = i;
    let h = 0;
    let hTrim = 0;
    let e = i;
    for (; j < end; j++) {
      const ch = s.charCodeAt(j);
      if (ch < 64 && (BLOCK_STOP[ch] !== 0)) {
        if (ch === NL) break;
        if (ch === COLON) {
          const n = j + 1 < end ? s.charCodeAt(j + 1) : NL;
          if (n === SP || n === NL) stop(); // "a: b: c", or a key where a value belongs
        } else if (ch === HASH && s.charCodeAt(j - 1) === SP) {
          break;
        }
      }
      h = (Math.imul(h, 31) + ch) | 0;
      if (ch !== SP) {
        hTrim = h;
        e = j + 1;
      }
    }
    after = j;
    if (j < end && s.charCodeAt(j) === NL && continues(j + 1, parent)) {
      v = resolved(foldPlain(s.slice(i, e), j, parent));
      after = foldEnd;
    } else {
      v = plainValue(i, e, hTrim);
    }
  }
  const next = nextContent(nextLine(after));
  if (next < end && nextIndent > parent) stop();
  pos = next;
  return v;
}

/** Whether the plain scalar whose line ends before p goes on: the next line that is not blank is deeper than parent and no comment. */
function continues(p: number, parent: number): boolean {
  while (p < end) {
    const ind = indentAt(p);
    const c = s.charCodeAt(p + ind);
    if (p + ind >= end) return false;
    if (c !== NL) return ind > parent && c !== HASH;
    p += ind + 1;
  }
  return false;
}

/** Where the last line of a folded plain scalar ends (its line feed). */
let foldEnd = 0;

/**
 * A plain scalar over several lines (as go-yaml and kubectl write long strings): each line break with the spaces
 * around it folds into one space, blank lines into line feeds. `first` is its first line, which ends at j. Gives
 * up on continuation lines that start with an indicator or hold ": " or " #", and at the top of a document.
 */
function foldPlain(first: string, j: number, parent: number): string {
  let text = first;
  let breaks = 0;
  let last = j;
  let p = j + 1;
  while (p < end) {
    const ind = indentAt(p);
    const q = p + ind;
    let lineEnd = s.indexOf('\n', p);
    if (lineEnd < 0) lineEnd = end;
    if (q === lineEnd) {
      breaks++;
      p = lineEnd + 1;
      continue;
    }
    const c = s.charCodeAt(q);
    if (ind <= parent || c === HASH) break; // the scalar ends (a comment line ends it too)
    if (parent < 0 || badPlainStart(c) || c === DASH) stop();
    let e = q;
    for (let k = q; k < lineEnd; k++) {
      const ch = s.charCodeAt(k);
      if (ch === COLON) {
        const n = k + 1 < end ? s.charCodeAt(k + 1) : NL;
        if (n === SP || n === NL) stop();
      } else if (ch === HASH && s.charCodeAt(k - 1) === SP) {
        stop();
      }
      if (ch !== SP) e = k + 1;
    }
    text += (breaks > 0 ? '\n'.repeat(breaks) : ' ') + s.slice(q, e);
    breaks = 0;
    last = lineEnd;
    p = lineEnd + 1;
  }
  foldEnd = last;
  return text;
}

/** A literal block scalar (`|` or `|-`) whose header is at i, in a block indented by parent. */
function literal(i: number, parent: number): string {
  let h = i + 1;
  const strip = s.charCodeAt(h) === DASH;
  if (strip) h++;
  const k0 = skipSpaces(h);
  if (!restIsEmpty(k0, k0 > h)) stop(); // "|+", "|2", "|x": the other readers
  let p = nextLine(k0);
  if (p >= end) stop();
  const k = indentAt(p);
  const firstEnd = s.indexOf('\n', p);
  // leading blank lines, an empty scalar, or content at column 0: the full path
  if (k <= parent || k === 0 || p + k === (firstEnd < 0 ? end : firstEnd)) stop();
  let text = '';
  let pendingBreaks = '';
  let any = false;
  while (p < end) {
    const ind = indentAt(p);
    let e = s.indexOf('\n', p);
    if (e < 0) {
      e = end;
      if (p + ind < end && ind >= k) stop(); // last line without a line break: the other readers
    }
    if (p + ind === e) {
      if (ind > k) stop(); // a line of spaces only, longer than the indentation
      pendingBreaks += '\n';
    } else {
      if (ind < k) break;
      text += (any ? '\n' + pendingBreaks : pendingBreaks) + s.slice(p + k, e);
      pendingBreaks = '';
      any = true;
    }
    p = e + 1;
  }
  if (p > end) p = end;
  const next = nextContent(p);
  if (next < end && nextIndent > parent) stop();
  pos = next;
  return strip ? text : text + '\n';
}

/* Flow collections on one line -------------------------------------------------------------------------------- */

let flowValue: unknown;

/** A flow sequence or mapping starting at i and closing on the same line: sets flowValue, returns the position after it. */
function flow(i: number, depth: number): number {
  if (depth > maxDepth) stop();
  if (s.charCodeAt(i) === 91) {
    let j = skipSpaces(i + 1);
    if (s.charCodeAt(j) === 93) {
      flowValue = [];
      return j + 1;
    }
    const base = itemTop;
    for (;;) {
      j = flowNode(j, depth + 1);
      items[itemTop++] = flowValue;
      j = nextEntry(j, 93); // ":" (a single-pair mapping) gives up there
      if (j < 0) {
        flowValue = takeItems(base);
        return flowEnd;
      }
    }
  }
  const obj: Record<string, unknown> = {};
  const base = keyTop;
  let j = skipSpaces(i + 1);
  if (s.charCodeAt(j) === 125) {
    flowValue = obj;
    return j + 1;
  }
  for (;;) {
    const c = s.charCodeAt(j);
    let key: string;
    if (c === DQ || c === SQ) {
      j = quotedEnd(j);
      key = quotedValue;
      checkKey(key, false);
    } else {
      if (badPlainStart(c) || c === DASH) stop();
      const e = flowPlainEnd(j);
      if (e === j || plainEnd !== e) stop(); // no key, or a space before ":"
      key = plainKey(j, e, plainHash);
      j = e;
    }
    // "{a: 1}", and after a quoted key also "{"a":1}" (JSON); "{a}", "{a:b}", "{a : b}": the other readers
    if (s.charCodeAt(j) !== COLON || (s.charCodeAt(j + 1) !== SP && c !== DQ && c !== SQ)) stop();
    j = skipSpaces(j + 1);
    const v = s.charCodeAt(j);
    if (v === 44 || v === 125) stop(); // an empty value
    j = flowNode(j, depth + 1);
    setKey(obj, base, key, flowValue);
    j = nextEntry(j, 125);
    if (j < 0) {
      keyTop = base;
      flowValue = obj;
      return flowEnd;
    }
  }
}

/** Where the flow collection closed by nextEntry ends. */
let flowEnd = 0;

/**
 * After an entry of a flow collection closed by `close` (`]` or `}`): the start of the next entry, or -1 when the
 * collection closes there (flowEnd is then the position after it). Gives up on a trailing comma, the end of the line
 * (a collection over several lines) and anything else.
 */
function nextEntry(j: number, close: number): number {
  j = skipSpaces(j);
  const c = s.charCodeAt(j);
  if (c === 44) {
    j = skipSpaces(j + 1);
    if (s.charCodeAt(j) === close) stop(); // a trailing comma
    return j;
  }
  if (c !== close) stop();
  flowEnd = j + 1;
  return -1;
}

/** A node inside a flow collection at i: sets flowValue, returns the position after it. */
function flowNode(i: number, depth: number): number {
  const c = s.charCodeAt(i);
  if (c === 91 || c === 123) return flow(i, depth);
  if (c === DQ || c === SQ) {
    const e = quotedEnd(i);
    flowValue = quotedValue;
    return e;
  }
  if (i >= end || c === NL || badPlainStart(c)) stop();
  if (c === DASH) {
    const n = s.charCodeAt(i + 1);
    if (n === SP || n === NL || n === 44 || n === 91 || n === 93 || n === 123 || n === 125 || i + 1 >= end) stop();
  }
  const after = flowPlainEnd(i);
  flowValue = plainValue(i, plainEnd, plainHash);
  return after;
}

/** The end of the trimmed plain scalar found by flowPlainEnd, and its hash. */
let plainEnd = 0;
let plainHash = 0;

/**
 * The end of a plain scalar in a flow collection starting at i (before `,[]{}`, `: `, or the end of the line);
 * sets plainEnd and plainHash for the scalar without trailing spaces.
 */
function flowPlainEnd(i: number): number {
  let h = 0;
  plainEnd = i;
  plainHash = 0;
  for (let j = i; j < end; j++) {
    const ch = s.charCodeAt(j);
    if (ch < 128 && FLOW_STOP[ch] !== 0) {
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) return j;
      if (ch === NL) stop(); // a flow collection over several lines: the other readers
      if (ch === COLON) {
        const n = j + 1 < end ? s.charCodeAt(j + 1) : NL;
        if (n === SP || n === NL || n === 44 || n === 91 || n === 93 || n === 123 || n === 125) return j;
      } else if (ch === HASH && s.charCodeAt(j - 1) === SP) {
        stop(); // a comment inside a flow collection
      }
    }
    h = (Math.imul(h, 31) + ch) | 0;
    if (ch !== SP) {
      plainHash = h;
      plainEnd = j + 1;
    }
  }
  stop();
}

/* Scalars seen before --------------------------------------------------------------------------------------- */

/** Characters that end or may end a plain scalar in block context (line feed, `:`, `#`). */
const BLOCK_STOP = new Uint8Array(64);
/** The same in a flow collection, with the flow indicators `,[]{}`. */
const FLOW_STOP = new Uint8Array(128);
for (const c of [NL, COLON, HASH]) {
  BLOCK_STOP[c] = 1;
  FLOW_STOP[c] = 1;
}
for (const c of ',[]{}') FLOW_STOP[c.charCodeAt(0)] = 1;

/**
 * Manifests repeat their keys and many values (`apiVersion`, `name`, `true`, `ALL`, `http`): short plain scalars
 * resolved once are kept by the hash of their text, so a repeat costs a comparison instead of a new string and
 * its resolution.
 */
const CACHE_SLOTS = 4096;
const cachedText: Array<string | undefined> = new Array(CACHE_SLOTS).fill(undefined);
const cachedValue: unknown[] = new Array(CACHE_SLOTS).fill(null);
const cachedKey: Array<string | undefined> = new Array(CACHE_SLOTS).fill(undefined);

/** A plain scalar resolved as go-yaml resolves it; gives up on `.inf` and `.nan` (JSON cannot hold them: the full path reports them). */
function resolved(text: string): unknown {
  const v = resolvePlainValue(text, resolveNotes);
  if (typeof v === 'number' && !Number.isFinite(v)) stop();
  return v;
}

/** The resolved plain scalar s[i, e) whose hash is h. */
function plainValue(i: number, e: number, h: number): unknown {
  const len = e - i;
  if (len > 48) return resolved(s.slice(i, e));
  const slot = (h ^ (len << 6)) & (CACHE_SLOTS - 1);
  const known = cachedText[slot];
  if (known !== undefined && known.length === len && s.startsWith(known, i)) return cachedValue[slot];
  const text = s.slice(i, e);
  const v = resolved(text);
  cachedText[slot] = text;
  cachedValue[slot] = v;
  return v;
}

/** The plain key s[i, e) whose hash is h, checked as checkKey does. */
function plainKey(i: number, e: number, h: number): string {
  const len = e - i;
  if (len > 48) {
    const k = s.slice(i, e);
    checkKey(k, true);
    return k;
  }
  const slot = (h ^ (len << 6)) & (CACHE_SLOTS - 1);
  const known = cachedKey[slot];
  if (known !== undefined && known.length === len && s.startsWith(known, i)) return known;
  const k = s.slice(i, e);
  checkKey(k, true);
  cachedKey[slot] = k;
  return k;
}
