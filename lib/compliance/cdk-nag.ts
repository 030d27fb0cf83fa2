/**
 * The one cdk-nag adapter: which cdk-nag packs exist (class, plugin name, rule-id prefix, framework of their
 * control ids), how their results are labelled in our report, and how to run a pack on any CloudFormation
 * template (not only on a CDK app).
 *
 * Running on a template: the template is loaded with aws-cdk-lib's `cloudformation_include.CfnInclude` into a
 * throwaway stack and the pack's `validateScope` walks it. Each rule call is observed (rule id, level, outcome per
 * resource), so the report has real evaluations, granular finding ids (`AwsSolutions-IAM5[Action::s3:*]`) and
 * findings mapped back to our resources (key, file, line), where our suppressions apply to them. A template
 * CfnInclude refuses is an input error that names CfnInclude's reason, never a pass.
 *
 * cdk-nag is loaded lazily (its module costs ~0.3 s), only when a cdk-nag pack runs or is listed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { CDK_NAG_PACKS, CdkNagPackInfo, cdkNagPackByPlugin } from './cdk-nag-packs';
import { findingResource } from './engine';
import { Evaluation, Finding, InputProblem, Resource, RuleInfo, Severity } from './model';


export { CDK_NAG_PACKS, CdkNagPackInfo, cdkNagPackById, cdkNagPackByPlugin } from './cdk-nag-packs';

/** The `source` of findings and rules of a cdk-nag pack. */
export function cdkNagSource(pluginName: string): string {
  return `cdk-nag:${pluginName}`;
}

/** Whether a finding or rule `source` is a cdk-nag pack's. */
export function isCdkNagSource(source: string | undefined): boolean {
  return source !== undefined && CDK_NAG_PACKS.some((p) => source === cdkNagSource(p.pluginName));
}

/** The `source` of findings of a CDK validation plugin as named in CDK's validation report. */
export function validationPluginSource(pluginName: string): string {
  return cdkNagPackByPlugin(pluginName) ? cdkNagSource(pluginName) : `cdk-plugin:${pluginName}`;
}

/**
 * The control ids a cdk-nag rule declares, as our control strings. cdk-nag v3 keeps them only in the rule's
 * message (`... - (Control IDs: AC-3, SC-7(3)).` or `(Control ID: 164.312(b))`); there is no structured field.
 */
