/**
 * The one value-resolution layer for CloudFormation: what a property can be once CloudFormation has evaluated it.
 *
 * `resolve(node, scope)` evaluates intrinsic functions offline, as far as a template allows:
 * - literals written as intrinsics (`Fn::Sub` without variables, `Fn::Join` / `Fn::Select` / `Fn::Split` /
 *   `Fn::FindInMap` / `Fn::Base64` / `Fn::Cidr` over literals) become the literal;
 * - `Ref` to a parameter becomes its possible values: the `Default`, every `AllowedValues` entry, and (without
 *   `AllowedValues`) "any value given at deploy time"; in a nested stack, the value the parent stack passes;
 * - `Fn::If` becomes a choice between its branches (unless its condition is constant), `AWS::NoValue` and `null`
 *   remove the property or list entry;
 * - what cannot be known before deployment (`Fn::ImportValue`, `Fn::GetAtt` / `Ref` of a resource, pseudo
 *   parameters, SSM parameters, macro output) becomes a *token* inside a string, of one of three kinds: `r` (a value
 *   produced by a resource of this template: concrete, never a wildcard), `p` (a pseudo parameter such as the account
 *   id), `u` (unknown: could be anything).
 *
 * The result is a tree of plain JSON values in which `Choice` nodes mark alternatives and `ABSENT` marks a removed
 * value. `expand(node)` lists the concrete alternatives of a subtree, each with how it arises (`via`), capped so that
 * hostile templates cannot explode: past the cap, one extra alternative is an unknown token (never a silent pass).
 */
import { obj } from './json';
import { cidrSubnets } from '../../core/cidr';

/** One possible value and how it arises (`parameter SSHLocation default`, `Fn::If IsProd (false)`). */
export interface Alt<T = unknown> {
  readonly value: T;
  readonly via: readonly string[];
}

/** Alternatives of a value inside a resolved tree. */
export class Choice {
  constructor(public readonly alts: readonly Alt[]) {}
}

/** A value removed by `AWS::NoValue` (or written as `null`). */
export const ABSENT: unique symbol = Symbol('AWS::NoValue');

/** Most alternatives one `expand` returns. */
export const MAX_ALTERNATIVES = 64;
const MAX_DEPTH = 64;

// ---- tokens ---------------------------------------------------------------------------------------------------

/** Kinds of tokens: a resource's value, a pseudo parameter, or an unknown value. */
export type TokenKind = 'r' | 'p' | 'u';
const T0 = '\uE000';
const T1 = '\uE001';
const TOKEN_RE = /\uE000([rpu])(\d+)\uE001/g;
const descriptions: string[] = [];
const descriptionIndex = new Map<string, number>();

const tokenStrings: Record<TokenKind, Map<string, string>> = { r: new Map(), p: new Map(), u: new Map() };

/** A token standing for a value unknown before deployment, usable inside strings. */
export function token(kind: TokenKind, description: string): string {
  const made = tokenStrings[kind];
  let t = made.get(description);
  if (t !== undefined) return t;
  let i = descriptionIndex.get(description);
  if (i === undefined) {
    i = descriptions.length;
    descriptions.push(description);
    descriptionIndex.set(description, i);
  }
  t = `${T0}${kind}${i}${T1}`;
  made.set(description, t);
  return t;
}

/** Whether a string holds tokens (or a broken piece of one). */
export function hasTokens(s: string): boolean {
  return s.includes(T0) || s.includes(T1);
}

/** The tokens of a string. A broken token (split apart by `Fn::Split`) counts as unknown. */
export function tokensOf(s: string): { kind: TokenKind; description: string }[] {
  if (!hasTokens(s)) return [];
  const out: { kind: TokenKind; description: string }[] = [];
  const rest = s.replace(TOKEN_RE, (_, kind: TokenKind, i: string) => {
    out.push({ kind, description: descriptions[Number(i)] ?? '?' });
    return '';
  });
  if (hasTokens(rest)) out.push({ kind: 'u', description: 'part of a value split apart' });
  return out;
}

