/**
 * What AWS rules read: the possible values of a resource's properties, resolved by the one value-resolution layer
 * (`cfn-resolve.ts`), with helpers that turn "some alternative is bad" into a finding that says how it arises and
 * "some alternative is unknown" into a "cannot verify" finding.
 */
import { Resource, RuleContext, RuleFinding, cannotVerify } from '../model';
import { ABSENT, Alt, CfnScope, Choice, containsUnknown, display, expand, intrinsicName, isChoiceful, resolve, scopeOf } from './cfn-resolve';

const NO_VIA: readonly string[] = Object.freeze([]) as readonly string[];
const EMPTY_PROPS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
import { obj } from './json';

/** One entry of a list property, with its alternatives. */
export interface Item {
  /** 0-based position in the (resolved) list. */
  readonly index: number;
  /** The alternatives of this entry (an entry that may be removed by `AWS::NoValue` has fewer present ones). */
  readonly alts: readonly Alt[];
  /** Whether the entry may be absent (an `Fn::If` with `AWS::NoValue`, or a list-level alternative without it). */
  readonly optional: boolean;
}

/** Where the rest of a path begins after `ResourceValues.root` (set by it; read right after the call). */
let rootStart = 0;

/** The resolved values of one CloudFormation resource. Built lazily, once per resource and run. */
export class ResourceValues {
  private resolvedProps: unknown;
  private resolvedBody: unknown;
  private readonly cached = new Map<string, unknown>();
  private readonly resolvedTop = new Map<string, unknown>();
  /** The unresolved `Properties` when it is a plain object; null when absent, false when it is resolved whole. */
  private rawProps: Record<string, any> | null | false | undefined;

  constructor(public readonly resource: Resource, public readonly scope: CfnScope) {}

  /** A value derived from this resource's values, computed once per run (e.g. its policy documents). */
  public cache<T>(key: string, compute: () => T): T {
    if (!this.cached.has(key)) this.cached.set(key, compute());
    return this.cached.get(key) as T;
  }

  /** The resolved `Properties` (a tree that may hold Choice nodes). */
  public get properties(): unknown {
    if (this.resolvedProps === undefined) {
      const p = obj(this.resource.body)?.Properties;
      this.resolvedProps = p === undefined ? {} : resolve(p, this.scope);
    }
    return this.resolvedProps;
  }

  /**
   * The resolved tree under a path's first property only: rules ask for a few properties of a resource, so only
   * those are resolved (a `Properties` that is itself an intrinsic is resolved whole). Sets `rootStart` to where the
   * rest of the path begins (1 when the first property was taken, else 0).
   */
  private root(path: readonly (string | number)[]): unknown {
    rootStart = 0;
    if (this.resolvedProps !== undefined || path.length === 0) return this.properties;
    if (this.rawProps === undefined) {
      const raw = obj(this.resource.body)?.Properties;
      // a Properties that is itself an intrinsic (or a macro) is resolved whole
      this.rawProps = raw === undefined ? null : intrinsicName(raw) !== undefined || Object.prototype.hasOwnProperty.call(raw, 'Fn::Transform') ? false : raw;
    }
    const p = this.rawProps as Record<string, any> | null | false;
    if (p === null) return EMPTY_PROPS;
    if (p === false || typeof path[0] !== 'string') return this.properties;
    const key = path[0];
    let r = this.resolvedTop.get(key);
    if (r === undefined) {
      r = Object.prototype.hasOwnProperty.call(p, key) ? resolve(p[key], this.scope) : ABSENT;
      this.resolvedTop.set(key, r);
    }
    rootStart = 1;
    return r === ABSENT ? undefined : r;
  }

