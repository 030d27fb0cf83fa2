import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, LineCounter, isMap, isScalar, Scalar, YAMLMap } from 'yaml';
import { isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { cdkNagControls, cdkNagPackByPlugin, cdkNagTitle, validationPluginSource } from '../cdk-nag';
import { DefaultOverride, Finding, Resource, RuleInfo, Suppression } from '../model';
import { CDK_ACK_METADATA_TYPE, CFN_METADATA_KEY, SUPPRESSION_METADATA_TYPE, parseSuppressionId, parseSuppressionList, withoutConfigSuppressedMark } from '../suppressions';
import { EKS_MANIFEST_TYPE, embeddedObjects } from './embedded';
import { InputError, decodeInputText, readInputBytes, readInputText, readJsonInput } from './errors';
import { UNCHECKED_TRAIT, expandTransforms, withExpansion } from './transforms';
import { SYNTH_RECORD_FILE, SynthRecord, readSynthRecord, templateDigest } from '../synth-record';
import { ParentBinding, display, expand, literalText, resolve, scopeOf, CfnScope } from '../values/cfn-resolve';

/** Construct-tree metadata of one stack: construct path -> metadata entries (from the cloud assembly). */
export type StackMetadata = Record<string, { type: string; data?: any }[]>;

/** Everything loaded from AWS inputs. */
export interface AwsInputs {
  resources: Resource[];
  /** cdk-nag (and other plugin) findings from CDK's validation report, when a cloud assembly has one. */
  externalFindings: Finding[];
  externalRules: RuleInfo[];
  /** Suppressions declared on constructs that are not resources (reported if unused). */
  declaredSuppressions: Suppression[];
  /** Problems with suppression declarations (invalid reason etc.). */
  problems: string[];
  /** Nested stack templates read through their parent (absolute paths), so they are not read twice. */
  nestedTemplates?: string[];
  /** Cloud assembly: the records `AwsCompliance.enable` wrote at synth (lib/compliance/synth-record.ts), by folder. */
  synthRecords?: { dir: string; record: SynthRecord }[];
  /**
   * Cloud assembly: templates whose bytes are not those a synth record lists (edited after synth). CDK's validation
   * report describes the synthesized templates: its cdk-nag results for these are dropped, and `packs` (those that
   * ran at synth or have results in the report) run again on them.
   */
  changedSinceSynth?: { files: string[]; packs: string[] };
}

const CFN_TAGS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'Length', 'ToJsonString'];

function cfnYamlTags(): any[] {
  const tags: any[] = [];
  for (const name of CFN_TAGS) {
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    for (const collection of [undefined, 'seq', 'map'] as const) {
      tags.push({
        tag: `!${name}`,
        collection,
        resolve: (value: any) => {
          const v = value && typeof value.toJSON === 'function' ? value.toJSON() : value;
          if (name === 'GetAtt' && typeof v === 'string') return { [key]: v.split('.') };
          return { [key]: v };
        },
      });
    }
  }
  return tags;
}

/**
 * The 1-based line of each resource key in a JSON template: after the `"Resources"` key, the keys at the first
 * deeper indentation. One pass over the text, no per-line allocation (large templates are read for every check).
 */
function jsonResourceLines(text: string, resources: Record<string, unknown>, lines: Map<string, number>): void {
  const ids = new Set(Object.keys(resources));
  let topIndent = -1;
  let resourcesIndent = -1;
  let keyIndent = -1;
  let line = 1;
  let start = 0;
  while (start < text.length && lines.size < ids.size) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const indent = i - start;
    if (resourcesIndent < 0) {
      if (topIndent < 0 && text.charCodeAt(i) === 34) topIndent = indent;
      if (indent === topIndent && text.startsWith('"Resources"', i)) resourcesIndent = indent;
    } else if (text.charCodeAt(i) === 34) {
      if (indent <= resourcesIndent) break; // the next top-level section
      if (keyIndent < 0) keyIndent = indent;
      if (indent === keyIndent) {
        const close = text.indexOf('"', i + 1);
        const key = close > i ? text.slice(i + 1, close) : '';
        if (ids.has(key) && !lines.has(key)) lines.set(key, line);
      }
    }
    start = end + 1;
    line++;
  }
}

/**
 * The first key that appears twice in one JSON object of `text` (already known to be valid JSON), with its line.
 * JSON.parse keeps the last value silently; CloudFormation and other tools may not, so a duplicate is refused.
 */
