import * as jsyaml from 'js-yaml';
import { parseAllDocuments, LineCounter, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { DefaultOverride, Resource, Suppression } from '../model';
import { K8S_OVERRIDES_ANNOTATION, K8S_SUPPRESSIONS_ANNOTATION, parseSuppressionList } from '../suppressions';
import { InputError, readInputText } from './errors';

/** Limits that keep hostile input bounded. */
export const K8S_LIMITS = {
  /** Aliases a document may expand (YAML "billion laughs"). */
  maxAliasCount: 100,
  /** Maximum nesting depth of a document. */
  maxDepth: 200,
  /** Maximum documents per file. */
  maxDocuments: 100_000,
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

/** Validates the shape of one object; returns a problem or undefined. */
export function objectProblem(obj: any): string | undefined {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return 'document is not a Kubernetes object (expected a mapping)';
  if (typeof obj.kind !== 'string' || obj.kind === '') return 'object has no "kind"';
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') return `${obj.kind} has no "apiVersion"`;
  if (obj.kind.endsWith('List') && Array.isArray(obj.items)) return undefined;
  if (!obj.metadata || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) return `${obj.kind} has no "metadata"`;
  if (typeof obj.metadata.name !== 'string' && typeof obj.metadata.generateName !== 'string') return `${obj.kind} has no "metadata.name"`;
  return undefined;
}

/** Builds the engine resource for one Kubernetes object. */
export function k8sResource(obj: any, src: K8sObjectSource, problems: string[]): Resource {
  const meta = obj.metadata ?? {};
  const name: string = meta.name ?? `${meta.generateName ?? ''}*`;
  const namespace: string | undefined = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const annotations = meta.annotations && typeof meta.annotations === 'object' ? meta.annotations : {};
  const where = `${obj.kind}/${namespace ? namespace + '/' : ''}${name}`;
  const parsed = parseSuppressionList(annotations[K8S_SUPPRESSIONS_ANNOTATION], 'annotation', where);
  problems.push(...parsed.problems.map((p) => (src.file ? `${src.file}: ${p}` : p)));
  let overrides: DefaultOverride[] = [];
  const rawOverrides = annotations[K8S_OVERRIDES_ANNOTATION];
  if (typeof rawOverrides === 'string') {
    try {
      const list = JSON.parse(rawOverrides);
      if (Array.isArray(list)) overrides = list.filter((o) => o && typeof o.property === 'string' && typeof o.reason === 'string');
    } catch {
      problems.push(`${src.file ?? where}: annotation ${K8S_OVERRIDES_ANNOTATION} on ${where} is not valid JSON`);
    }
  }
  const group = apiGroup(obj.apiVersion);
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
    suppressions: [...parsed.suppressions, ...(src.extraSuppressions ?? [])],
    overrides,
  };
}

function depthExceeds(node: unknown, max: number): boolean {
  // iterative walk over the YAML AST, so deep input cannot overflow the stack
  const stack: [unknown, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) return true;
    if (isMap(n)) for (const p of (n as YAMLMap).items) stack.push([p.value, d + 1]);
    else if (isSeq(n)) for (const v of (n as YAMLSeq).items) stack.push([v, d + 1]);
  }
  return false;
}

/** The result of loading manifests: resources plus per-file problems. */
export interface K8sInputs {
  resources: Resource[];
  problems: string[];
}

/** Iterative depth check on a plain JS value (no recursion, so hostile depth cannot overflow the stack). */
function jsDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) return true;
    if (Array.isArray(v)) for (const x of v) stack.push([x, d + 1]);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return false;
}