  /** The possible values of a property (`'A'`, `'A.B'`, or `['A', 'B']`); an unset property is `undefined`. */
  public alts(path: string | readonly (string | number)[]): Alt[] {
    const parts = splitPath(path);
    const node = this.root(parts);
    const start = rootStart;
    // the common case: no alternative on the way nor below (a literal, or a value without Fn::If / parameters)
    let v: unknown = node;
    let simple = true;
    for (let i = start; i < parts.length; i++) {
      const key = parts[i];
      if (v instanceof Choice || (typeof v === 'string' && containsUnknown(v))) {
        simple = false;
        break;
      }
      v = typeof key === 'number' ? (Array.isArray(v) ? v[key] : undefined) : (obj(v) && Object.prototype.hasOwnProperty.call(v, key) ? (v as any)[key] : undefined);
    }
    if (simple && !isChoiceful(v)) return [{ value: v === ABSENT ? undefined : v, via: NO_VIA }];
    return navigate(node, start === 0 ? parts : parts.slice(start)).flatMap((n) => prefix(expand(n.value), n.via)).map(unabsent);
  }

  /** The resolved node(s) at a path, before expansion (Choice nodes kept), each with how it is reached. */
  public nodes(path: string | readonly (string | number)[]): Alt[] {
    const parts = splitPath(path);
    const node = this.root(parts);
    return navigate(node, rootStart === 0 ? parts : parts.slice(rootStart));
  }

  /** The possible values of a resource attribute (`DeletionPolicy`, `UpdateReplacePolicy`, `Condition`). */
  public attribute(name: string): Alt[] {
    if (this.resolvedBody === undefined) {
      const b = obj(this.resource.body) ?? {};
      const attrs: Record<string, unknown> = {};
      for (const k of ['DeletionPolicy', 'UpdateReplacePolicy']) if (b[k] !== undefined) attrs[k] = b[k];
      this.resolvedBody = resolve(attrs, this.scope);
    }
    const body = this.resolvedBody as Record<string, unknown>;
    // the common case: a literal attribute (or none), nothing to open
    if (!isChoiceful(body)) {
      const v = Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
      if (!isChoiceful(v)) return [{ value: v === ABSENT ? undefined : v, via: NO_VIA }];
    }
    return navigate(body, [name]).flatMap((n) => prefix(expand(n.value), n.via)).map(unabsent);
  }

  /**
   * The entries of a list property, across all its alternatives (for "is any entry bad" checks). A single object
   * where CloudFormation expects a list is one entry, as CloudFormation reads it. A list that is unknown as a whole
   * (an imported value) is one entry whose value is the unknown token.
   */
  public items(path: string | readonly (string | number)[]): Item[] {
    const lists = this.lists(path);
    return lists.flatMap((l) => l.value.map((i) => ({ ...i, alts: prefix(i.alts, l.via), optional: i.optional || lists.length > 1 })));
  }

  /**
   * The alternatives of a list property, each with its entries (for "is there always a good entry" checks: an entry
   * counts only if it is present and good in every alternative of it).
   */
  public lists(path: string | readonly (string | number)[]): Alt<Item[]>[] {
    return this.nodes(path).map((n) => ({ value: itemsOf(n.value), via: n.via }));
  }
}

function unabsent(a: Alt): Alt {
  return a.value === ABSENT ? { value: undefined, via: a.via } : a;
}

function prefix(alts: readonly Alt[], via: readonly string[]): Alt[] {
  return via.length === 0 ? [...alts] : alts.map((a) => ({ value: a.value, via: [...via, ...a.via] }));
}

/** Split dotted paths, shared (rules ask for the same few paths of thousands of resources). */
const splitPaths = new Map<string, readonly string[]>();

function splitPath(path: string | readonly (string | number)[]): readonly (string | number)[] {
  if (typeof path !== 'string') return path;
  let parts = splitPaths.get(path);
  if (parts === undefined) {
    parts = Object.freeze(path.split('.'));
    if (splitPaths.size > 10_000) splitPaths.clear();
    splitPaths.set(path, parts);
  }
  return parts;
}

