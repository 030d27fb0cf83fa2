/**
 * Kubernetes manifests, read the way `kubectl apply -f` reads them (kubectl 1.28+), or refused.
 *
 * - A file whose first non-space character is `{` is a stream of JSON values (apimachinery `YAMLOrJSONDecoder`);
 *   anything else is YAML, split into documents at lines that start with `---` exactly as apimachinery's
 *   `YAMLReader` does (a `---` line followed by anything but a comment is an error there, and here).
 * - Each YAML document is decoded with go-yaml v2's YAML 1.1 semantics (see goyaml.ts): `yes`/`on`/`y` are
 *   booleans, `010` is 8, `0_0` is 0, `<<` merge keys are applied in document order, tags are honoured, and map
 *   keys become JSON strings as sigs.k8s.io/yaml makes them.
 * - Any object with an `items` field is a list (client-go's unstructured decoder): its items are checked instead of
 *   the object, nested lists are flattened, items without kind and apiVersion inherit them from the list.
 * - Refused, as input errors of the document (the other documents are still checked): duplicate keys, keys that
 *   collide once converted to JSON, values kubectl cannot convert to JSON (`.inf`, `.nan`, null keys), a `...` end
 *   marker followed by more content, YAML directives, characters that YAML 1.1 and YAML 1.2 read differently
 *   (U+0085, U+2028, U+2029, a lone CR), excessive aliasing, nesting deeper than 200 levels, documents over
 *   3 MiB; for the file: more than 100,000 documents.
 *
 * Two parse paths give identical results: a fast path (block-yaml.ts: a reader of the plain subset of YAML that
 * manifests are written in, with go-yaml's scalar semantics, which gives up on anything else) and a full path (the
 * `yaml` package's syntax tree, decoded here) for anything with anchors, aliases, merge keys, tags, directives, tabs,
 * `?` keys or `...` markers, for every document the fast reader gives up on, and for every one it finds suspicious.
 * (Until 2026-12 the fast path was js-yaml with a go-yaml scalar schema; js-yaml 4 reads some inputs unlike go-yaml,
 * e.g. it takes an entry that follows an empty `-` entry into that entry's sequence even when it is less indented,
 * which hid a container in the previous container's `args`, so it is no longer used.)
 */
import { Alias, Document, LineCounter, Node as YamlNode, Scalar, YAMLMap, YAMLSeq, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { DefaultOverride, Resource, Suppression } from '../model';
import { POD_TEMPLATE_TRAIT, findPodSpecs, isBuiltinPodKind } from '../rules/k8s/pod';
import { K8S_OVERRIDES_ANNOTATION, K8S_SUPPRESSIONS_ANNOTATION, parseSuppressionList } from '../suppressions';
import { GAVE_UP, readBlockYaml } from './block-yaml';
import { InputError, readInputText } from './errors';
import { GoYamlError, Resolved, TAGS, jsonKeyOf, resolveScalar } from './goyaml';
import { SENSITIVE_KEYS, isJsonStream, parseJsonStream, show } from './json-stream';
import { parseAnnotationList } from '../../core/annotation-list';
import { MIN_REASON_LENGTH, isValidReason } from '../../core/errors';

/** Limits that keep hostile input bounded; enforced while splitting and reading, before the work they bound. */
export const K8S_LIMITS = {
  /** Nodes a document may produce through aliases (YAML "billion laughs"). */
  maxAliasNodes: 100_000,
  /** Maximum nesting depth of a document (every node counts, the document itself is level 1). */
  maxDepth: 200,
  /** Maximum documents per file, and objects per file (List items included). */
  maxDocuments: 100_000,
  /** Maximum size of one document: the API server refuses requests over 3 MiB. */
  maxDocumentBytes: 3 * 1024 * 1024,
};

export interface K8sObjectSource {
  file?: string;
  line?: number;
  documentIndex?: number;
  constructPath?: string;
  /** Extra suppressions (from the cdk8s construct tree). */
  extraSuppressions?: Suppression[];
}

/** What one object is: api group of an apiVersion. */
function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates the shape of one (non-list) object; returns a problem or undefined. */
export function objectProblem(obj: any): string | undefined {
  if (!isObject(obj)) return `document is not a Kubernetes object (expected a mapping, got ${describe(obj)})`;
  if (typeof obj.kind !== 'string' || obj.kind === '') return 'object has no "kind" (not a Kubernetes object)';
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') return `${obj.kind} has no "apiVersion"`;
  if (!isObject(obj.metadata)) return `${obj.kind} has no "metadata"`;
  if (typeof obj.metadata.name !== 'string' && typeof obj.metadata.generateName !== 'string') return `${obj.kind} has no "metadata.name"`;
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

/**
 * API groups served by the Kubernetes API server itself (their kinds have fixed schemas). Groups of add-ons and
 * SIG projects (`*.x-k8s.io`: JobSet, LeaderWorkerSet...) are not in it.
 */
const BUILTIN_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'certificates.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'node.k8s.io',
  'scheduling.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'resource.k8s.io', 'internal.apiserver.k8s.io',
  'storagemigration.k8s.io',
]);
const POD_TRAITS: readonly string[] = Object.freeze([POD_TEMPLATE_TRAIT]);
/**
 * Dispatch trait of objects whose `metadata.annotations` hold an entry besides our own suppression and override
 * annotations: rules that read annotation values of any kind (k8s-secrets-annotations) run only on these.
 */