export function cdkNagControls(pluginName: string, text: string): string[] {
  const prefix = cdkNagPackByPlugin(pluginName)?.controlPrefix;
  if (!prefix) return [];
  const m = /\(Control IDs?:\s*/.exec(text);
  if (!m) return [];
  const rest = text.slice(m.index + m[0].length);
  const end = rest.lastIndexOf(')');
  const ids = (end >= 0 ? rest.slice(0, end) : rest).split(',').map((s) => s.trim()).filter(Boolean);
  return [...new Set(ids)].map((id) => `${prefix}:${id}`);
}

/** A rule message without its control-id suffix. */
export function cdkNagTitle(text: string): string {
  return text.replace(/\s*-?\s*\(Control IDs?:.*$/s, '').trim() || text;
}

const RULES_DOC = 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md';

function cdkNagModule(): typeof import('cdk-nag') {
  try {
    return require('cdk-nag');
  } catch (e) {
    throw new Error(`cdk-nag is not installed (${(e as Error).message.split('\n')[0]}); install cdk-nag@^3 to run cdk-nag packs`);
  }
}

/** A new instance of a cdk-nag pack. */
export function createCdkNagPack(info: CdkNagPackInfo, scope?: IConstruct): NagPack {
  const Pack = (cdkNagModule() as any)[info.className];
  if (typeof Pack !== 'function') throw new Error(`cdk-nag has no pack class ${info.className}`);
  return new Pack(scope);
}

/** What one rule call returned. */
type CallOutcome = 'compliant' | 'not-applicable' | 'non-compliant' | 'threw' | 'unknown';

interface ObservedRule {
  readonly id: string;
  readonly level: Severity;
  readonly info: string;
  readonly explanation: string;
}

interface ObservedCall {
  readonly ruleId: string;
  readonly node: CfnResource;
  readonly outcome: CallOutcome;
  readonly detail?: string;
}

function levelOf(level: unknown): Severity {
  if (level === 'Warning') return 'warning';
  if (level === 'Info') return 'info';
  return 'error';
}

function outcomeOf(result: unknown): CallOutcome {
  if (result === 'Compliant') return 'compliant';
  if (result === 'N/A') return 'not-applicable';
  if (result === 'Non-Compliant') return 'non-compliant';
  if (Array.isArray(result)) return result.length > 0 ? 'non-compliant' : 'compliant';
  return 'unknown';
}

/**
 * Observes a pack: every `applyRule` call (made for each rule on each resource by `validateScope`) records the
 * rule's id, level and texts, and the rule's outcome on that resource. The rule is still applied by cdk-nag itself,
 * once, so its report (violations, granular ids, acknowledgements) stays cdk-nag's own.
 */
function observe(pack: NagPack, rules: Map<string, ObservedRule>, calls?: ObservedCall[]): void {
  const original = (pack as any).applyRule;
  if (typeof original !== 'function') throw new Error('this cdk-nag version has no NagPack.applyRule; secure-constructs supports cdk-nag 3.x');
  // one wrapper per (rule function, rule id), made once: applyRule runs for every rule on every resource
  const wrappers = new Map<unknown, Map<string, (node: CfnResource) => unknown>>();
  const wrapperOf = (rule: (node: CfnResource) => unknown, ruleId: string) => {
    let byId = wrappers.get(rule);
    if (!byId) wrappers.set(rule, (byId = new Map()));
    let wrapped = byId.get(ruleId);
    if (!wrapped) {
      wrapped = (node: CfnResource) => {
        let result: unknown;
        try {
          result = rule(node);
        } catch (e) {
          calls?.push({ ruleId, node, outcome: 'threw', detail: e instanceof Error ? e.message : String(e) });
          throw e;
        }
        const outcome = outcomeOf(result);
        // most calls are not applicable (each rule is applied to every resource): not kept
        if (outcome !== 'not-applicable') calls?.push({ ruleId, node, outcome, detail: outcome === 'unknown' ? `returned ${JSON.stringify(result)}` : undefined });
        return result;
      };
      byId.set(ruleId, wrapped);
    }
    return wrapped;
  };
  (pack as any).applyRule = function (params: any) {
    const suffix: string = params.ruleSuffixOverride ?? params.rule?.name ?? '';
    const ruleId = `${pack.readPackName}-${suffix}`;
    if (!rules.has(ruleId)) {
      rules.set(ruleId, { id: ruleId, level: levelOf(params.level), info: String(params.info ?? ruleId), explanation: String(params.explanation ?? '') });
    }
    // the pack builds a new params object for each call: it is ours to change
    params.ruleSuffixOverride = suffix;
    params.rule = wrapperOf(params.rule, ruleId);
    return original.call(this, params);
  };
}

function ruleInfoOf(info: CdkNagPackInfo, r: ObservedRule): RuleInfo {
  return {
    id: r.id,
    title: cdkNagTitle(r.info),
    description: r.explanation ? `${r.info} ${r.explanation}` : r.info,
    severity: r.level,
    platform: 'aws',
    appliesTo: [],
    controls: cdkNagControls(info.pluginName, r.info),
    remediation: `${r.explanation ? `${r.explanation} ` : ''}(cdk-nag rule ${r.id})`.trim(),
    helpUri: RULES_DOC,
    source: cdkNagSource(info.pluginName),
  };
}

const catalogueCache = new Map<string, RuleInfo[]>();

/**
 * Every rule of a pack with its level: cdk-nag applies each rule of a pack to every resource, so one pass of the
 * observed pack over a throwaway stack with one resource lists them all.
 */
export function cdkNagRules(info: CdkNagPackInfo): RuleInfo[] {
  const cached = catalogueCache.get(info.packId);
  if (cached) return cached;
  const cdk: typeof import('aws-cdk-lib') = require('aws-cdk-lib');
  const stack = new cdk.Stack(undefined, 'CdkNagRuleCatalogue');
  new cdk.CfnResource(stack, 'Probe', { type: 'AWS::CloudFormation::WaitConditionHandle' });
  const pack = createCdkNagPack(info);
  const rules = new Map<string, ObservedRule>();
  observe(pack, rules);
  pack.validateScope(stack);
  const out = [...rules.values()].map((r) => ruleInfoOf(info, r));
  catalogueCache.set(info.packId, out);
  return out;
}

/** A template to run cdk-nag packs on. */
export interface CdkNagTemplate {
  /** The template file (for messages). */
  readonly file: string;
  /** The parsed template, as our loader read it. */
  readonly template: any;
  /** Our resources of this template by logical id: findings are mapped back to them. */
  readonly resources: ReadonlyMap<string, Resource>;
}

/** What running cdk-nag packs on templates produced. */
export interface CdkNagRun {
  readonly findings: Finding[];
  readonly rules: RuleInfo[];
  /** (rule, resource) pairs a rule decided (compliant or not); not-applicable calls are left out. */
  readonly evaluations: Evaluation[];
  /** Templates (or parts of them) cdk-nag could not check. */
  readonly inputErrors: InputProblem[];
  /** Templates loaded into a stack and checked / refused. */
  readonly loaded: number;
  readonly refused: number;
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

function transformNames(template: any): string[] {
  const t = template?.Transform;
  if (t === undefined || t === null) return [];
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' && typeof x.Name === 'string' ? x.Name : JSON.stringify(x)));
}

/** Path of the first `Fn::Transform` in a value, or undefined. */
function findFnTransform(value: any, at: string, depth = 0): string | undefined {
  if (!value || typeof value !== 'object' || depth > 200) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findFnTransform(value[i], `${at}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'Fn::Transform') return at;
    const hit = findFnTransform(v, `${at}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * What about a template keeps cdk-nag from seeing what CloudFormation will deploy. `refuse`: the template is not
 * loaded at all; `problems`: reported as input errors (the rest of the template is still checked).
 */
function preflight(t: CdkNagTemplate): { refuse?: string; problems: string[] } {
  const problems: string[] = [];
  const resources = t.template?.Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources) || Object.keys(resources).length === 0) {
    return { refuse: 'the template has no resources', problems };
  }
  for (const [id, entry] of Object.entries<any>(resources)) {
    if (id.startsWith('Fn::ForEach::')) {
      return { refuse: `Resources.${id}: Fn::ForEach (${LANGUAGE_EXTENSIONS}) creates its resources when CloudFormation processes the template; expand it first (aws cloudformation get-template --template-stage Processed)`, problems };
    }
    if (entry && typeof entry === 'object' && entry.Properties !== undefined && (entry.Properties === null || typeof entry.Properties !== 'object' || Array.isArray(entry.Properties))) {
      return { refuse: `Resources.${id}: Properties must be an object (CfnInclude would drop it and cdk-nag would check a resource without properties)`, problems };
    }
  }
  const fnTransform = findFnTransform(resources, 'Resources');
  if (fnTransform) {
    return { refuse: `${fnTransform}: Fn::Transform (e.g. AWS::Include) inserts content when CloudFormation processes the template; cdk-nag cannot see it`, problems };
  }
  for (const name of transformNames(t.template)) {
    if (name === SAM_TRANSFORM) {
      const sam = Object.entries<any>(resources).filter(([, e]) => typeof e?.Type === 'string' && e.Type.startsWith('AWS::Serverless::'));
      if (sam.length > 0) {
        const list = sam.slice(0, 10).map(([id, e]) => `${id} (${e.Type})`).join(', ') + (sam.length > 10 ? `, and ${sam.length - 10} more` : '');
        problems.push(`cdk-nag did not check ${sam.length} resource(s) that the ${SAM_TRANSFORM} transform expands at deployment: ${list}; cdk-nag's rules apply to the expanded resources (sam build / sam validate, or the processed template)`);
      }
    } else if (name !== LANGUAGE_EXTENSIONS) {
      problems.push(`the template uses the transform (macro) "${name}", which rewrites it when CloudFormation processes it; cdk-nag checked the template as written, not what will be deployed`);
    }
  }
  return { problems };
}

/**
 * Properties CloudFormation accepts as a JSON string as well as an object (type Json). aws-cdk-lib's L1 classes
 * only take the object, and cdk-nag's rules see nothing in a string: a policy written as a string would pass them.
 * They are parsed here, as CloudFormation does, before the template is included.
 */
const JSON_DOCUMENT_PROPERTIES = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'KeyPolicy', 'ResourcePolicy', 'AccessPolicies', 'RepositoryPolicyText']);

/** A copy of the template with JSON-string policy documents parsed (anywhere under a resource's Properties). */
function withParsedDocuments(template: any): any {
  const visit = (v: any, depth: number): any => {
    if (!v || typeof v !== 'object' || depth > 100) return v;
    if (Array.isArray(v)) return v.map((x) => visit(x, depth + 1));
    const out: any = {};
    for (const [k, x] of Object.entries(v)) {
      if (JSON_DOCUMENT_PROPERTIES.has(k) && typeof x === 'string') {
        try {
          const parsed = JSON.parse(x);
          out[k] = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : x;
        } catch {
          out[k] = x; // not JSON: CloudFormation refuses it; the render check below reports it
        }
      } else {
        out[k] = visit(x, depth + 1);
      }
    }
    return out;
  };
  const resources: any = {};
  for (const [id, entry] of Object.entries<any>(template.Resources)) {
    resources[id] = entry && typeof entry === 'object' && entry.Properties ? { ...entry, Properties: visit(entry.Properties, 0) } : entry;
  }
  return { ...template, Resources: resources };
}

/** A validator message on one line, with long quoted values shortened. */
function condense(msg: string): string {
  return msg.replace(/\s+/g, ' ').replace(/"((?:[^"\\]|\\.){60})(?:[^"\\]|\\.)+"/g, '"$1..."').trim().slice(0, 400);
}