/** Follows a path through a resolved tree, branching at Choice nodes. */
export function navigate(node: unknown, path: readonly (string | number)[]): Alt[] {
  let cur: Alt[] = [{ value: node, via: [] }];
  for (const key of path) {
    const next: Alt[] = [];
    const step = (v: unknown, via: readonly string[]): void => {
      if (v instanceof Choice) {
        for (const a of v.alts) step(a.value, [...via, ...a.via]);
        return;
      }
      if (typeof v === 'string' && containsUnknown(v)) {
        next.push({ value: v, via }); // an unknown container: its members are unknown too
        return;
      }
      if (typeof key === 'number') {
        next.push({ value: Array.isArray(v) ? v[key] : undefined, via });
        return;
      }
      const o = obj(v);
      next.push({ value: o && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined, via });
    };
    for (const c of cur) step(c.value, c.via);
    cur = next;
  }
  return cur;
}

function itemsOf(list: unknown): Item[] {
  const out: Item[] = [];
  const add = (v: unknown, via: readonly string[], optional: boolean) => {
    if (v === undefined || v === ABSENT) return;
    if (v instanceof Choice) {
      const present = v.alts.filter((a) => a.value !== ABSENT && a.value !== undefined);
      // a choice between whole lists: flatten each list's entries, each optional
      if (present.some((a) => Array.isArray(a.value))) {
        for (const a of v.alts) add(a.value, [...via, ...a.via], true);
        return;
      }
      out.push({ index: out.length, alts: prefix(expand(new Choice(present)), via), optional: optional || present.length < v.alts.length });
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) {
        if (x instanceof Choice) {
          const present = x.alts.filter((a) => a.value !== ABSENT && a.value !== undefined);
          out.push({ index: out.length, alts: prefix(expand(new Choice(present)), via), optional: optional || present.length < x.alts.length });
        } else {
          out.push({ index: out.length, alts: prefix(expand(x), via), optional });
        }
      }
      return;
    }
    out.push({ index: out.length, alts: prefix(expand(v), via), optional });
  };
  add(list, [], false);
  return out;
}

/** The resolved values of a resource (memoized per run). Resources without a template scope get an empty one. */
/** One cache per run (context), held weakly: nothing of a run outlives it. */
const valuesByContext = new WeakMap<RuleContext, WeakMap<Resource, ResourceValues>>();

function newValuesCache(): WeakMap<Resource, ResourceValues> {
  return new WeakMap<Resource, ResourceValues>();
}

export function valuesOf(resource: Resource, context: RuleContext): ResourceValues {
  // rules call this for every evaluation: a weak lookup, no closure per call
  let cache = valuesByContext.get(context);
  if (!cache) valuesByContext.set(context, (cache = context.memo('cfn-values', newValuesCache)));
  let v = cache.get(resource);
  if (!v) {
    const scope = resource.template ?? scopeOf({ Resources: {} });
    cache.set(resource, (v = new ResourceValues(resource, scope)));
  }
  return v;
}

/** How an alternative arises, for messages: ` (via parameter SSHLocation default)`, or `''` for a plain literal. */
export function viaText(alt: Alt): string {
  if (alt.via.length === 0) return '';
  return ` (via ${[...new Set(alt.via)].join(', ')})`;
}

/** A verdict of a check on one value: good, bad, or undecidable (an unknown value). */
export type Verdict = boolean | undefined;

/** Splits alternatives into bad and undecidable ones with a predicate (`true` good, `false` bad, `undefined` unknown). */
export function judge(alts: readonly Alt[], good: (v: unknown) => Verdict): { bad: Alt[]; unknown: Alt[] } {
  const bad: Alt[] = [];
  const unknown: Alt[] = [];
  for (const a of alts) {
    const v = good(a.value);
    if (v === false) bad.push(a);
    else if (v === undefined) unknown.push(a);
  }
  return { bad, unknown };
}