export const ANNOTATIONS_TRAIT = '@annotations';
const ANNOTATED_TRAITS: readonly string[] = Object.freeze([ANNOTATIONS_TRAIT]);
const POD_ANNOTATED_TRAITS: readonly string[] = Object.freeze([POD_TEMPLATE_TRAIT, ANNOTATIONS_TRAIT]);

function hasForeignAnnotation(annotations: Record<string, unknown>): boolean {
  for (const k in annotations) if (k !== K8S_SUPPRESSIONS_ANNOTATION && k !== K8S_OVERRIDES_ANNOTATION) return true;
  return false;
}
/**
 * API groups of admission-policy engines: their objects hold pod *patterns* (Kyverno `validate.pattern.spec.containers`,
 * mutation patches) that the engine matches against pods, not pods the cluster runs, so they carry no pod template.
 */
const POLICY_GROUPS: ReadonlySet<string> = new Set(['kyverno.io', 'policies.kyverno.io', 'reports.kyverno.io', 'wgpolicyk8s.io', 'templates.gatekeeper.sh', 'constraints.gatekeeper.sh', 'mutations.gatekeeper.sh', 'policy.sigstore.dev']);

const NO_ANNOTATIONS: Record<string, unknown> = Object.freeze({});
const NO_SUPPRESSIONS: { suppressions: Suppression[]; problems: string[] } = Object.freeze({ suppressions: [], problems: [] }) as any;

/** Builds the engine resource for one Kubernetes object. */
export function k8sResource(obj: any, src: K8sObjectSource, problems: string[]): Resource {
  const meta = obj.metadata ?? {};
  const name: string = meta.name ?? `${meta.generateName ?? ''}*`;
  const namespace: string | undefined = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const annotations = meta.annotations && typeof meta.annotations === 'object' ? meta.annotations : NO_ANNOTATIONS;
  // most objects carry neither annotation: nothing to read, nothing to name
  const rawSuppressions = annotations[K8S_SUPPRESSIONS_ANNOTATION];
  const rawOverrideList = annotations[K8S_OVERRIDES_ANNOTATION];
  const where = rawSuppressions === undefined && rawOverrideList === undefined ? '' : `${obj.kind}/${namespace ? namespace + '/' : ''}${name}`;
  const parsed = rawSuppressions === undefined ? NO_SUPPRESSIONS : parseSuppressionList(rawSuppressions, 'annotation', where);
  for (const p of parsed.problems) problems.push(src.file ? `${src.file}: ${p}` : p);
  let overrides: DefaultOverride[] = [];
  if (rawOverrideList !== undefined) {
    const rawOverrides = parseAnnotationList(rawOverrideList);
    if (rawOverrides.error !== undefined) {
      problems.push(`${src.file ?? where}: annotation ${K8S_OVERRIDES_ANNOTATION} on ${where} ${rawOverrides.error}`);
    } else {
      const valid = (o: any) => o && typeof o.property === 'string' && isValidReason(o.reason);
      overrides = rawOverrides.items.filter(valid) as DefaultOverride[];
      if (overrides.length < rawOverrides.items.length) {
        problems.push(`${src.file ?? where}: annotation ${K8S_OVERRIDES_ANNOTATION} on ${where} holds entries without a "property" or a "reason" of at least ${MIN_REASON_LENGTH} characters`);
      }
    }
  }
  const extra = src.extraSuppressions ?? [];
  // a suppression from the construct tree is also written into the annotation at synth: count it once
  const own = extra.length === 0 ? parsed.suppressions
    : parsed.suppressions.filter((s) => !extra.some((t) => t.ruleId === s.ruleId && t.findingId === s.findingId && t.reason === s.reason));
  const group = apiGroup(obj.apiVersion);
  // objects of other kinds that carry pod specs (Argo Rollout, Knative Service, OpenShift DeploymentConfig,
  // Kubeflow jobs, any custom resource with a pod template): every pod rule runs on them through the
  // @pod-template trait. Kinds of the built-in API groups have fixed schemas: no pod spec outside the pod kinds.
  const podTemplate = !isBuiltinPodKind({ type: obj.kind, body: obj }) && !BUILTIN_GROUPS.has(group) && !POLICY_GROUPS.has(group)
    && findPodSpecs(obj).length > 0;
  const annotated = annotations !== NO_ANNOTATIONS && hasForeignAnnotation(annotations);
  const traits = podTemplate ? (annotated ? POD_ANNOTATED_TRAITS : POD_TRAITS) : annotated ? ANNOTATED_TRAITS : undefined;
  return {
    platform: 'k8s',
    type: obj.kind,
    key: `${group ? group + '/' : ''}${obj.kind}/${namespace ?? ''}/${name}`,
    name: namespace ? `${namespace}/${name}` : name,
    apiVersion: obj.apiVersion,
    namespace,
    objectName: name,
    constructPath: src.constructPath,
    file: src.file,
    line: src.line,
    documentIndex: src.documentIndex,
    body: obj,
    traits,
    suppressions: extra.length === 0 ? own : [...own, ...extra],
    overrides,
  };
}