/**
 * Nested stacks whose template is not one of the run's templates: cdk-nag checks each template on its own, so a
 * child template it was not given is a stack nothing of it evaluated. The child is found from CDK's asset metadata
 * (`aws:asset:path`, in a cloud assembly) or from a local `TemplateURL` (before `aws cloudformation package`).
 */
function uncheckedNestedStacks(
  t: CdkNagTemplate,
  templateFiles: ReadonlySet<string>,
  assetIndex: Map<string, AssetEntry[]>,
): { id: string; message: string }[] {
  const out: { id: string; message: string }[] = [];
  for (const [id, entry] of Object.entries<any>(t.template.Resources ?? {})) {
    if (entry?.Type !== 'AWS::CloudFormation::Stack') continue;
    const asset = entry.Metadata?.['aws:asset:path'];
    const url = entry.Properties?.TemplateURL;
    const local = typeof asset === 'string' ? asset
      : typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url
        : assemblyTemplateAsset(assetIndex, path.dirname(t.file), JSON.stringify(url ?? null));
    if (local !== undefined && templateFiles.has(path.resolve(path.dirname(t.file), local))) continue;
    const where = local !== undefined ? `its template ${local} is not among the templates read` : `its template (TemplateURL ${JSON.stringify(url)}) is not a local file`;
    out.push({ id, message: `Resources.${id} (AWS::CloudFormation::Stack): cdk-nag did not check this nested stack: ${where}` });
  }
  return out;
}