/** The worst kind among a string's tokens (`u` > `r` > `p`), or undefined for a literal. */
export function tokenKind(s: string): TokenKind | undefined {
  if (!hasTokens(s)) return undefined;
  // one scan, as `tokensOf` reads the string: well-formed tokens, and any other marker is a broken (unknown) one
  let worst: TokenKind | undefined;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0xe001) return 'u';
    if (c !== 0xe000) {
      i++;
      continue;
    }
    const k = s.charCodeAt(i + 1);
    let j = i + 2;
    while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (!(k === 114 || k === 112 || k === 117) || j === i + 2 || j >= n || s.charCodeAt(j) !== 0xe001) return 'u';
    if (k === 117) return 'u';
    if (k === 114) worst = 'r';
    else if (worst === undefined) worst = 'p';
    i = j + 1;
  }
  return worst;
}

/** Results of `literalText` / `shape` for strings with tokens (rules ask again for the same resolved strings). */
const literalTexts = new Map<string, string>();
const shapes = new Map<string, string>();

function remember(cache: Map<string, string>, s: string, v: string): string {
  if (cache.size > 50_000) cache.clear();
  cache.set(s, v);
  return v;
}

/** The string without its tokens: what is certainly literal in it. */
export function literalText(s: string): string {
  if (!hasTokens(s)) return s;
  return literalTexts.get(s) ?? remember(literalTexts, s, s.replace(TOKEN_RE, '').replace(/[\uE000\uE001]/g, ''));
}

/** The string with each token replaced by `<r>` / `<p>` / `<u>` (its kind), for pattern matching on its shape. */
export function shape(s: string): string {
  if (!hasTokens(s)) return s;
  return shapes.get(s) ?? remember(shapes, s, s.replace(TOKEN_RE, (_, kind: TokenKind) => `<${kind}>`).replace(/[\uE000\uE001]/g, '<u>'));
}

/** A readable form: tokens shown as `${Bucket.Arn}` (resource / pseudo parameter) or `<ImportValue X>` (unknown). */
export function display(v: unknown): string {
  if (typeof v === 'string') {
    return hasTokens(v)
      ? v.replace(TOKEN_RE, (_, kind: TokenKind, i: string) => (kind === 'u' ? `<${descriptions[Number(i)]}>` : `\${${descriptions[Number(i)]}}`)).replace(/[\uE000\uE001]/g, '')
      : v;
  }
  if (v === undefined || v === ABSENT) return '(unset)';
  if (v instanceof Choice) return v.alts.map((a) => display(a.value)).join(' | ');
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'string' ? display(x) : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Whether any string in a (concrete) value holds an unknown (`u`) token. */
export function containsUnknown(v: unknown): boolean {
  if (typeof v === 'string') return tokenKind(v) === 'u';
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** Whether a (concrete) value holds tokens of any kind. */
export function containsTokens(v: unknown): boolean {
  if (typeof v === 'string') return hasTokens(v);
  if (Array.isArray(v)) return v.some(containsTokens);
  if (v && typeof v === 'object') return Object.values(v).some(containsTokens);
  return false;
}

// ---- scope ----------------------------------------------------------------------------------------------------

/** How a nested stack's parameters are given by its parent. */
export interface ParentBinding {
  readonly scope: CfnScope;
  /** The `Parameters` property of the parent's `AWS::CloudFormation::Stack` resource (unresolved). */
  readonly parameters: unknown;
  /** For messages: the nested stack resource, e.g. `Parent/ChildStack`. */
  readonly label: string;
}

/** Everything resolution needs from one template. Built once per template (see `scopeOf`). */
export class CfnScope {
  public readonly parameters: Record<string, any>;
  public readonly mappings: Record<string, any>;
  public readonly conditions: Record<string, any>;
  public readonly resources: Record<string, any>;
  /** @internal */ public readonly memo = new WeakMap<object, unknown>();
  /** @internal */ public readonly paramMemo = new Map<string, unknown>();
  /** @internal */ public readonly conditionMemo = new Map<string, readonly boolean[]>();
  /** @internal */ public readonly inProgress = new Set<string>();

  constructor(template: unknown, public readonly parent?: ParentBinding) {
    const t = obj(template) ?? {};
    this.parameters = obj(t.Parameters) ?? {};
    this.mappings = obj(t.Mappings) ?? {};
    this.conditions = obj(t.Conditions) ?? {};
    this.resources = obj(t.Resources) ?? {};
  }
}

const scopes = new WeakMap<object, CfnScope>();

/** The scope of a template (cached per template object). */
export function scopeOf(template: object, parent?: ParentBinding): CfnScope {
  let s = scopes.get(template);
  if (!s) scopes.set(template, (s = new CfnScope(template, parent)));
  return s;
}

// ---- resolution -----------------------------------------------------------------------------------------------

/** Containers created by resolution that hold a Choice somewhere below (original nodes never do). */
const choiceful = new WeakSet<object>();

/** Whether a resolved value holds alternatives (a Choice, or a container with one inside). */
export function isChoiceful(v: unknown): boolean {
  return v instanceof Choice || (typeof v === 'object' && v !== null && choiceful.has(v));
}

function choice(alts: Alt[]): unknown {
  // identical values with no explanation collapse to the value itself
  if (alts.length === 1 && alts[0].via.length === 0) return alts[0].value;
  return new Choice(alts);
}

/** A literal input string may not forge tokens: the private-use marker characters are replaced. */
function sanitize(s: string): string {
  return hasTokens(s) ? s.replace(/[\uE000\uE001]/g, '\uFFFD') : s;
}

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z0-9]+)$/;