/** The result of loading manifests: resources, warnings, and the documents that could not be read. */
export interface K8sInputs {
  resources: Resource[];
  /** Warnings (invalid suppression annotations, objects kubectl does not apply as written). */
  problems: string[];
  /** Documents (or whole files) that cannot be read as kubectl reads them: the run exits 2, the rest is checked. */
  errors: InputError[];
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Documents: apimachinery's YAMLReader                                                                           */
/* ------------------------------------------------------------------------------------------------------------ */

/** One document of a YAML stream: text offsets [start, end) and its 0-based first line. */
interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
  /** 0-based first line that is not blank or a comment, -1 for an empty document. */
  readonly firstContent: number;
  /** 0-based position in the file. */
  readonly index: number;
}

/** Characters YAML 1.1 (kubectl) and YAML 1.2 (JavaScript parsers) read differently, or that go-yaml refuses. */
const REFUSED_CHAR = /[\x00-\x08\x0B\x0C\r\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

function charName(c: string): string {
  const code = c.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === '\r') return 'a carriage return not followed by a line feed (a line break for YAML, not for kubectl\'s document splitter)';
  if (code === 0x85 || code === 0x2028 || code === 0x2029) return `${hex}, a line break in YAML 1.1 (kubectl) but not in YAML 1.2`;
  if (code === 0xfeff) return `${hex} (byte order mark) inside the text`;
  return `control character ${hex} (go-yaml refuses it)`;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Splits a YAML stream into documents at lines that start with `---` (apimachinery YAMLReader). A `---` line
 * followed by anything but spaces and a comment is an error (kubectl stops reading the file there; here the
 * line still ends the document so that the rest is checked). The text before the first `---` is a document
 * only when it has content.
 */
function splitDocuments(file: string, text: string, errors: InputError[]): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  const n = text.length;
  let docStart = 0;
  let docLine = 0;
  let docFirst = -1; // first line of the current document that is not blank or a comment
  let sawSeparator = false;
  // one pass over the lines: separators, and each document's first content line
  for (let lineStart = 0, line = 0; ; line++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    if (text.charCodeAt(lineStart) === 45 && text.startsWith('---', lineStart)) {
      const rest = text.slice(lineStart + 3, lineEnd).trim();
      if (rest !== '' && rest[0] !== '#') {
        errors.push(new InputError(file, `invalid document separator "---${text.slice(lineStart + 3, lineEnd).replace(/\r$/, '')}": kubectl accepts only a comment after --- and stops reading the file here`, line + 1));
      }
      if (sawSeparator || docFirst >= 0) {
        chunks.push({ start: docStart, end: lineStart, firstLine: docLine, firstContent: docFirst, index: chunks.length });
        if (chunks.length > K8S_LIMITS.maxDocuments) return undefined;
      }
      sawSeparator = true;
      docStart = Math.min(lineEnd + 1, n);
      docLine = line + 1;
      docFirst = -1;
    } else if (docFirst < 0) {
      let i = lineStart;
      while (i < lineEnd && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0x0d)) i++;
      if (i < lineEnd && text.charCodeAt(i) !== 0x23) docFirst = line;
    }
    if (lineEnd >= n) break;
    lineStart = lineEnd + 1;
  }
  chunks.push({ start: docStart, end: n, firstLine: docLine, firstContent: docFirst, index: chunks.length });
  if (chunks.length > K8S_LIMITS.maxDocuments) return undefined;
  return chunks;
}