/** A file asset of a cloud assembly: its S3 object key and its source file. */
interface AssetEntry {
  readonly key: string;
  readonly source: string;
}

/**
 * In a cloud assembly, the file asset (a nested template) whose S3 object key a TemplateURL names, from the
 * folder's `*.assets.json` manifests (CDK uploads `<hash>.json` and builds the URL from that key).
 */
function assemblyTemplateAsset(assetIndex: Map<string, AssetEntry[]>, dir: string, urlText: string): string | undefined {
  let assets = assetIndex.get(dir);
  if (!assets) {
    assets = [];
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.assets.json'));
    } catch {
      // not a folder we can list: no assets
    }
    for (const n of names) {
      try {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8'));
        for (const [hash, a] of Object.entries<any>(manifest.files ?? {})) {
          const source = a?.source?.path;
          if (typeof source !== 'string' || !/\.json$/i.test(source)) continue;
          for (const d of Object.values<any>(a.destinations ?? {})) if (typeof d?.objectKey === 'string') assets.push({ key: d.objectKey, source });
          assets.push({ key: `${hash}.json`, source });
        }
      } catch {
        // an unreadable assets manifest: the nested stack stays unresolved (and is reported)
      }
    }
    assetIndex.set(dir, assets);
  }
  return assets.find((a) => urlText.includes(a.key))?.source;
}