/** The intrinsic function name of a node (`Ref`, `Fn::Join`...), or undefined. */
export function intrinsicName(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  // without allocating the key list: exactly one own key, named like an intrinsic
  let first: string | undefined;
  for (const k in node) {
    if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
    if (first !== undefined) return undefined;
    first = k;
  }
  if (first === undefined) return undefined;
  const c = first.charCodeAt(0);
  return (c === 82 || c === 67 || c === 70) && INTRINSIC.test(first) ? first : undefined; // R(ef), C(ondition), F(n::)
}

/**
 * Resolves a CloudFormation value (a property, a whole `Properties` object...) in a template's scope.
 * Unchanged subtrees are returned as they are (same object), so resolving literal templates costs a walk.
 */
export function resolve(node: unknown, scope: CfnScope, depth = 0): unknown {
  if (typeof node === 'string') return sanitize(node);
  if (node === null) return ABSENT;
  if (typeof node !== 'object') return node;
  if (depth > MAX_DEPTH) return token('u', 'value nested too deeply to evaluate');
  // only intrinsic nodes are memoized (they may be reached again through parameters and attributes); plain
  // containers are walked once per resource
  const isArray = Array.isArray(node);
  const fn = isArray ? undefined : intrinsicName(node);
  if (fn) {
    const memo = scope.memo.get(node as object);
    if (memo !== undefined) return memo;
    const out = resolveIntrinsic(fn, (node as any)[fn], scope, depth + 1);
    scope.memo.set(node as object, out);
    return out;
  }
  let out: unknown;
  if (isArray) {
    const arr = node as unknown[];
    let items: unknown[] | undefined; // created on the first change only
    let hasChoice = false;
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      const r = typeof x === 'object' || (typeof x === 'string' && hasTokens(x)) ? resolve(x, scope, depth + 1) : x;
      if (r !== x && !items) items = arr.slice(0, i);
      if (r === ABSENT) continue;
      if (hasChoice === false && typeof r === 'object' && r !== null && isChoiceful(r)) hasChoice = true;
      if (items) items.push(r);
    }
    out = items ?? node;
    if (hasChoice) choiceful.add(out as object);
  } else if (Object.prototype.hasOwnProperty.call(node, 'Fn::Transform')) {
    out = token('u', 'output of a macro (Fn::Transform)');
  } else {
    let o: Record<string, unknown> | undefined; // created on the first change only
    let hasChoice = false;
    const src = node as Record<string, unknown>;
    for (const k in src) {
      if (!Object.prototype.hasOwnProperty.call(src, k)) continue;
      const v = src[k];
      const r = typeof v === 'object' || (typeof v === 'string' && hasTokens(v)) ? resolve(v, scope, depth + 1) : v;
      if (r !== v && !o) {
        o = {};
        for (const k2 in src) {
          if (k2 === k) break;
          if (Object.prototype.hasOwnProperty.call(src, k2) && src[k2] !== null) o[k2] = src[k2];
        }
      }
      if (r === ABSENT) continue;
      if (hasChoice === false && typeof r === 'object' && r !== null && isChoiceful(r)) hasChoice = true;
      if (o) o[k] = r;
    }
    out = o ?? node;
    if (hasChoice) choiceful.add(out as object);
  }
  return out;
}

/**
 * The concrete alternatives of a resolved subtree (no Choice left inside; `ABSENT` removed from containers; an
 * absent value itself is `undefined`). At most `MAX_ALTERNATIVES` (+1 unknown alternative when cut).
 */