/** Index of the chunk holding an offset (chunks are sorted), or -1. */
function chunkAt(chunks: readonly Chunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Fast path: the plain subset of YAML (block-yaml.ts), with go-yaml's scalars                                    */
/* ------------------------------------------------------------------------------------------------------------ */

/** Any character outside printable ASCII and the line feed (the rare ones, looked at one by one). */
const NOT_PLAIN_ASCII = /[^\n\x20-\x7e]/g;

/**
 * One pass over the text: documents that need the full path (anchors `&`, aliases `*`, tags `!` at the start of a
 * token, `<<` merge keys, `?` keys, directives, `...` markers, tabs), and documents with refused characters.
 */
function scanText(
  file: string,
  text: string,
  chunks: readonly Chunk[],
  wantFull: boolean,
): { full: Set<number>; refused: Map<number, InputError>; outside: InputError[] } {
  const full = new Set<number>();
  const refused = new Map<number, InputError>();
  const outside: InputError[] = [];
  const mark = (pos: number) => {
    const i = chunkAt(chunks, pos);
    if (i >= 0) full.add(i);
  };
  if (wantFull) {
    for (const c of ['&', '*', '!', '?']) {
      for (let p = text.indexOf(c); p >= 0; p = text.indexOf(c, p + 1)) {
        // at the start of a node: after a line break, a space, a flow indicator, ":", "-" or "?"
        const before = p === 0 ? 10 : text.charCodeAt(p - 1);
        if (!(before === 10 || before === 32 || before === 13 || before === 9 || before === 91 || before === 123
          || before === 44 || before === 58 || before === 45 || before === 63)) continue;
        // an anchor or alias has a name; "?" is a key indicator only before a space (cron's "0 3 * * *" is plain text)
        const after = text.charCodeAt(p + 1);
        const blank = Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 9;
        if ((c === '&' || c === '*') && (blank || after === 44 || after === 91 || after === 93 || after === 123 || after === 125)) continue;
        if (c === '?' && !blank) continue;
        mark(p);
      }
    }
    for (const c of ['<<', '\n%', '\n...']) for (let p = text.indexOf(c); p >= 0; p = text.indexOf(c, p + 1)) mark(p + (c[0] === '\n' ? 1 : 0));
    if (text.startsWith('%') || text.startsWith('...')) mark(0);
  }
  NOT_PLAIN_ASCII.lastIndex = 0;
  for (let m = NOT_PLAIN_ASCII.exec(text); m; m = NOT_PLAIN_ASCII.exec(text)) {
    const c = m[0];
    const code = c.charCodeAt(0);
    if (code === 9) {
      if (wantFull) mark(m.index);
      continue;
    }
    if (code === 13 && text.charCodeAt(m.index + 1) === 10) continue;
    if (!REFUSED_CHAR.test(c)) continue;
    const i = chunkAt(chunks, m.index);
    if (refused.has(i)) continue;
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const line = countLines(text, 0, m.index) + 1;
    const err = new InputError(file, `${i >= 0 ? `document ${i + 1}: ` : ''}${charName(c)}`, line, m.index - lineStart + 1);
    if (i < 0) outside.push(err);
    else refused.set(i, err);
  }
  return { full, refused, outside };
}

const FALLBACK = Symbol('fallback');

/**
 * One YAML document (the text between two `---` lines) decoded by the full path as kubectl sends it, or the
 * message of the input error the loader reports for it. For tests that hold the fast path to the full path.
 */
export function decodeFullDocument(text: string): { value: unknown } | { error: string } {
  try {
    return { value: decodeFull(text, 0).value };
  } catch (e) {
    if (e instanceof DocError || e instanceof GoYamlError) return { error: e.message };
    throw e;
  }
}

/** Decodes one document on the fast path, or FALLBACK when the full path must decide. */
function decodeFast(text: string): unknown {
  // outside the plain subset (including keys that are not strings and values JSON cannot hold): the full path
  // reads it and reports what is wrong
  const value: unknown = readBlockYaml(text, K8S_LIMITS.maxDepth - 2);
  if (value === GAVE_UP) return FALLBACK;
  // Lists need item lines, and invalid objects the full path's exact message
  if (isObject(value) && Object.prototype.hasOwnProperty.call(value, 'items')) return FALLBACK;
  if (value !== null && value !== undefined && objectProblem(value)) return FALLBACK;
  return value ?? null;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Full path: the `yaml` package's syntax tree, decoded as go-yaml v2 decodes it                                  */
/* ------------------------------------------------------------------------------------------------------------ */

/** 1-based lines of decoded objects (a number) and of the items of decoded lists (an array of numbers). */
type LineIndex = WeakMap<object, number | readonly number[]>;

/** A problem inside a document, with its position. */
class DocError extends Error {
  constructor(message: string, public readonly line?: number, public readonly column?: number, public readonly syntax = false) {
    super(message);
    Object.setPrototypeOf(this, DocError.prototype);
  }
}

function setProp(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

/** A scalar's content after quotes, escapes and folding, before any schema got to it (`source`). */
function scalarText(node: Scalar): string {
  const src = (node as { source?: unknown }).source;
  if (typeof src === 'string') return src;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

interface KeyEntry {
  identity: string;
  line: number;
  value: unknown;
  /** The mapping node (application) that set it explicitly. */
  by: object;
}

/** Decodes one document's syntax tree into the JSON value kubectl sends (go-yaml v2 + sigs.k8s.io/yaml). */
class Decoder {
  private aliasDepth = 0;
  private aliasNodes = 0;
  private readonly expanding = new Set<YamlNode>();
  private readonly path: string[] = [];

  constructor(private readonly doc: Document, private readonly lc: LineCounter, private readonly lineBase: number, readonly lineOf: LineIndex) {}

  private pos(node: { range?: readonly number[] | null } | null | undefined): { line?: number; col?: number } {
    const off = node?.range?.[0];
    if (off === undefined) return {};
    const p = this.lc.linePos(off);
    return { line: p.line + this.lineBase, col: p.col };
  }

  private fail(node: any, message: string): never {
    const p = this.pos(node);
    throw new DocError(message, p.line, p.col);
  }

  private where(): string {
    if (this.path.length === 0) return '';
    let out = '';
    for (const p of this.path) out += p.startsWith('[') || out === '' ? p : `.${p}`;
    return ` at ${out}`;
  }

  private count(node: any, depth: number): void {
    if (depth > K8S_LIMITS.maxDepth) this.fail(node, `nested deeper than ${K8S_LIMITS.maxDepth} levels`);
    if (this.aliasDepth > 0 && ++this.aliasNodes > K8S_LIMITS.maxAliasNodes) {
      this.fail(node, `excessive aliasing: aliases expand to more than ${K8S_LIMITS.maxAliasNodes} nodes`);
    }
  }

  private deref(alias: Alias): YamlNode {
    const target = alias.resolve(this.doc) as YamlNode | undefined;
    if (!target) this.fail(alias, `unknown anchor '${alias.source}' referenced`);
    if (this.expanding.has(target!)) this.fail(alias, `anchor '${alias.source}' value contains itself`);
    return target!;
  }

  private withAlias<T>(target: YamlNode, f: () => T): T {
    this.expanding.add(target);
    this.aliasDepth++;
    try {
      return f();
    } finally {
      this.aliasDepth--;
      this.expanding.delete(target);
    }
  }

  /** A scalar as go-yaml resolves it. */
  private scalar(node: Scalar): Resolved {
    const text = scalarText(node);
    try {
      return resolveScalar(text, node.type === 'PLAIN', node.tag);
    } catch (e) {
      if (e instanceof GoYamlError) this.fail(node, e.message);
      throw e;
    }
  }

  value(node: YamlNode | null, depth: number): unknown {
    this.count(node, depth);
    if (node === null || node === undefined) return null; // an empty node is an empty plain scalar: null
    if (isAlias(node)) {
      const target = this.deref(node);
      return this.withAlias(target, () => this.value(target, depth));
    }
    if (isScalar(node)) {
      const r = this.scalar(node);
      if (typeof r.value === 'number' && !Number.isFinite(r.value)) {
        this.fail(node, `${node.source ?? r.value} cannot be converted to JSON (json: unsupported value)${this.where()}`);
      }
      return r.value;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      const lines: number[] = [];
      const items = (node as YAMLSeq<YamlNode | null>).items;
      for (let i = 0; i < items.length; i++) {
        this.path.push(`[${i}]`);
        out.push(this.value(items[i], depth + 1));
        lines.push(this.pos(items[i]).line ?? 0);
        this.path.pop();
      }
      this.lineOf.set(out, lines);
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const line = this.pos(node).line;
      if (line !== undefined) this.lineOf.set(out, line);
      this.mapping(out, node as YAMLMap<YamlNode | null, YamlNode | null>, new Map(), depth);
      return out;
    }
    return this.fail(node, 'unsupported YAML node');
  }

  /** The JSON key of a key node; collections, null and unsigned 64-bit keys are errors (as in sigs.k8s.io/yaml). */
  private key(node: YamlNode | null, depth: number): { key: string; identity: string } {
    this.count(node, depth);
    let n: YamlNode | null = node;
    if (n !== null && isAlias(n)) n = this.deref(n);
    if (n === null || n === undefined) return this.jsonKey(node, { kind: 'null', value: null });
    if (isScalar(n)) return this.jsonKey(node, this.scalar(n));
    return this.fail(node, `invalid map key: a ${isMap(n) ? 'mapping' : 'sequence'} cannot be a key${this.where()}`);
  }

  private jsonKey(node: any, r: Resolved): { key: string; identity: string } {
    try {
      return jsonKeyOf(r);
    } catch (e) {
      if (e instanceof GoYamlError) this.fail(node, `${e.message}${this.where()}`);
      throw e;
    }
  }

  private isMerge(node: YamlNode | null): boolean {
    // go-yaml: a scalar "<<" that is plain (or tagged "!"), or tagged !!merge
    if (node === null || !isScalar(node) || scalarText(node) !== '<<') return false;
    return node.tag === TAGS.merge || node.tag === '!' || (node.type === 'PLAIN' && (node.tag === undefined || node.tag === ''));
  }

  /** Applies one mapping node to `out` (go-yaml decode.go `mapping`): pairs in order, merges where they stand. */
  private mapping(out: Record<string, unknown>, node: YAMLMap<YamlNode | null, YamlNode | null>, keys: Map<string, KeyEntry>, depth: number): void {
    const by = {};
    let mergeSeen = false;
    for (const pair of node.items) {
      const k = pair.key as YamlNode | null;
      const v = pair.value as YamlNode | null;
      if (this.isMerge(k)) {
        if (mergeSeen) this.fail(k, `duplicate merge key "<<"${this.where()}: go-yaml applies both, other YAML tools only one; use << : [*a, *b]`);
        mergeSeen = true;
        this.merge(out, v, keys, depth, k);
        continue;
      }
      const { key, identity } = this.key(k, depth + 1);
      this.path.push(key);
      const value = this.value(v, depth + 1);
      this.path.pop();
      const hidden = this.path.some((p) => SENSITIVE_KEYS.has(p));
      const line = this.pos(k).line ?? 0;
      const prev = keys.get(key);
      if (prev) {
        const at = this.where();
        if (prev.identity !== identity) {
          this.fail(k, `keys on lines ${prev.line} and ${line} both become the JSON key ${JSON.stringify(key)}${at}; kubectl keeps either value (Go map order)`);
        }
        if (prev.by === by) {
          this.fail(k, `duplicate key ${JSON.stringify(key)}${at} (line ${prev.line}: ${show(prev.value, hidden)}; line ${line}: ${show(value, hidden)}): tools disagree on which value wins and the API server's strict field validation refuses it`);
        }
      }
      keys.set(key, { identity, line, value, by });
      setProp(out, key, value);
    }
  }

  /** `<<: value` (go-yaml decode.go `merge`): a mapping, an alias of one, or a sequence of those (earlier entries win). */
  private merge(out: Record<string, unknown>, v: YamlNode | null, keys: Map<string, KeyEntry>, depth: number, at: YamlNode | null): void {
    const wantMap = (): never => this.fail(at, `map merge requires map or sequence of maps as the value${this.where()}`);
    if (v !== null && isMap(v)) return this.mapping(out, v as YAMLMap<YamlNode | null, YamlNode | null>, keys, depth);
    if (v !== null && isAlias(v)) {
      const t = this.deref(v);
      if (!isMap(t)) wantMap();
      this.count(v, depth + 1);
      return this.withAlias(t, () => this.mapping(out, t as YAMLMap<YamlNode | null, YamlNode | null>, keys, depth));
    }
    if (v !== null && isSeq(v)) {
      const items = (v as YAMLSeq<YamlNode | null>).items;
      for (let i = items.length - 1; i >= 0; i--) {
        const el = items[i];
        if (el !== null && isAlias(el)) {
          const t = this.deref(el);
          if (!isMap(t)) wantMap();
          this.count(el, depth + 1);
          this.withAlias(t, () => this.mapping(out, t as YAMLMap<YamlNode | null, YamlNode | null>, keys, depth));
        } else if (el !== null && isMap(el)) {
          this.mapping(out, el as YAMLMap<YamlNode | null, YamlNode | null>, keys, depth);
        } else {
          wantMap();
        }
      }
      return;
    }
    wantMap();
  }
}

interface FullDecoded {
  value: unknown;
  lineOf: LineIndex;
}

/** Decodes one document on the full path. Throws DocError. */
function decodeFull(text: string, lineBase: number): FullDecoded {
  const lc = new LineCounter();
  // YAML directives: kubectl splits documents at `---`, so a directive never reaches go-yaml with its document
  const directive = /^%/m.exec(text);
  if (directive) {
    const line = lineBase + countLines(text, 0, directive.index) + 1;
    throw new DocError('YAML directive (%...): kubectl splits documents at "---" lines, so go-yaml gets the directive without its document and refuses it', line);
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, schema: 'failsafe', uniqueKeys: false, merge: false, prettyErrors: false, strict: true }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as any];
  } catch (e) {
    if (e instanceof RangeError) throw new DocError('document is too deeply nested', lineBase + 1);
    throw new DocError((e as Error).message.split('\n')[0], lineBase + 1, undefined, true);
  }
  for (const d of docs) {
    if (d.errors.length > 0) {
      const err = d.errors[0];
      const p = err.pos ? lc.linePos(err.pos[0]) : undefined;
      throw new DocError(err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), p ? p.line + lineBase : lineBase + 1, p?.col, true);
    }
  }
  const withContent = docs.filter((d) => d.contents !== null);
  if (withContent.length > 1) {
    const second = withContent[1];
    const line = lc.linePos(second.range[0]).line + lineBase;
    throw new DocError('a "..." end marker is followed by another document: kubectl applies only the first, other tools both; split documents with "---"', line);
  }
  const lineOf = new WeakMap();
  if (withContent.length === 0) return { value: null, lineOf };
  const doc = withContent[0];
  try {
    return { value: new Decoder(doc, lc, lineBase, lineOf).value(doc.contents as YamlNode, 1), lineOf };
  } catch (e) {
    if (e instanceof RangeError) throw new DocError('document is too deeply nested', lineBase + 1);
    throw e;
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Objects: lists as client-go decodes them                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

interface ObjectSink {
  file: string;
  documentIndex: number;
  /** 1-based document number, for messages. */
  documentNumber: number;
  errors: InputError[];
  problems: string[];
  objects: { obj: Record<string, any>; line: number }[];
  /** Objects of the file so far (List items included). */
  count: { n: number };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Adds one (non-list) object, or an input error for it. */
function addObject(sink: ObjectSink, obj: unknown, at: number, label: string | undefined): void {
  const problem = objectProblem(obj);
  if (problem) {
    sink.errors.push(new InputError(sink.file, `${label ?? `document ${sink.documentNumber}`}: ${problem}`, at));
    return;
  }
  if (++sink.count.n > K8S_LIMITS.maxDocuments) {
    if (sink.count.n === K8S_LIMITS.maxDocuments + 1) sink.errors.push(new InputError(sink.file, `more than ${K8S_LIMITS.maxDocuments} objects in one file`, at));
    return;
  }
  sink.objects.push({ obj: obj as Record<string, any>, line: at });
}

/** The items of a list, flattened (nested lists too); items with neither kind nor apiVersion inherit the list's. */
function flattenList(
  sink: ObjectSink,
  list: Record<string, any>,
  items: unknown[],
  label: string,
  listLine: number,
  lineOf: LineIndex | undefined,
  level: number,
): void {
  const listKind = str(list.kind);
  if (!listKind.endsWith('List')) {
    const name = str(list.metadata?.name);
    sink.problems.push(`${sink.file}:${listLine}: ${listKind}${name ? ` ${name}` : ''} has an "items" field: kubectl reads it as a list and applies its ${items.length} item(s), not the ${listKind} itself`);
  }
  const itemKind = listKind.endsWith('List') ? listKind.slice(0, -4) : listKind;
  const lines = lineOf?.get(items);
  const itemLines = Array.isArray(lines) ? lines : undefined;
  for (let j = 0; j < items.length; j++) {
    const item = items[j];
    const itemLabel = `${label}, item ${j + 1}`;
    const own = isObject(item) ? lineOf?.get(item) : undefined;
    const at = (typeof own === 'number' ? own : undefined) ?? itemLines?.[j] ?? listLine;
    if (!isObject(item)) {
      sink.errors.push(new InputError(sink.file, `${itemLabel}: not a Kubernetes object (${describe(item)})`, at));
      continue;
    }
    // client-go decodeToList: items with neither kind nor apiVersion get the list's
    if (str(item.kind) === '' && str(item.apiVersion) === '') {
      item.kind = itemKind;
      item.apiVersion = str(list.apiVersion);
    }
    if (Array.isArray(item.items) && level < K8S_LIMITS.maxDepth) flattenList(sink, item, item.items, itemLabel, at, lineOf, level + 1);
    else addObject(sink, item, at, itemLabel);
  }
}

/** Adds the objects of one decoded document: the object itself, or the items of a list (client-go: any object with "items"). */
function collectObjects(value: unknown, line: number, lineOf: LineIndex | undefined, sink: ObjectSink): void {
  if (value === null || value === undefined) return; // an empty document (kubectl skips it too)
  if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, 'items')) {
    addObject(sink, value, line, undefined);
    return;
  }
  const doc = `document ${sink.documentNumber}`;
  const items = value.items;
  if (str(value.kind) === '') {
    sink.errors.push(new InputError(sink.file, `${doc}: a list (an object with "items") has no "kind"`, line));
  } else if (items === null) {
    if (!str(value.kind).endsWith('List')) sink.problems.push(`${sink.file}:${line}: ${value.kind} has "items: null": kubectl reads it as an empty list and applies nothing`);
  } else if (!Array.isArray(items)) {
    sink.errors.push(new InputError(sink.file, `${doc}: ${value.kind} has "items" that is not a list: client-go cannot decode it`, line));
  } else {
    flattenList(sink, value, items, doc, line, lineOf, 0);
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Entry points                                                                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

type Mode = 'auto' | 'fast' | 'full';

/** Options of a parse. */
export interface ParseOptions {
  /** Fields set on every resource instead of the file (the cdk8s construct tree). */
  readonly source?: Omit<K8sObjectSource, 'line' | 'documentIndex'>;
}

function resourcesOf(objects: ObjectSink['objects'], file: string, documentIndex: number, options: ParseOptions, out: K8sInputs): void {
  const base = options.source;
  for (let i = 0; i < objects.length; i++) {
    const { obj, line } = objects[i];
    const src: K8sObjectSource = base
      ? { file: base.file, constructPath: base.constructPath, extraSuppressions: base.extraSuppressions, line, documentIndex }
      : { file, line, documentIndex };
    out.resources.push(k8sResource(obj, src, out.problems));
  }
}

function parseYamlStream(file: string, text: string, mode: Mode, options: ParseOptions): K8sInputs | undefined {
  const out: K8sInputs = { resources: [], problems: [], errors: [] };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a leading byte order mark (go-yaml skips it)
  const chunks = splitDocuments(file, text, out.errors);
  if (!chunks) {
    return { resources: [], problems: [], errors: [new InputError(file, `more than ${K8S_LIMITS.maxDocuments} documents (refused before parsing)`)] };
  }
  const { full, refused, outside } = scanText(file, text, chunks, mode !== 'full');
  out.errors.push(...outside);
  const count = { n: 0 };
  const sink: ObjectSink = { file, documentIndex: 0, documentNumber: 1, errors: out.errors, problems: out.problems, objects: [], count };
  for (const chunk of chunks) {
    const bad = refused.size > 0 ? refused.get(chunk.index) : undefined;
    if (bad) {
      out.errors.push(bad);
      continue;
    }
    const first = chunk.firstContent;
    if (first < 0) continue; // no content: an empty document
    const size = chunk.end - chunk.start;
    if (size * 3 > K8S_LIMITS.maxDocumentBytes && Buffer.byteLength(text.slice(chunk.start, chunk.end)) > K8S_LIMITS.maxDocumentBytes) {
      out.errors.push(new InputError(file, `document ${chunk.index + 1} is larger than ${K8S_LIMITS.maxDocumentBytes / 1048576} MiB (the API server refuses requests over 3 MiB); refused before parsing`, first + 1));
      continue;
    }
    const docText = text.slice(chunk.start, chunk.end);
    sink.documentIndex = chunk.index;
    sink.documentNumber = chunk.index + 1;
    sink.objects.length = 0;
    let value: unknown = FALLBACK;
    if (mode !== 'full' && !full.has(chunk.index)) value = decodeFast(docText);
    if (value === FALLBACK) {
      if (mode === 'fast') return undefined;
      let decoded: FullDecoded;
      try {
        decoded = decodeFull(docText, chunk.firstLine);
      } catch (e) {
        if (!(e instanceof DocError)) throw e;
        const what = e.syntax ? `invalid YAML in document ${chunk.index + 1}` : `document ${chunk.index + 1}`;
        out.errors.push(new InputError(file, `${what}: ${e.message}`, e.line, e.column));
        continue;
      }
      const rootLine = isObject(decoded.value) ? decoded.lineOf.get(decoded.value) : undefined;
      collectObjects(decoded.value, typeof rootLine === 'number' ? rootLine : first + 1, decoded.lineOf, sink);
    } else {
      collectObjects(value, first + 1, undefined, sink);
    }
    resourcesOf(sink.objects, file, chunk.index, options, out);
  }
  return out;
}

/**
 * Parses a YAML stream of Kubernetes objects (JSON documents are YAML too), as kubectl's YAML decoder does.
 * Never throws for bad input: unreadable documents are in `errors`, the others in `resources`.
 */
export function parseManifests(file: string, text: string, options: ParseOptions = {}): K8sInputs {
  return parseYamlStream(file, text, 'auto', options)!;
}

/** The fast path alone: undefined when some document needs the full path (tests compare both paths). */
export function parseFast(file: string, text: string): K8sInputs | undefined {
  return parseYamlStream(file, text, 'fast', {});
}

/** The full path alone (tests compare both paths). */
export function parseFull(file: string, text: string): K8sInputs {
  return parseYamlStream(file, text, 'full', {})!;
}

/** Parses a file's text as kubectl does: a JSON stream when it starts with `{`, a YAML stream otherwise. */
export function parseManifestStream(file: string, text: string, options: ParseOptions = {}): K8sInputs {
  if (!isJsonStream(text)) return parseManifests(file, text, options);
  const out: K8sInputs = { resources: [], problems: [], errors: [] };
  const lineOf = new WeakMap();
  const { documents, errors } = parseJsonStream(text, K8S_LIMITS, lineOf);
  for (const e of errors) out.errors.push(new InputError(file, `JSON: ${e.message}`, e.line));
  const count = { n: 0 };
  for (const d of documents) {
    const sink: ObjectSink = {
      file, documentIndex: d.index, documentNumber: d.index + 1, errors: out.errors, problems: out.problems, objects: [], count,
    };
    collectObjects(d.value, d.line, lineOf, sink);
    resourcesOf(sink.objects, file, d.index, options, out);
  }
  return out;
}

/** Loads one manifest file (bounded read, regular files only, strict UTF-8). */
export function loadManifestFile(file: string): K8sInputs {
  return parseManifestStream(file, readInputText(file, 'Kubernetes YAML', { strictUtf8: true }));
}

/** Makes resource keys unique (the same object twice in a run gets `#2`, `#3`...), keeping the first stable. */
export function dedupeKeys(resources: Resource[]): Resource[] {
  const seen = new Set<string>();
  let counts: Map<string, number> | undefined;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const size = seen.size;
    seen.add(r.key); // one hash lookup per key in the common case (no duplicate)
    if (seen.size !== size) continue;
    counts ??= new Map();
    const n = (counts.get(r.key) ?? 1) + 1;
    counts.set(r.key, n);
    resources[i] = { ...r, key: `${r.key}#${n}` };
  }
  return resources;
}