/** CfnInclude's message, first line, without aws-cdk-lib's class prefixes. */
function cfnIncludeReason(e: unknown, allLines = false): string {
  const msg = (e instanceof Error ? e.message : String(e)).replace(/^Resolution error: /, '');
  return (allLines ? msg.split('\n').slice(0, 4).join(' ') : msg.split('\n')[0]).trim() || (e instanceof Error ? e.name : 'unknown error');
}

/**
 * Runs cdk-nag packs on templates: each template is loaded with CfnInclude into its own throwaway stack (once, for
 * all packs) and each pack's `validateScope` walks that stack.
 */
export function runCdkNagPacks(packs: readonly CdkNagPackInfo[], templates: readonly CdkNagTemplate[]): CdkNagRun {
  const run = {
    findings: [] as Finding[], rules: [] as RuleInfo[], evaluations: [] as Evaluation[], inputErrors: [] as InputProblem[], loaded: 0, refused: 0,
  };
  if (packs.length === 0) return run;
  const cdk: typeof import('aws-cdk-lib') = require('aws-cdk-lib');
  const instances = packs.map((info) => {
    const pack = createCdkNagPack(info);
    const rules = new Map<string, ObservedRule>();
    const calls: ObservedCall[] = [];
    observe(pack, rules, calls);
    return { info, pack, rules, calls };
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cdk-nag-'));
  // never synthesized; its output folder is ours, removed below
  // (no construct stack traces: nothing here is reported by construct)
  const app = new cdk.App({ autoSynth: false, stackTraces: false, outdir: path.join(tmp, 'cdk.out') });
  const templateFiles = new Set(templates.map((t) => path.resolve(t.file)));
  const assetIndex = new Map<string, AssetEntry[]>();
  try {
    templates.forEach((t, i) => {
      const names = packs.map((p) => p.pluginName).join(', ');
      const pre = preflight(t);
      for (const p of pre.problems) run.inputErrors.push({ file: t.file, message: p });
      if (!pre.refuse) {
        for (const p of uncheckedNestedStacks(t, templateFiles, assetIndex)) {
          run.inputErrors.push({ file: t.file, line: t.resources.get(p.id)?.line, message: p.message });
        }
      }
      if (pre.refuse) {
        run.refused++;
        run.inputErrors.push({ file: t.file, message: `cdk-nag (${names}) did not check this template: ${pre.refuse}` });
        return;
      }
      const stack = new cdk.Stack(app, `T${i}`);
      const byPath = new Map<string, Resource>();
      try {
        const templateFile = path.join(tmp, `${i}.json`);
        fs.writeFileSync(templateFile, JSON.stringify(withParsedDocuments(t.template)));
        const included = new cdk.cloudformation_include.CfnInclude(stack, 'Template', { templateFile, preserveLogicalIds: true });
        for (const logicalId of Object.keys(t.template.Resources)) {
          const cfn = included.getResource(logicalId);
          const res = t.resources.get(logicalId);
          if (res) byPath.set(cfn.node.path, res);
          // CfnInclude keeps a property of an unexpected shape as it is (a single object where CloudFormation
          // wants a list...), and cdk-nag's rules then read it wrongly: rendering the resource, as a synth would,
          // runs aws-cdk-lib's property checks
          try {
            stack.resolve((cfn as any)._toCloudFormation());
          } catch (e) {
            run.inputErrors.push({
              file: t.file,
              line: res?.line,
              message: `Resources.${logicalId} (${cfn.cfnResourceType}): aws-cdk-lib does not read its properties as written (${condense(cfnIncludeReason(e, true))}); cdk-nag's results for it cannot be trusted`,
            });
          }
        }
      } catch (e) {
        run.refused++;
        app.node.tryRemoveChild(stack.node.id);
        run.inputErrors.push({ file: t.file, message: `cdk-nag (${names}) did not check this template: CfnInclude cannot load it: ${cfnIncludeReason(e)}` });
        return;
      }
      run.loaded++;
      for (const inst of instances) collect(inst, inst.pack.validateScope(stack), byPath, t, run);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const inst of instances) {
    const seen = new Set<string>();
    // the pack's whole catalogue, plus any rule observed in the run that the catalogue pass did not see
    for (const r of [...cdkNagRules(inst.info), ...[...inst.rules.values()].map((x) => ruleInfoOf(inst.info, x))]) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      run.rules.push(r);
    }
  }
  return run;
}

/** Turns one pack's report on one template (and the observed calls) into findings and evaluations. */
function collect(
  inst: { info: CdkNagPackInfo; rules: Map<string, ObservedRule>; calls: ObservedCall[] },
  report: PolicyValidationPluginReport,
  byPath: ReadonlyMap<string, Resource>,
  t: CdkNagTemplate,
  run: { findings: Finding[]; evaluations: Evaluation[] },
): void {
  const source = cdkNagSource(inst.info.pluginName);
  const calls = inst.calls.splice(0);
  const threw = new Map<string, string>();
  const resourceOf = (p: string): Resource | undefined => byPath.get(p.replace(/^\//, ''));
  const evaluated = new Map<string, Evaluation>();
  for (const c of calls) {
    const res = resourceOf(c.node.node.path);
    if (c.outcome === 'threw') threw.set(`${c.ruleId}\u0000${c.node.node.path}`, c.detail ?? '');
    if (c.outcome === 'not-applicable' || !res) continue;
    const outcome = c.outcome === 'compliant' ? 'compliant' : 'non-compliant';
    const k = `${c.ruleId}\u0000${res.key}`;
    const prev = evaluated.get(k);
    if (!prev || (prev.outcome === 'compliant' && outcome === 'non-compliant')) {
      evaluated.set(k, { ruleId: c.ruleId, resourceKey: res.key, outcome, file: res.file, stack: res.stack, platform: 'aws' });
    }
    if (c.outcome === 'unknown') {
      // cdk-nag treats a result it does not know as a pass; we do not
      run.findings.push(finding(inst, source, c.ruleId, undefined, res, t, `Cannot verify: cdk-nag rule ${c.ruleId} ${c.detail ?? 'returned an unknown result'}.`, true));
    }
  }
  run.evaluations.push(...evaluated.values());
  for (const v of report.violations) {
    const { ruleId, findingId } = splitRuleName(String(v.ruleName));
    for (const vr of v.violatingResources ?? []) {
      const p = String(vr.constructPath ?? '');
      const res = resourceOf(p);
      const error = findingId === undefined ? threw.get(`${ruleId}\u0000${p.replace(/^\//, '')}`) : undefined;
      // cdk-nag groups violations by rule and keeps the first one's description for all (a "rule threw" text can
      // land on a plain violation): each finding gets its own message
      const message = error !== undefined
        ? `Cannot verify: cdk-nag rule ${ruleId} threw while evaluating this resource (${error || 'no message'}); cdk-nag reports it as a violation.`
        : inst.rules.get(ruleId)?.info ?? String(v.description ?? ruleId);
      run.findings.push(finding(inst, source, ruleId, findingId, res, t, message, error !== undefined, p, v.severity));
    }
  }
}

function splitRuleName(name: string): { ruleId: string; findingId?: string } {
  const m = /^([^[\]]+)\[(.*)\]$/s.exec(name);
  return m ? { ruleId: m[1], findingId: m[2] } : { ruleId: name };
}

function finding(
  inst: { info: CdkNagPackInfo; rules: Map<string, ObservedRule> },
  source: string,
  ruleId: string,
  findingId: string | undefined,
  res: Resource | undefined,
  t: CdkNagTemplate,
  message: string,
  unverified: boolean,
  constructPath?: string,
  severity?: string,
): Finding {
  const rule = inst.rules.get(ruleId);
  const info = rule ? ruleInfoOf(inst.info, rule) : undefined;
  const sev: Severity = rule?.level ?? (severity === 'warning' ? 'warning' : 'error');
  const orphan = (constructPath ?? ruleId).replace(/^\/?T\d+\/Template\//, '');
  return {
    ruleId,
    findingId,
    title: info?.title ?? cdkNagTitle(message),
    severity: sev,
    status: 'non-compliant',
    platform: 'aws',
    source,
    // every CfnInclude'd resource maps back to one of ours; the fallback keeps a finding that does not (never dropped)
    resource: res ? findingResource(res) : { type: 'unknown', key: orphan, name: orphan },
    constructPath: res?.constructPath,
    file: res?.file ?? t.file,
    line: res?.line,
    message,
    remediation: info?.remediation ?? `See ${RULES_DOC} (${ruleId}).`,
    controls: info?.controls ?? cdkNagControls(inst.info.pluginName, message),
    ...(unverified ? { unverified: true } : {}),
  };
}