/**
 * The findings of a check on one property: one finding for the first bad alternative (its message says how it
 * arises), else one "cannot verify" finding for the first unknown one, else none.
 */
export function findingsFor(
  alts: readonly Alt[],
  good: (v: unknown) => Verdict,
  describe: { id?: string; bad: (v: unknown) => string; unknown: (v: unknown) => string },
): RuleFinding[] {
  const { bad, unknown } = judge(alts, good);
  if (bad.length > 0) return [{ id: describe.id, message: `${describe.bad(bad[0].value)}${viaText(bad[0])}` }];
  if (unknown.length > 0) return [cannotVerify(describe.id, `${describe.unknown(unknown[0].value)}${viaText(unknown[0])}`)];
  return [];
}

/** `display` re-exported for messages. */
export { display };

/**
 * Collects the findings of one evaluation by subject (an ingress entry, a statement, a property): a subject with a
 * bad alternative reports it (once per finding id); a subject with only unknown alternatives reports one
 * "cannot verify" finding. So a parameter whose default is open reports the open default, not also the unknown.
 */
export class Findings {
  // created on the first finding only: most evaluations find nothing
  private bad: Map<string, Map<string, RuleFinding>> | undefined;
  private unknown: Map<string, RuleFinding> | undefined;
  private order: string[] | undefined;

  /** A bad alternative of `subject`; the message gets how the value arises. */
  public fail(subject: string, id: string | undefined, message: string, alt?: Alt): void {
    this.see(subject);
    const bad = (this.bad ??= new Map());
    let m = bad.get(subject);
    if (!m) bad.set(subject, (m = new Map()));
    const key = id ?? '';
    if (!m.has(key)) m.set(key, { id, message: `${message}${alt ? viaText(alt) : ''}` });
  }

  /** An undecidable alternative of `subject` (reported only when `subject` has no bad alternative). */
  public unverified(subject: string, id: string | undefined, message: string, alt?: Alt): void {
    this.see(subject);
    const unknown = (this.unknown ??= new Map());
    if (!unknown.has(subject)) unknown.set(subject, cannotVerify(id, `${message}${alt ? viaText(alt) : ''}`));
  }

  /** Judges alternatives of `subject` with `good`; `bad`/`unknown` build the messages. */
  public check(
    subject: string,
    alts: readonly Alt[],
    good: (v: unknown) => Verdict,
    describe: { id?: string | ((v: unknown) => string | undefined); bad: (v: unknown) => string; unknown: (v: unknown) => string },
  ): void {
    for (const a of alts) {
      const verdict = good(a.value);
      if (verdict === true) continue;
      const id = typeof describe.id === 'function' ? describe.id(a.value) : describe.id;
      if (verdict === false) this.fail(subject, id, describe.bad(a.value), a);
      else if (verdict === undefined) this.unverified(subject, typeof describe.id === 'function' ? describe.id(a.value) : describe.id, describe.unknown(a.value), a);
    }
  }

  /** The findings, in the order subjects were first seen. */
  public list(): RuleFinding[] {
    const out: RuleFinding[] = [];
    if (!this.order) return out;
    const ids = new Set<string>();
    for (const s of this.order) {
      const bad = this.bad?.get(s);
      const chosen = bad && bad.size > 0 ? [...bad.values()] : this.unknown?.has(s) ? [this.unknown.get(s)!] : [];
      for (const f of chosen) {
        const k = `${f.id ?? ''}\u0000${f.unverified ? 'u' : 'b'}`;
        if (ids.has(k)) continue;
        ids.add(k);
        out.push(f);
      }
    }
    return out;
  }

  private see(subject: string): void {
    if (!this.bad?.has(subject) && !this.unknown?.has(subject)) (this.order ??= []).push(subject);
  }
}

/** Whether a (concrete) value is known: no unknown token anywhere in it. */
export function isKnown(v: unknown): boolean {
  return !containsUnknown(v);
}