export function expand(node: unknown, cap = MAX_ALTERNATIVES): Alt[] {
  if (node === ABSENT) return [{ value: undefined, via: [] }];
  if (!isChoiceful(node)) return [{ value: node, via: [] }];
  const out = expandInner(node, cap);
  return out;
}

function cut(alts: Alt[], cap: number): Alt[] {
  if (alts.length <= cap) return alts;
  return [...alts.slice(0, cap), { value: token('u', `one of more than ${cap} combinations`), via: [`more than ${cap} combinations`] }];
}

function expandInner(node: unknown, cap: number): Alt[] {
  if (node instanceof Choice) {
    const out: Alt[] = [];
    for (const a of node.alts) {
      for (const x of expandInner(a.value, cap)) {
        out.push({ value: x.value, via: [...a.via, ...x.via] });
        if (out.length > cap) return cut(out, cap);
      }
    }
    return out;
  }
  if (node === ABSENT) return [{ value: ABSENT, via: [] }];
  if (!isChoiceful(node)) return [{ value: node, via: [] }];
  if (Array.isArray(node)) {
    let acc: Alt[] = [{ value: [], via: [] }];
    for (const x of node) {
      const xs = expandInner(x, cap);
      const next: Alt[] = [];
      for (const a of acc) {
        for (const b of xs) {
          next.push({ value: b.value === ABSENT ? a.value : [...(a.value as unknown[]), b.value], via: [...a.via, ...b.via] });
          if (next.length > cap) break;
        }
        if (next.length > cap) break;
      }
      acc = cut(next, cap);
    }
    return acc;
  }
  let acc: Alt[] = [{ value: {}, via: [] }];
  for (const [k, v] of Object.entries(node as object)) {
    const xs = expandInner(v, cap);
    const next: Alt[] = [];
    for (const a of acc) {
      for (const b of xs) {
        next.push({ value: b.value === ABSENT ? a.value : { ...(a.value as object), [k]: b.value }, via: [...a.via, ...b.via] });
        if (next.length > cap) break;
      }
      if (next.length > cap) break;
    }
    acc = cut(next, cap);
  }
  return acc;
}

/** Expands and turns a top-level ABSENT into undefined. */
function concrete(node: unknown): Alt[] {
  return expand(node).map((a) => (a.value === ABSENT ? { value: undefined, via: a.via } : a));
}

/** Maps every concrete alternative of the arguments through `f` (which returns a value, or alternatives). */
function mapAlts(args: unknown[], f: (values: unknown[]) => unknown, via: string[] = []): unknown {
  // the common case: every argument has one value (no Fn::If, no parameter): no alternatives to combine
  let single = true;
  for (const a of args) {
    if (isChoiceful(a)) {
      single = false;
      break;
    }
  }
  if (single) {
    const r = f(args.map((a) => (a === ABSENT ? undefined : a)));
    if (r instanceof Choice || via.length === 0) return r;
    const literal = typeof r === 'string' ? !hasTokens(r) : !containsTokens(r);
    return literal ? new Choice([{ value: r, via }]) : r;
  }
  let acc: Alt<unknown[]>[] = [{ value: [], via: [] }];
  for (const a of args) {
    const xs = concrete(a);
    const next: Alt<unknown[]>[] = [];
    for (const p of acc) for (const x of xs) next.push({ value: [...p.value, x.value], via: [...p.via, ...x.via] });
    acc = next.slice(0, MAX_ALTERNATIVES + 1);
  }
  const out: Alt[] = [];
  for (const a of acc) {
    const r = f(a.value);
    const rs = r instanceof Choice ? r.alts : [{ value: r, via: [] }];
    for (const x of rs) {
      const literal = typeof x.value === 'string' ? !hasTokens(x.value) : !containsTokens(x.value);
      out.push({ value: x.value, via: [...a.via, ...x.via, ...(literal ? via : [])] });
    }
  }
  const dedup = dedupe(out);
  return choice(cut(dedup, MAX_ALTERNATIVES));
}

function dedupe(alts: Alt[]): Alt[] {
  const seen = new Set<string>();
  const out: Alt[] = [];
  for (const a of alts) {
    let k: string;
    try {
      k = typeof a.value === 'string' ? `s${a.value}\u0000${a.via.join('\u0001')}` : `j${JSON.stringify(a.value)}\u0000${a.via.join('\u0001')}`;
    } catch {
      k = String(Math.random());
    }
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

/** The worst token kind of several values (strings / nested). */
function worstKind(values: unknown[]): TokenKind {
  let worst: TokenKind = 'p';
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const k = tokenKind(v);
      if (k === 'u') worst = 'u';
      else if (k === 'r' && worst === 'p') worst = 'r';
    } else if (Array.isArray(v)) {v.forEach(visit);} else if (v && typeof v === 'object') {Object.values(v).forEach(visit);}
  };
  values.forEach(visit);
  return worst;
}