export function jsonDuplicateKey(text: string): { key: string; line: number } | undefined {
  const stack: (Set<string> | undefined)[] = []; // a key set per open object, undefined per open array
  let expectKey = false;
  const structural = /[{}[\],"]/g; // jump from one structural character to the next
  let m: RegExpExecArray | null;
  while ((m = structural.exec(text))) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 34) { // a string: find its end, skipping escaped quotes
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return undefined;
        let backslashes = 0;
        for (let k = j - 1; k > i && text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (keys.has(key)) return { key, line: text.slice(0, i).split('\n').length };
        keys.add(key);
        expectKey = false;
      }
      structural.lastIndex = j + 1;
    } else if (c === 123) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 91) {
      stack.push(undefined);
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else {
      expectKey = stack[stack.length - 1] !== undefined; // a comma
    }
  }
  return undefined;
}

/** Parses a CloudFormation template (JSON or YAML). Returns the template and a logicalId -> line map. */
export function parseTemplate(file: string, text: string, options: { trusted?: boolean } = {}): { template: any; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  const trimmed = text.trimStart();
  let template: any;
  if (trimmed.startsWith('{')) {
    try {
      template = JSON.parse(text);
    } catch (e) {
      const msg = (e as Error).message;
      const m = /position (\d+)/.exec(msg);
      let line: number | undefined;
      let col: number | undefined;
      if (m) {
        const pos = Number(m[1]);
        const before = text.slice(0, pos);
        line = before.split('\n').length;
        col = pos - before.lastIndexOf('\n');
      }
      throw new InputError(file, `invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, line, col);
    }
    // JSON written by JSON.stringify in this process (synth) cannot hold duplicates; anything else is scanned
    const dup = options.trusted ? undefined : jsonDuplicateKey(text);
    if (dup) throw new InputError(file, `duplicate key ${JSON.stringify(dup.key)} in one object (CloudFormation refuses duplicate keys, and tools disagree on which value wins)`, dup.line);
    // lines are for reports that show them; CDK's own report (synth) locates resources by construct path
    if (!options.trusted && template && typeof template === 'object' && template.Resources && typeof template.Resources === 'object') jsonResourceLines(text, template.Resources, lines);
  } else {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, customTags: cfnYamlTags(), uniqueKeys: true }); // duplicate keys: CloudFormation refuses them, tools disagree on which wins
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const pos = err.linePos?.[0];
      throw new InputError(file, `invalid YAML: ${err.message.split('\n')[0]}`, pos?.line, pos?.col);
    }
    template = doc.toJS({ maxAliasCount: 100 });
    const res = isMap(doc.contents) ? (doc.contents as YAMLMap).get('Resources', true) : undefined;
    if (isMap(res)) {
      for (const pair of (res as YAMLMap).items) {
        const key = isScalar(pair.key) ? String((pair.key as Scalar).value) : undefined;
        const range = isScalar(pair.key) ? (pair.key as Scalar).range : undefined;
        if (key && range) lines.set(key, lc.linePos(range[0]).line);
      }
    }
  }
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    throw new InputError(file, 'not a CloudFormation template (expected an object with "Resources")');
  }
  if (template.Resources !== undefined && (typeof template.Resources !== 'object' || Array.isArray(template.Resources))) {
    throw new InputError(file, '"Resources" must be an object');
  }
  return { template, lines };
}

/** Top-level sections CloudFormation accepts in a template; anything else makes CloudFormation refuse it. */
const TEMPLATE_SECTIONS = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs', 'Hooks']);
/** A resource type: `AWS::S3::Bucket`, a registry type `Org::Service::Thing`, `Custom::Name`, `AWS::Serverless::Function`. */
const RESOURCE_TYPE = /^(Custom::[A-Za-z0-9_@-]+|[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?)$/;

/**
 * Whether a parsed document is a CloudFormation template, decided by its structure (never by its name or its first
 * bytes): a mapping whose `Resources` is a mapping with at least one entry whose `Type` is a resource type
 * (`AWS::...`, `Custom::...`, a registry type), and no top-level key CloudFormation would refuse (a Kubernetes object
 * with a "Resources" annotation has `apiVersion` and `kind`, so it is not a template).
 */
export function isTemplateDocument(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Record<string, any>;
  if (!Object.keys(d).every((k) => TEMPLATE_SECTIONS.has(k))) return false;
  const res = d.Resources;
  if (!res || typeof res !== 'object' || Array.isArray(res)) return false;
  // a language-extensions loop (`Fn::ForEach::Name: [var, list, {id: resource}]`) stands for the resources it makes
  return Object.entries(res).some(([k, r]: [string, any]) => (k.startsWith('Fn::ForEach::') && Array.isArray(r))
    || (r && typeof r === 'object' && typeof r.Type === 'string' && RESOURCE_TYPE.test(r.Type)));
}

/** What the loaders read from a stack's construct-tree metadata, gathered in one pass over it. */
interface MetadataIndex {
  /** Paths (without the leading `/`) with suppression or acknowledgement entries, in metadata order. */
  readonly suppressing: { path: string; entries: StackMetadata[string] }[];
  /** `aws:cdk:logicalId` entries: construct path and logical id, in metadata order. */
  readonly logicalIds: { path: string; logicalId: string }[];
  /** `aws:cdk:templateFile` entries: construct path and template file, in metadata order. */
  readonly templateFiles: { path: string; file: string }[];
}

const metadataIndexes = new WeakMap<object, MetadataIndex>();

/** The index of a stack's metadata (built once per metadata object: nested stacks share their parent's). */
function metadataIndex(metadata: StackMetadata): MetadataIndex {
  let index = metadataIndexes.get(metadata);
  if (index) return index;
  index = { suppressing: [], logicalIds: [], templateFiles: [] };
  for (const raw in metadata) {
    if (!Object.prototype.hasOwnProperty.call(metadata, raw)) continue;
    const entries = metadata[raw];
    let suppressing = false;
    // read as the entries were always read: a list (anything iterable), each entry an object
    for (const e of entries ?? []) {
      const type = e.type;
      if (type === 'aws:cdk:logicalId') {
        if (typeof e.data === 'string') index.logicalIds.push({ path: stripSlash(raw), logicalId: e.data });
      } else if (type === 'aws:cdk:templateFile') {
        if (typeof e.data === 'string') index.templateFiles.push({ path: stripSlash(raw), file: e.data });
      } else if (type === SUPPRESSION_METADATA_TYPE || type === CDK_ACK_METADATA_TYPE) {
        suppressing = true;
      }
    }
    if (suppressing) index.suppressing.push({ path: stripSlash(raw), entries });
  }
  metadataIndexes.set(metadata, index);
  return index;
}

function stripSlash(p: string): string {
  return p.charCodeAt(0) === 47 ? p.slice(1) : p;
}

/** Index of construct-tree suppressions by path, for inheritance. */
class TreeSuppressions {
  private readonly byPath = new Map<string, Suppression[]>();
  public readonly all: Suppression[] = [];
  public readonly problems: string[] = [];

  constructor(metadata: StackMetadata | undefined) {
    if (!metadata) return;
    for (const { path: p, entries } of metadataIndex(metadata).suppressing) {
      const seen = new Set<string>();
      const list: Suppression[] = [];
      for (const e of entries ?? []) {
        if (e.type === SUPPRESSION_METADATA_TYPE) {
          const r = parseSuppressionList([e.data], 'construct', p);
          this.problems.push(...r.problems);
          for (const s of r.suppressions) {
            seen.add(`${s.ruleId}[${s.findingId ?? ''}]`);
            list.push(s);
          }
        }
      }
      // CDK acknowledgements (Validations.of(x).acknowledge): ours are mirrored there, keep only the others.
      for (const e of entries ?? []) {
        if (e.type !== CDK_ACK_METADATA_TYPE || !e.data) continue;
        for (const [id, reason] of Object.entries(e.data)) {
          const parsed = parseSuppressionId(id);
          if (seen.has(`${parsed.ruleId}[${parsed.findingId ?? ''}]`)) continue;
          // one reason rule on every channel: an acknowledgement without a real reason suppresses nothing
          if (!isValidReason(reason)) {
            this.problems.push(`${p}: acknowledgement of ${id} is ignored: it needs a reason of at least ${MIN_REASON_LENGTH} characters besides whitespace and invisible characters (got ${JSON.stringify(reason ?? '')})`);
            continue;
          }
          list.push({ ...parsed, reason: String(reason).trim(), source: 'acknowledge', declaredAt: p });
        }
      }
      if (list.length > 0) {
        this.byPath.set(p, list);
        this.all.push(...list);
      }
    }
  }

  /** Suppressions declared on the path or any ancestor. */
  public forPath(constructPath: string | undefined): Suppression[] {
    if (!constructPath || this.byPath.size === 0) return [];
    const out: Suppression[] = [];
    const parts = constructPath.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const hit = this.byPath.get(parts.slice(0, i).join('/'));
      if (hit) out.push(...hit);
    }
    return out;
  }
}

const NO_METADATA: Record<string, any> = Object.freeze({});

/** Options of `templateResources`. */
export interface TemplateOptions {
  /** Construct-tree metadata of the stack (from the cloud assembly): construct paths, suppressions. */
  readonly metadata?: StackMetadata;
  /** Construct path of this template's stack, when it is one stack among several sharing `metadata` (nested stacks). */
  readonly stackPath?: string;
  /** Construct paths of every stack sharing `metadata` (the top stack and its nested stacks). */
  readonly stackPaths?: readonly string[];
  /** For a nested stack: the parent stack resource that passes the parameters. */
  readonly parent?: ParentBinding;
}

/** The longest stack path that owns a construct path (`a/b/c` belongs to `a/b` rather than `a`). */
function owningStack(constructPath: string, stackPaths: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const sp of stackPaths) {
    if ((constructPath === sp || constructPath.startsWith(sp + '/')) && (!best || sp.length > best.length)) best = sp;
  }
  return best;
}

/**
 * Turns one template into resources, each carrying its template scope for value resolution.
 * @param stack stack name used in resource keys
 */
export function templateResources(
  file: string,
  stack: string,
  template: any,
  lines: Map<string, number>,
  metadataOrOptions?: StackMetadata | TemplateOptions,
): { resources: Resource[]; tree: TreeSuppressions; problems: string[]; scope: CfnScope; pathByLogicalId: Map<string, string> } {
  const isOptions = !!metadataOrOptions && ['metadata', 'stackPath', 'stackPaths', 'parent'].some((k) => k in metadataOrOptions);
  const options: TemplateOptions = isOptions ? metadataOrOptions as TemplateOptions : { metadata: metadataOrOptions as StackMetadata | undefined };
  const metadata = options.metadata;
  // SAM, language extensions, includes and macros: check what CloudFormation will deploy (loaders/transforms.ts)
  const expansion = expandTransforms(template, file, lines);
  ({ template, lines } = expansion);
  const tree = new TreeSuppressions(metadata);
  // a nested stack shares its parent's metadata: its problems are reported once, with the parent
  const problems: string[] = options.parent ? [] : [...tree.problems];
  const resources: Resource[] = [];
  const scope = scopeOf(template, options.parent);
  // construct path by logical id, from the assembly metadata (works even when path metadata is off); with nested
  // stacks the metadata of all of them is shared, so keep only the paths this template's stack owns
  const pathByLogicalId = new Map<string, string>();
  if (metadata) {
    const owned = options.stackPath && options.stackPaths ? { stackPath: options.stackPath, stackPaths: options.stackPaths } : undefined;
    for (const { path: p, logicalId } of metadataIndex(metadata).logicalIds) {
      if (owned && owningStack(p, owned.stackPaths) !== owned.stackPath) continue;
      pathByLogicalId.set(logicalId, p);
    }
  }
  for (const [logicalId, entry] of Object.entries<any>(template.Resources ?? {})) {
    if (!entry || typeof entry !== 'object' || typeof entry.Type !== 'string') {
      problems.push(`${file}: resource ${logicalId} has no "Type"`);
      continue;
    }
    const md = entry.Metadata && typeof entry.Metadata === 'object' ? entry.Metadata : NO_METADATA;
    const constructPath: string | undefined = typeof md['aws:cdk:path'] === 'string' ? md['aws:cdk:path'] : pathByLogicalId.get(logicalId);
    const ours = md[CFN_METADATA_KEY] ?? NO_METADATA;
    const suppressions: Suppression[] = [];
    if (ours.suppressions !== undefined && ours.suppressions !== null) {
      const own = parseSuppressionList(ours.suppressions, 'metadata', `${stack}/${logicalId}`);
      problems.push(...own.problems);
      suppressions.push(...own.suppressions);
    }
    // cdk-nag v2 style metadata
    const nag = md.cdk_nag?.rules_to_suppress;
    if (nag !== undefined) {
      const r = parseSuppressionList(nag, 'metadata', `${stack}/${logicalId}`);
      problems.push(...r.problems);
      suppressions.push(...r.suppressions);
    }
    suppressions.push(...tree.forPath(constructPath));
    const overrides: DefaultOverride[] = Array.isArray(ours.overrides)
      ? ours.overrides.filter((o: any) => o && typeof o.property === 'string' && typeof o.reason === 'string')
      : [];
    resources.push({
      platform: 'aws',
      type: entry.Type,
      key: `${stack}/${logicalId}`,
      name: logicalId,
      logicalId,
      stack,
      constructPath,
      file,
      line: lines.get(logicalId),
      body: entry,
      suppressions,
      overrides,
      template: scope,
    });
  }
  return withExpansion({ resources, tree, problems, scope, pathByLogicalId }, expansion, stack, file);
}

function readText(file: string): string {
  return readInputText(file, 'a JSON or YAML template');
}

/** Where nested stack templates can be found offline. */
interface NestedContext {
  /** Asset hash -> template file (from the `*.assets.json` manifests beside the template). */
  readonly assets: Map<string, string>;
  /** Absolute paths of templates already read on this path (cycle guard). */
  readonly visiting: Set<string>;
  readonly out: AwsInputs;
  readonly pathIndex?: Map<string, Resource>;
  /** Construct-tree metadata shared by the stack and its nested stacks (cloud assembly). */
  readonly metadata?: StackMetadata;
  /** nested stack construct path -> template file (from `aws:cdk:templateFile` metadata). */
  readonly templateFileByPath: Map<string, string>;
  readonly stackPaths: readonly string[];
  /** Templates written by CDK in this process (synth-time validation): no duplicate-key scan. */
  readonly trusted?: boolean;
  /** The synth records of the assembly: templates are compared with them as they are read. */
  readonly digests?: SynthDigests;
}

/** The templates the synth records of an assembly list, and those read that differ. */
interface SynthDigests {
  /** Absolute template path -> sha256 at synth. */
  readonly expected: Map<string, string>;
  /** Folders with a record: every template below them must be listed (absolute paths). */
  readonly roots: string[];
  /** Templates read whose bytes differ from (or are missing in) the records, absolute paths in reading order. */
  readonly changed: string[];
}

/** The text of a template, compared with the synth records when one covers its folder. */
function readTemplateText(file: string, digests: SynthDigests | undefined): string {
  if (!digests || digests.roots.length === 0) return readText(file);
  const buf = readInputBytes(file);
  const abs = path.resolve(file);
  const covered = digests.roots.some((r) => abs.startsWith(r + path.sep));
  if (covered && digests.expected.get(abs) !== templateDigest(buf) && !digests.changed.includes(abs)) digests.changed.push(abs);
  return decodeInputText(file, buf, 'a JSON or YAML template');
}

/**
 * Asset hash -> source file, from every `*.assets.json` in a folder. Cached per folder and per state of its asset
 * manifests (names, sizes, modification times), so a folder synthesized again in the same process is read again.
 */
const assetIndexCache = new Map<string, { readonly signature: string; readonly index: Map<string, string> }>();
function assetIndex(dir: string): Map<string, string> {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.assets.json')).sort();
  } catch {
    names = [];
  }
  const signature = names.map((n) => {
    try {
      const st = fs.statSync(path.join(dir, n));
      return `${n}:${st.size}:${st.mtimeMs}`;
    } catch {
      return `${n}:?`;
    }
  }).join('|');
  const cached = assetIndexCache.get(dir);
  if (cached && cached.signature === signature) return cached.index;
  const out = new Map<string, string>();
  for (const n of names) {
    try {
      const m = JSON.parse(readText(path.join(dir, n)));
      for (const [hash, f] of Object.entries<any>(m?.files ?? {})) {
        if (typeof f?.source?.path === 'string' && /\.json$/.test(f.source.path)) out.set(hash, path.join(dir, f.source.path));
      }
    } catch {
      // not an asset manifest we can read: nested stacks it describes are reported unchecked
    }
  }
  if (assetIndexCache.size > 100) assetIndexCache.clear();
  assetIndexCache.set(dir, { signature, index: out });
  return out;
}

/** Finds the template file of a nested stack resource, or says why it cannot be read. */
function nestedTemplateFile(
  file: string,
  r: Resource,
  constructPathOfResource: string | undefined,
  ctx: NestedContext,
): { file?: string; reason?: string } {
  const dir = path.dirname(file);
  const md = r.body?.Metadata ?? {};
  if (typeof md['aws:asset:path'] === 'string') {
    const f = path.join(dir, md['aws:asset:path']);
    if (fs.existsSync(f)) return { file: f };
  }
  const m = constructPathOfResource ? /^(.*)\.NestedStack\/[^/]+\.NestedStackResource$/.exec(constructPathOfResource) : null;
  if (m) {
    const tf = ctx.templateFileByPath.get(m[1]);
    if (tf && fs.existsSync(path.join(dir, tf))) return { file: path.join(dir, tf) };
  }
  const urls = expand(resolve(r.body?.Properties?.TemplateURL, r.template!)).map((a) => a.value);
  if (urls.length === 0 || urls.every((u) => u === undefined)) return { reason: 'it has no TemplateURL' };
  for (const u of urls) {
    if (typeof u !== 'string') continue;
    const lit = literalText(u);
    const hash = /([0-9a-f]{64})\.json$/.exec(lit)?.[1];
    if (hash && ctx.assets.has(hash) && fs.existsSync(ctx.assets.get(hash)!)) return { file: ctx.assets.get(hash) };
    if (lit === u && !/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
      const local = path.resolve(dir, u);
      if (fs.existsSync(local) && fs.statSync(local).isFile()) return { file: local };
    }
  }
  return { reason: `its template (TemplateURL ${urls.map((u) => display(u)).join(' | ')}) is not available offline` };
}

/** Loads a template and, recursively, every nested stack template it references. */
function loadWithNested(
  file: string,
  stack: string,
  template: any,
  lines: Map<string, number>,
  ctx: NestedContext,
  stackPath?: string,
  parent?: ParentBinding,
): void {
  const real = path.resolve(file);
  if (ctx.visiting.has(real)) {
    ctx.out.problems.push(`${file}: nested stack template includes itself; not read again`);
    return;
  }
  ctx.visiting.add(real);
  const { resources, tree, problems, pathByLogicalId } = templateResources(file, stack, template, lines, {
    metadata: ctx.metadata,
    stackPath,
    stackPaths: ctx.stackPaths,
    parent,
  });
  ctx.out.problems.push(...problems);
  if (!parent) ctx.out.declaredSuppressions.push(...tree.all);
  for (const r of resources) {
    if (r.type !== 'AWS::CloudFormation::Stack') {
      ctx.out.resources.push(r);
      if (r.constructPath && ctx.pathIndex) ctx.pathIndex.set(r.constructPath, r);
      // Kubernetes objects CloudFormation applies to an EKS cluster are checked as Kubernetes objects
      if (r.type === EKS_MANIFEST_TYPE) ctx.out.resources.push(...embeddedObjects(r, ctx.out.problems));
      continue;
    }
    const found = nestedTemplateFile(file, r, pathByLogicalId.get(r.logicalId!) ?? r.constructPath, ctx);
    if (!found.file) {
      ctx.out.resources.push({ ...r, traits: [...(r.traits ?? []), UNCHECKED_TRAIT], uncheckedReason: `nested stack ${r.logicalId}: ${found.reason}; check that template separately (it is checked when the cloud assembly or the template file is given)` });
      continue;
    }
    ctx.out.resources.push(r);
    if (r.constructPath && ctx.pathIndex) ctx.pathIndex.set(r.constructPath, r);
    const nestedPathMatch = /^(.*)\.NestedStack\/[^/]+\.NestedStackResource$/.exec(pathByLogicalId.get(r.logicalId!) ?? r.constructPath ?? '');
    const nestedStackPath = nestedPathMatch?.[1];
    const nestedStack = nestedStackPath ?? `${stack}/${r.logicalId}`;
    let parsed: { template: any; lines: Map<string, number> };
    try {
      parsed = parseTemplate(found.file, readTemplateText(found.file, ctx.digests), { trusted: ctx.trusted });
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(found.file, (e as Error).message);
    }
    ctx.out.nestedTemplates!.push(path.resolve(found.file));
    const binding: ParentBinding = { scope: r.template!, parameters: r.body?.Properties?.Parameters, label: `${stack}/${r.logicalId}` };
    loadWithNested(found.file, nestedStack, parsed.template, parsed.lines, ctx, nestedStackPath, binding);
  }
  ctx.visiting.delete(real);
}

function emptyInputs(): AwsInputs {
  return { resources: [], externalFindings: [], externalRules: [], declaredSuppressions: [], problems: [], nestedTemplates: [] };
}

/** Loads a single CloudFormation template file, with the nested stack templates it references where they are local. */
export function loadTemplateFile(file: string, parsed?: { template: any; lines: Map<string, number> }): AwsInputs {
  const { template, lines } = parsed ?? parseTemplate(file, readText(file));
  const stack = path.basename(file).replace(/\.template\.(json|ya?ml)$/i, '').replace(/\.(json|ya?ml)$/i, '');
  const out = emptyInputs();
  loadWithNested(file, stack, template, lines, {
    assets: assetIndex(path.dirname(file)),
    visiting: new Set(),
    out,
    templateFileByPath: new Map(),
    stackPaths: [],
  });
  return out;
}

/** Whether a directory is a CDK cloud assembly. */
export function isCloudAssembly(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

/**
 * Loads a CDK cloud assembly (cdk.out): every stack template with its nested stack templates (nested stage
 * assemblies too), the construct-tree metadata (suppressions, acknowledgements) and CDK's validation report
 * (cdk-nag results).
 */
export function loadCloudAssembly(dir: string, onlyTemplates?: ReadonlySet<string>, options: { trusted?: boolean } = {}): AwsInputs {
  const out = emptyInputs();
  const pathIndex = new Map<string, Resource>();
  // the synth-time run itself (onlyTemplates) reads the templates CDK has just written: nothing to compare
  const digests: SynthDigests | undefined = onlyTemplates ? undefined : { expected: new Map(), roots: [], changed: [] };
  loadAssemblyInto(dir, out, pathIndex, new Set(), onlyTemplates, options.trusted, digests);
  if (onlyTemplates) return out;
  const changed = new Set(digests!.changed);
  const reportFile = path.join(dir, 'validation-report.json');
  const reportPlugins = fs.existsSync(reportFile) ? readValidationReport(reportFile, out, pathIndex, changed) : [];
  if (changed.size > 0) {
    const packs = [...new Set([...(out.synthRecords ?? []).flatMap((r) => r.record.options.cdkNagPacks), ...reportPlugins])];
    out.changedSinceSynth = { files: [...changed], packs };
    for (const f of changed) {
      out.problems.push(`${f}: changed since AwsCompliance.enable synthesized and checked it (its sha256 is not the one in ${SYNTH_RECORD_FILE}): judged on its current content; `
        + (packs.length > 0 ? `the cdk-nag results of CDK's validation report describe the synthesized template, so ${packs.join(', ')} run again on it` : 'no cdk-nag pack ran on it at synth'));
    }
  }
  return out;
}

function isEmptyObject(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return false;
  return true;
}

function loadAssemblyInto(
  dir: string,
  out: AwsInputs,
  pathIndex: Map<string, Resource>,
  visited: Set<string>,
  onlyTemplates?: ReadonlySet<string>,
  trusted?: boolean,
  digests?: SynthDigests,
): void {
  const real = fs.realpathSync(dir);
  if (visited.has(real)) return;
  visited.add(real);
  const record = digests ? readSynthRecord(dir) : undefined;
  if (record) {
    (out.synthRecords ??= []).push({ dir, record });
    const root = path.resolve(dir);
    digests!.roots.push(root);
    for (const t of record.templates) digests!.expected.set(path.resolve(root, t.path), t.sha256);
  }
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = readJsonInput(manifestFile);
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact?.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      loadAssemblyInto(path.join(dir, artifact.properties.directoryName), out, pathIndex, visited, onlyTemplates, trusted, digests);
      continue;
    }
    if (artifact?.type !== 'aws:cloudformation:stack') continue;
    const templateFile = path.join(dir, artifact.properties?.templateFile ?? `${artifactId}.template.json`);
    if (onlyTemplates && !onlyTemplates.has(path.resolve(templateFile))) continue;
    let metadata: StackMetadata = artifact.metadata ?? {};
    if (artifact.additionalMetadataFile) {
      const mf = path.join(dir, artifact.additionalMetadataFile);
      if (fs.existsSync(mf)) {
        const more = JSON.parse(readText(mf));
        // no copy of the (large) file when the manifest holds no metadata of its own
        metadata = isEmptyObject(metadata) && more !== null && typeof more === 'object' && !Array.isArray(more) ? more : { ...metadata, ...more };
      }
    }
    const { template, lines } = parseTemplate(templateFile, readTemplateText(templateFile, digests), { trusted });
    const stackName = artifact.displayName ?? artifactId;
    // the stack's own construct path and those of its nested stacks, from the templateFile metadata
    const templateFileByPath = new Map<string, string>();
    let stackPath: string | undefined;
    const ownTemplate = path.resolve(templateFile);
    for (const { path: p, file } of metadataIndex(metadata).templateFiles) {
      if (path.resolve(dir, file) === ownTemplate) stackPath = p;
      else templateFileByPath.set(p, file);
    }
    const stackPaths = [...(stackPath ? [stackPath] : []), ...templateFileByPath.keys()];
    loadWithNested(templateFile, stackName, template, lines, {
      assets: assetIndex(dir), visiting: new Set(), out, pathIndex, metadata, templateFileByPath, stackPaths: stackPath ? stackPaths : [], trusted,
      digests,
    }, stackPath);
  }
}