/** Text features that only the full parser handles (anchors/aliases, tags, directives, merge keys, JSON-in-flow with comments...). */
const NEEDS_FULL_PARSER = /(^|[\s[{,:-])[&*!][^\s]|^%|<<\s*:/m;

/**
 * Fast path: split the text into documents at column-0 `---` / `...` markers (a marker can never be
 * inside a block scalar, which is indented) and parse each with js-yaml's YAML 1.2 core schema, the
 * same scalar semantics as the `yaml` package. Returns undefined whenever anything is unusual, so the
 * full parser (exact errors, alias limits, List item lines) decides.
 */
export function parseFast(file: string, text: string): K8sInputs | undefined {
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  const lines = text.split('\n');
  // document boundaries: line indexes of `---` markers (a `...` end marker: leave it to the full parser)
  const markers: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('...') && /^\.\.\.(\s|$)/.test(l)) return undefined;
    if (l.startsWith('---') && /^---(\s|$)/.test(l)) {
      const rest = l.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) return undefined; // content on the marker line
      markers.push(i);
    }
  }
  if (markers.length > K8S_LIMITS.maxDocuments) return undefined;
  const firstContent = (from: number, to: number): number => {
    for (let i = from; i < to; i++) {
      const t = lines[i].trim();
      if (t !== '' && !t.startsWith('#')) return i;
    }
    return -1;
  };
  // chunks: [start, end) line ranges; text before the first marker is a document only if it has content
  const chunks: [number, number][] = [];
  const bounds = [-1, ...markers, lines.length];
  for (let k = 0; k < bounds.length - 1; k++) {
    const from = bounds[k] + 1;
    const to = bounds[k + 1];
    if (k === 0 && markers.length > 0 && firstContent(from, to) < 0) continue;
    chunks.push([from, to]);
  }
  const problems: string[] = [];
  const resources: Resource[] = [];
  for (const [docIndex, [from, to]] of chunks.entries()) {
    const first = firstContent(from, to);
    if (first < 0) continue; // empty document
    let obj: any;
    try {
      obj = jsyaml.load(lines.slice(from, to).join('\n'), { schema: jsyaml.CORE_SCHEMA });
    } catch {
      return undefined; // let the full parser produce the exact error
    }
    if (obj === null || obj === undefined) continue;
    if (jsDepthExceeds(obj, K8S_LIMITS.maxDepth)) return undefined;
    if (objectProblem(obj) || (typeof obj.kind === 'string' && obj.kind.endsWith('List'))) return undefined;
    resources.push(k8sResource(obj, { file, line: first + 1, documentIndex: docIndex }, problems));
  }
  return { resources, problems };
}

/** Parses a multi-document YAML (or JSON) string of Kubernetes objects. Throws InputError on invalid input. */
export function parseManifests(file: string, text: string): K8sInputs {
  return parseFast(file, text) ?? parseFull(file, text);
}

/** The full parser (`yaml` package): exact error positions, alias limits, List items. */
export function parseFull(file: string, text: string): K8sInputs {
  const problems: string[] = [];
  const resources: Resource[] = [];
  const lc = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: true });
  } catch (e) {
    throw new InputError(file, `cannot parse YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length > K8S_LIMITS.maxDocuments) throw new InputError(file, `more than ${K8S_LIMITS.maxDocuments} documents`);
  for (const [i, doc] of list.entries()) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const pos = err.linePos?.[0];
      throw new InputError(file, `invalid YAML in document ${i + 1}: ${err.message.split('\n')[0]}`, pos?.line, pos?.col);
    }
    if (doc.contents === null) continue; // empty document
    if (depthExceeds(doc.contents, K8S_LIMITS.maxDepth)) {
      throw new InputError(file, `document ${i + 1} is nested deeper than ${K8S_LIMITS.maxDepth} levels`, lc.linePos(doc.range[0]).line);
    }
    let obj: any;
    try {
      obj = doc.toJS({ maxAliasCount: K8S_LIMITS.maxAliasCount });
    } catch (e) {
      throw new InputError(file, `document ${i + 1}: ${(e as Error).message.split('\n')[0]}`, lc.linePos(doc.range[0]).line);
    }
    if (obj === null || obj === undefined) continue;
    const line = lc.linePos((doc.contents as any).range?.[0] ?? doc.range[0]).line;
    const problem = objectProblem(obj);
    if (problem) throw new InputError(file, `document ${i + 1}: ${problem}`, line);
    if (obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      const itemsNode = isMap(doc.contents) ? (doc.contents as YAMLMap).get('items', true) : undefined;
      for (const [j, item] of obj.items.entries()) {
        const itemProblem = objectProblem(item);
        const itemNode = isSeq(itemsNode) ? (itemsNode as YAMLSeq).items[j] : undefined;
        const itemLine = itemNode && (itemNode as any).range ? lc.linePos((itemNode as any).range[0]).line : line;
        if (itemProblem) throw new InputError(file, `document ${i + 1}, item ${j + 1}: ${itemProblem}`, itemLine);
        resources.push(k8sResource(item, { file, line: itemLine, documentIndex: i }, problems));
      }
      continue;
    }
    resources.push(k8sResource(obj, { file, line, documentIndex: i }, problems));
  }
  return { resources, problems };
}

/** Loads one manifest file. */
export function loadManifestFile(file: string): K8sInputs {
  return parseManifests(file, readInputText(file, 'Kubernetes YAML'));
}

/** Makes resource keys unique (the same object twice in a run gets `#2`, `#3`...), keeping the first stable. */
export function dedupeKeys(resources: Resource[]): Resource[] {
  const seen = new Map<string, number>();
  return resources.map((r) => {
    const n = (seen.get(r.key) ?? 0) + 1;
    seen.set(r.key, n);
    return n === 1 ? r : { ...r, key: `${r.key}#${n}` };
  });
}