function isScalarString(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

/** Attributes that return a property of the resource as written (so the property decides the attribute). */
const ATTRIBUTE_PROPERTY: Record<string, Record<string, string>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::PrefixList': { PrefixListName: 'PrefixListName' },
  'AWS::SSM::Parameter': { Value: 'Value' },
};

function resolveIntrinsic(fn: string, arg: unknown, scope: CfnScope, depth: number): unknown {
  const r = (x: unknown) => resolve(x, scope, depth + 1);
  switch (fn) {
    case 'Ref':
      return resolveRef(arg, scope, depth);
    case 'Fn::GetAtt':
      return resolveGetAtt(arg, scope, depth);
    case 'Fn::ImportValue':
      return mapAlts([r(arg)], ([name]) => token('u', `Fn::ImportValue ${display(name)}`));
    case 'Fn::Sub':
      return resolveSub(arg, scope, depth);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) return token('u', 'malformed Fn::Join');
      return mapAlts([r(arg[0]), r(arg[1])], ([delim, list]) => {
        if (typeof delim !== 'string') return token('u', 'Fn::Join with a non-string delimiter');
        if (typeof list === 'string') return hasTokens(list) ? token(worstKind([list]), `Fn::Join of ${display(list)}`) : list;
        if (!Array.isArray(list)) return token('u', 'Fn::Join of a non-list');
        if (!list.every(isScalarString)) return token('u', 'Fn::Join of a list that holds objects');
        return list.map(String).join(delim);
      }, ['Fn::Join']);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return token('u', 'malformed Fn::Select');
      return mapAlts([r(arg[0]), r(arg[1])], ([index, list]) => {
        const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : undefined;
        if (typeof list === 'string' && hasTokens(list)) return token(worstKind([list]), `an element of ${display(list)}`);
        if (i === undefined) return token('u', `Fn::Select with index ${display(index)}`);
        if (!Array.isArray(list)) return token('u', 'Fn::Select from a non-list');
        if (i >= list.length) return token('u', `Fn::Select index ${i} out of range`);
        return list[i];
      }, ['Fn::Select']);
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2) return token('u', 'malformed Fn::Split');
      return mapAlts([r(arg[0]), r(arg[1])], ([delim, s]) => {
        if (typeof delim !== 'string' || typeof s !== 'string') return token('u', 'Fn::Split of a non-string');
        if (hasTokens(s) && (delim === '' || /[\d\uE000\uE001rpu]/.test(delim))) return token(worstKind([s]), `Fn::Split of ${display(s)}`);
        return delim === '' ? [s] : s.split(delim);
      }, ['Fn::Split']);
    }
    case 'Fn::FindInMap':
      return resolveFindInMap(arg, scope, depth);
    case 'Fn::If':
      return resolveIf(arg, scope, depth);
    case 'Fn::Base64':
      return mapAlts([r(arg)], ([s]) => {
        if (typeof s !== 'string') return token('u', 'Fn::Base64 of a non-string');
        return hasTokens(s) ? token(worstKind([s]), `Base64 of ${display(s)}`) : Buffer.from(s, 'utf8').toString('base64');
      }, ['Fn::Base64']);
    case 'Fn::Cidr': {
      if (!Array.isArray(arg) || arg.length !== 3) return token('u', 'malformed Fn::Cidr');
      return mapAlts([r(arg[0]), r(arg[1]), r(arg[2])], ([block, count, bits]) => {
        if (typeof block !== 'string' || hasTokens(block)) return token(typeof block === 'string' ? worstKind([block]) : 'u', `Fn::Cidr of ${display(block)}`);
        const list = cidrSubnets(block, Number(count), Number(bits));
        return list ?? token('u', `Fn::Cidr of ${block}`);
      }, ['Fn::Cidr']);
    }
    case 'Fn::GetAZs':
      return token('p', 'Fn::GetAZs');
    case 'Fn::Length':
      return mapAlts([r(arg)], ([list]) => (Array.isArray(list) ? list.length : token('u', 'Fn::Length of an unknown list')));
    case 'Fn::ToJsonString':
      return mapAlts([r(arg)], ([v]) => JSON.stringify(v));
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
    case 'Condition': {
      const values = evalCondition({ [fn]: arg }, scope, depth);
      return values.length === 1 ? values[0] : new Choice(values.map((v) => ({ value: v, via: [`condition ${v}`] })));
    }
    case 'Fn::Transform':
      return token('u', 'output of a macro (Fn::Transform)');
    default:
      return token('u', `${fn} (not evaluated)`);
  }
}