/**
 * Reads CDK's validation report into external findings and rules. Results of cdk-nag packs for templates in
 * `changed` (edited after synth) are dropped: they describe the synthesized template (check.ts runs the packs again
 * on the current one). Returns the cdk-nag packs (plugin names) the report has results of.
 */
function readValidationReport(file: string, out: AwsInputs, pathIndex: Map<string, Resource>, changed: ReadonlySet<string>): string[] {
  const report = readJsonInput(file);
  const rules = new Map<string, RuleInfo>();
  const nagPlugins = new Set<string>();
  for (const plugin of report.pluginReports ?? []) {
    const pluginName: string = plugin.pluginName ?? 'unknown';
    // our own rules are evaluated again from the templates: the same loader as at synth, on the same files (and on
    // their current content when they were edited since), so nothing the synth-time run knew is lost
    if (pluginName === 'secure-constructs') continue;
    const rerun = cdkNagPackByPlugin(pluginName) !== undefined;
    if (rerun) nagPlugins.add(pluginName);
    // cdk-nag packs are labelled `cdk-nag:<pack>`; other plugins (e.g. CDK's own CloudFormation Validate) `cdk-plugin:<name>`
    const source = validationPluginSource(pluginName);
    // violations CDK suppressed with Validations.of(x).acknowledge: reported as suppressed, with their reason, when
    // the reason meets our rule; otherwise the finding stays open (one reason rule on every channel)
    const listed: { v: any; ack?: { reason: string; at: string } }[] = [
      ...(plugin.violations ?? []).map((v: any) => ({ v })),
      ...(Array.isArray(plugin.suppressedViolations) ? plugin.suppressedViolations : []).map((v: any) => {
        const at = String(v.acknowledgedAt ?? '').replace(/^\//, '');
        if (isValidReason(v.reason)) return { v, ack: { reason: String(v.reason).trim(), at } };
        out.problems.push(`${file}: acknowledgement of ${String(v.acknowledgedId ?? v.ruleName)}${at ? ` at ${at}` : ''} is ignored: it needs a reason of at least ${MIN_REASON_LENGTH} characters besides whitespace and invisible characters (got ${JSON.stringify(v.reason ?? '')})`);
        return { v };
      }),
    ];
    for (const { v, ack } of listed) {
      const parsed = parseSuppressionId(String(v.ruleName ?? 'unknown'));
      const description = withoutConfigSuppressedMark(String(v.description ?? parsed.ruleId));
      const controls = cdkNagControls(pluginName, description);
      const severity = v.severity === 'warning' ? 'warning' : v.severity === 'info' ? 'info' : 'error';
      if (!rules.has(parsed.ruleId)) {
        rules.set(parsed.ruleId, {
          id: parsed.ruleId,
          title: cdkNagTitle(description),
          description,
          severity,
          platform: 'aws',
          appliesTo: [],
          controls,
          remediation: v.fix ?? `See the cdk-nag rules documentation for ${parsed.ruleId}.`,
          source,
        });
      }
      for (const c of v.violatingConstructs ?? v.violatingResources ?? []) {
        const cpath = String(c.constructPath ?? '').replace(/^\//, '');
        const res = pathIndex.get(cpath);
        if (rerun && changed.size > 0) {
          const tp = c.templatePath;
          const templatePath = typeof tp === 'string' && tp !== 'N/A' ? path.resolve(path.dirname(file), tp) : undefined;
          if ((templatePath && changed.has(templatePath)) || (res?.file && changed.has(path.resolve(res.file)))) continue;
        }
        out.externalFindings.push({
          ruleId: parsed.ruleId,
          findingId: parsed.findingId,
          title: rules.get(parsed.ruleId)!.title,
          severity,
          status: 'non-compliant',
          platform: 'aws',
          source,
          resource: res
            ? { type: res.type, key: res.key, name: res.name, logicalId: res.logicalId, stack: res.stack }
            : { type: String(c.constructFqn ?? 'unknown'), key: cpath, name: cpath },
          constructPath: cpath,
          file: res?.file,
          line: res?.line,
          message: description,
          remediation: rules.get(parsed.ruleId)!.remediation,
          controls,
          ...(ack ? { status: 'suppressed' as const, suppression: { reason: ack.reason, source: 'acknowledge' } } : {}),
        });
      }
    }
  }
  out.externalRules.push(...rules.values());
  return [...nagPlugins];
}