function resolveRef(arg: unknown, scope: CfnScope, depth: number): unknown {
  if (typeof arg !== 'string') return token('u', `Ref of ${display(arg)}`);
  if (arg === 'AWS::NoValue') return ABSENT;
  if (PSEUDO.has(arg)) return token('p', arg);
  if (Object.prototype.hasOwnProperty.call(scope.parameters, arg)) return parameterValue(arg, scope, depth);
  if (Object.prototype.hasOwnProperty.call(scope.resources, arg)) return token('r', arg);
  return token('u', `Ref ${arg} (not defined in the template)`);
}

/** The possible values of a parameter: what the parent passes, or the Default, the AllowedValues, any value. */
function parameterValue(name: string, scope: CfnScope, depth: number): unknown {
  const memo = scope.paramMemo.get(name);
  if (memo !== undefined) return memo;
  const decl = obj(scope.parameters[name]) ?? {};
  const type = typeof decl.Type === 'string' ? decl.Type : 'String';
  const isList = /^(CommaDelimitedList|List<)/.test(type);
  const fromText = (v: unknown): unknown => (isList && typeof v === 'string' ? v.split(',').map((x) => x.trim()) : typeof v === 'number' ? String(v) : v);
  let out: unknown;
  const given = scope.parent ? obj(scope.parent.parameters) : undefined;
  if (scope.parent && given && Object.prototype.hasOwnProperty.call(given, name)) {
    const key = `param:${name}`;
    if (scope.inProgress.has(key)) return token('u', `parameter ${name} (circular)`);
    scope.inProgress.add(key);
    const alts = concrete(resolve(given[name], scope.parent.scope, depth + 1));
    scope.inProgress.delete(key);
    out = choice(alts.map((a) => ({ value: fromText(a.value), via: [`parameter ${name} given by ${scope.parent!.label}`, ...a.via] })));
    if (alts.length === 1 && alts[0].via.length === 0) out = fromText(alts[0].value);
  } else if (/^AWS::SSM::Parameter::Value</.test(type)) {
    out = new Choice([{ value: token('u', `parameter ${name} (read from SSM at deploy time)`), via: [`parameter ${name} from SSM`] }]);
  } else {
    const alts: Alt[] = [];
    if (decl.Default !== undefined && decl.Default !== null) alts.push({ value: fromText(decl.Default), via: [`parameter ${name} default`] });
    const allowed = Array.isArray(decl.AllowedValues) ? decl.AllowedValues : [];
    for (const v of allowed) {
      if (decl.Default !== undefined && String(v) === String(decl.Default)) continue;
      alts.push({ value: fromText(v), via: [`parameter ${name} allowed value ${JSON.stringify(v)}`] });
    }
    if (allowed.length === 0) alts.push({ value: token('u', `parameter ${name} (any value given at deploy time)`), via: [`parameter ${name} given at deploy time`] });
    out = new Choice(alts);
  }
  scope.paramMemo.set(name, out);
  return out;
}

function resolveGetAtt(arg: unknown, scope: CfnScope, depth: number): unknown {
  let id: unknown;
  let attr: unknown;
  if (typeof arg === 'string') {
    const i = arg.indexOf('.');
    if (i < 0) return token('u', `Fn::GetAtt ${arg}`);
    id = arg.slice(0, i);
    attr = arg.slice(i + 1);
  } else if (Array.isArray(arg) && arg.length === 2) {
    id = arg[0];
    attr = resolve(arg[1], scope, depth + 1);
  } else {
    return token('u', 'malformed Fn::GetAtt');
  }
  if (typeof id !== 'string') return token('u', 'Fn::GetAtt of a computed resource');
  if (typeof attr !== 'string' || hasTokens(attr)) return token('u', `Fn::GetAtt ${id}.${display(attr)}`);
  const target = obj(scope.resources[id]);
  if (!target) return token('u', `Fn::GetAtt ${id}.${attr} (not defined in the template)`);
  const type = typeof target.Type === 'string' ? target.Type : '';
  if (type === 'Custom::AWSCDKCfnJson' && attr === 'Value') {
    const key = `getatt:${id}.${attr}`;
    if (scope.inProgress.has(key)) return token('u', `Fn::GetAtt ${id}.${attr} (circular)`);
    scope.inProgress.add(key);
    const v = resolve(obj(target.Properties)?.Value, scope, depth + 1);
    scope.inProgress.delete(key);
    return mapAlts([v], ([x]) => {
      if (typeof x !== 'string') return x;
      try {
        return JSON.parse(x);
      } catch {
        return token('r', `${id}.${attr}`);
      }
    });
  }
  const prop = ATTRIBUTE_PROPERTY[type]?.[attr];
  if (prop && obj(target.Properties)?.[prop] !== undefined) {
    const key = `getatt:${id}.${attr}`;
    if (scope.inProgress.has(key)) return token('u', `Fn::GetAtt ${id}.${attr} (circular)`);
    scope.inProgress.add(key);
    const v = resolve(obj(target.Properties)![prop], scope, depth + 1);
    scope.inProgress.delete(key);
    return v;
  }
  return token('r', `${id}.${attr}`);
}

function resolveSub(arg: unknown, scope: CfnScope, depth: number): unknown {
  let text: unknown;
  let vars: Record<string, unknown> = {};
  if (typeof arg === 'string') {text = arg;} else if (Array.isArray(arg) && arg.length === 2 && obj(arg[1])) {
    text = arg[0];
    vars = obj(arg[1])!;
  } else if (Array.isArray(arg) && arg.length === 1) {text = arg[0];} else {return token('u', 'malformed Fn::Sub');}
  const resolvedText = resolve(text, scope, depth + 1);
  if (typeof resolvedText !== 'string') return token('u', 'Fn::Sub of a computed string');
  // split into literal pieces and variables
  const parts: unknown[] = [];
  const re = /\$\{([^}]*)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(resolvedText))) {
    parts.push(resolvedText.slice(last, m.index));
    const name = m[1];
    if (name.startsWith('!')) {parts.push('${' + name.slice(1) + '}');} else {
      const v = name.trim();
      if (Object.prototype.hasOwnProperty.call(vars, v)) parts.push(resolve(vars[v], scope, depth + 1));
      else if (v.includes('.') && !PSEUDO.has(v)) parts.push(resolveGetAtt(v, scope, depth + 1));
      else parts.push(resolveRef(v, scope, depth + 1));
    }
    last = m.index + m[0].length;
  }
  parts.push(resolvedText.slice(last));
  return mapAlts(parts, (values) => {
    if (!values.every((x) => isScalarString(x) || x === undefined)) return token('u', 'Fn::Sub of a list or object');
    return values.map((x) => (x === undefined ? '' : String(x))).join('');
  }, ['Fn::Sub']);
}

function resolveFindInMap(arg: unknown, scope: CfnScope, depth: number): unknown {
  if (!Array.isArray(arg) || arg.length < 3) return token('u', 'malformed Fn::FindInMap');
  const r = (x: unknown) => resolve(x, scope, depth + 1);
  const defaultValue = arg.length > 3 ? obj(arg[3])?.DefaultValue : undefined;
  const alts: Alt[] = [];
  for (const m of concrete(r(arg[0]))) {
    for (const k1 of concrete(r(arg[1]))) {
      for (const k2 of concrete(r(arg[2]))) {
        const via = [...m.via, ...k1.via, ...k2.via];
        if (typeof m.value !== 'string' || hasTokens(m.value)) {
          alts.push({ value: token('u', 'Fn::FindInMap of a computed map'), via });
          continue;
        }
        const map = obj(scope.mappings[m.value]);
        if (!map) {
          alts.push({ value: token('u', `Fn::FindInMap ${m.value} (no such mapping)`), via });
          continue;
        }
        const firstKeys = typeof k1.value === 'string' && !hasTokens(k1.value) ? [k1.value] : Object.keys(map);
        for (const a of firstKeys) {
          const level = obj(map[a]);
          const secondKeys = typeof k2.value === 'string' && !hasTokens(k2.value) ? [k2.value] : Object.keys(level ?? {});
          for (const b of secondKeys) {
            const here = [...via, `Fn::FindInMap ${m.value}.${a}.${b}`];
            if (level && Object.prototype.hasOwnProperty.call(level, b)) alts.push({ value: r(level[b]), via: here });
            else if (defaultValue !== undefined) alts.push({ value: r(defaultValue), via: [...via, `Fn::FindInMap ${m.value} default value`] });
            else alts.push({ value: token('u', `Fn::FindInMap ${m.value}.${a}.${b} (no such key)`), via: here });
          }
        }
      }
    }
  }
  return new Choice(cut(alts, MAX_ALTERNATIVES));
}

function resolveIf(arg: unknown, scope: CfnScope, depth: number): unknown {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return token('u', 'malformed Fn::If');
  const name = arg[0];
  const possible = conditionValues(name, scope, depth);
  const r = (x: unknown) => resolve(x, scope, depth + 1);
  if (possible.length === 1) return r(possible[0] ? arg[1] : arg[2]);
  return new Choice([
    { value: r(arg[1]), via: [`Fn::If ${name} (true)`] },
    { value: r(arg[2]), via: [`Fn::If ${name} (false)`] },
  ]);
}

/** The possible values of a named condition: one when constant, both when it depends on deploy-time input. */
export function conditionValues(name: string, scope: CfnScope, depth = 0): readonly boolean[] {
  const memo = scope.conditionMemo.get(name);
  if (memo) return memo;
  if (!Object.prototype.hasOwnProperty.call(scope.conditions, name) || scope.inProgress.has(`cond:${name}`)) return [true, false];
  scope.inProgress.add(`cond:${name}`);
  const values = evalCondition(scope.conditions[name], scope, depth + 1);
  scope.inProgress.delete(`cond:${name}`);
  scope.conditionMemo.set(name, values);
  return values;
}

const BOTH: readonly boolean[] = [true, false];

function evalCondition(node: unknown, scope: CfnScope, depth: number): readonly boolean[] {
  if (depth > MAX_DEPTH) return BOTH;
  const fn = intrinsicName(node);
  const arg = fn ? (node as any)[fn] : undefined;
  const union = (sets: (readonly boolean[])[], f: (xs: boolean[]) => boolean): readonly boolean[] => {
    // combinations of independent sub-conditions (a superset when they are correlated: fail closed)
    let acc: boolean[][] = [[]];
    for (const s of sets) acc = acc.flatMap((p) => s.map((b) => [...p, b]));
    const out = new Set(acc.map(f));
    return [...out];
  };
  switch (fn) {
    case 'Condition':
      return typeof arg === 'string' ? conditionValues(arg, scope, depth) : BOTH;
    case 'Fn::Not':
      return Array.isArray(arg) && arg.length === 1 ? evalCondition(arg[0], scope, depth + 1).map((b) => !b) : BOTH;
    case 'Fn::And':
      return Array.isArray(arg) && arg.length > 0 ? union(arg.map((x) => evalCondition(x, scope, depth + 1)), (xs) => xs.every(Boolean)) : BOTH;
    case 'Fn::Or':
      return Array.isArray(arg) && arg.length > 0 ? union(arg.map((x) => evalCondition(x, scope, depth + 1)), (xs) => xs.some(Boolean)) : BOTH;
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) return BOTH;
      const a = concrete(resolve(arg[0], scope, depth + 1));
      const b = concrete(resolve(arg[1], scope, depth + 1));
      const out = new Set<boolean>();
      for (const x of a) {
        for (const y of b) {
          if (containsTokens(x.value) || containsTokens(y.value)) return BOTH;
          out.add(JSON.stringify(normalizeScalar(x.value)) === JSON.stringify(normalizeScalar(y.value)));
        }
      }
      return out.size === 0 ? BOTH : [...out];
    }
    default: {
      const v = concrete(resolve(node, scope, depth + 1));
      const out = new Set<boolean>();
      for (const x of v) {
        if (x.value === true || x.value === 'true') out.add(true);
        else if (x.value === false || x.value === 'false') out.add(false);
        else return BOTH;
      }
      return out.size === 0 ? BOTH : [...out];
    }
  }
}

function normalizeScalar(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

/**
 * The logical id a value references when it is exactly one resource token (`{Ref: X}` or `{Fn::GetAtt: [X, Attr]}`),
 * else undefined.
 */
export function referencedResource(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\uE000r(\d+)\uE001$/.exec(v);
  if (!m) return undefined;
  const d = descriptions[Number(m[1])] ?? '';
  const i = d.indexOf('.');
  return i < 0 ? d : d.slice(0, i);
}
