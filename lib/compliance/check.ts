import * as fs from 'fs';
import * as path from 'path';
import { CDK_NAG_PACKS, CdkNagPackInfo, CdkNagRun, CdkNagTemplate, cdkNagRules, cdkNagSource, isCdkNagSource, runCdkNagPacks } from './cdk-nag';
import { NO_POLICY, Policy, policyInputs, withExternalSeverities } from './config/policy';
import { evaluationGaps } from './coverage';
import { runEngine, unusedOf } from './engine';
import { Framework, evidences } from './frameworks';
import { AwsInputs, isCloudAssembly, isTemplateDocument, loadCloudAssembly, loadTemplateFile, parseTemplate } from './loaders/cloudformation';
import { withoutCheckedTwice } from './loaders/embedded';
import { InputError, decodeInputText, readInputBytes, readInputText } from './loaders/errors';
import { dedupeKeys, parseManifestStream } from './loaders/kubernetes';
import { expandTransforms } from './loaders/transforms';
import { CheckReport, Evaluation, Finding, InputProblem, Resource, Rule, RuleInfo, Suppression, ruleInfo } from './model';
import { Pack, selectedBy } from './packs';
import { ALL_RULES } from './rules';
import { parseSuppressionId } from './suppressions';
import { SynthRecord, synthRunProblems } from './synth-record';

/** Options of a check run. */
export interface CheckOptions {
  /** Packs to run (none: every pack). */
  readonly packs?: readonly Pack[];
  /** Only rules evidencing this framework. */
  readonly framework?: Framework;
  /** Rules to use instead of every shipped rule (tests, custom rule sets). */
  readonly rules?: readonly Rule[];
  /**
   * Keep every (rule, resource) evaluation in `report.evaluations` (JUnit lists passes). Without it the report
   * carries only their count (`evaluationCount`) and the rules that decided something, which is all other
   * reports need and saves an object per evaluation.
   * @default true
   */
  readonly recordEvaluations?: boolean;
  /** The policy (config file): suppressions, severities, rule options, custom rules. @default no policy */
  readonly policy?: Policy;
  /** The time against which config-file suppressions expire. @default now */
  readonly now?: Date;
  /**
   * Per-rule settings given outside the config file (CLI flags, synth-time props), keyed by rule id. Merged over
   * the config file's `options` of the same rule (these win, key by key).
   */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Everything read from the inputs. */
export interface LoadedInputs {
  resources: Resource[];
  externalFindings: Finding[];
  externalRules: RuleInfo[];
  declaredSuppressions: Suppression[];
  problems: string[];
  inputs: string[];
  /** Inputs (files, documents) that could not be read; everything else is still checked, the run exits 2. */
  inputErrors: InputProblem[];
  /** Cloud assemblies: the records of their synth-time runs (lib/compliance/synth-record.ts). */
  synthRecords?: { dir: string; record: SynthRecord }[];
  /** Cloud assemblies: templates edited since synth, and the cdk-nag packs to run again on them. */
  changedSinceSynth?: { files: string[]; packs: string[] };
}

/** The report form of an InputError. */
export function inputProblem(e: InputError): InputProblem {
  return { file: e.file, line: e.line, column: e.column, message: e.detail };
}

const K8S_EXT = /\.(ya?ml|json)$/i;
const MAX_WALK_FILES = 100_000;
/** Bytes read in one run, all files together (bounded memory). */
const MAX_RUN_BYTES = 512 * 1024 * 1024;

/** A folder is a cloud assembly when its manifest.json has the cloud-assembly shape (a `version` and `artifacts`). */
function isAssemblyDir(dir: string): boolean {
  if (!isCloudAssembly(dir)) return false;
  try {
    const m = JSON.parse(readInputBytes(path.join(dir, 'manifest.json')).toString('utf8'));
    return m !== null && typeof m === 'object' && typeof m.version === 'string' && m.artifacts !== null && typeof m.artifacts === 'object' && !Array.isArray(m.artifacts);
  } catch {
    return false;
  }
}

/** cdk8s-cli's `construct-metadata.json` (written beside the manifests when a validation plugin is configured). */
function isConstructMetadata(file: string, buf: Buffer): boolean {
  if (path.basename(file) !== 'construct-metadata.json') return false;
  try {
    const m = JSON.parse(buf.toString('utf8'));
    if (m === null || typeof m !== 'object' || Array.isArray(m) || typeof m.version !== 'string') return false;
    if (Object.keys(m).some((k) => k !== 'version' && k !== 'resources')) return false;
    const r = m.resources ?? {};
    return typeof r === 'object' && !Array.isArray(r) && Object.values(r).every((v: any) => v !== null && typeof v === 'object' && typeof v.path === 'string');
  } catch {
    return false;
  }
}

/**
 * Lists what `kubectl apply -f DIR -R` reads: every entry named *.yaml, *.yml or *.json at any depth (here
 * regardless of case), dotfiles, dot-folders and node_modules included, links to files followed. Links to folders
 * are not followed (kubectl's filepath.Walk does not follow them either); a link or another non-regular entry with
 * such a name is listed and then refused when read. Cloud assemblies found on the way are read as such.
 */
function walk(dir: string, out: string[], errors: InputProblem[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    errors.push(inputProblem(new InputError(dir, `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)));
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (isAssemblyDir(p)) out.push(p);
      else walk(p, out, errors);
    } else if (K8S_EXT.test(e.name)) {
      out.push(p);
    }
    if (out.length > MAX_WALK_FILES) throw new InputError(dir, `more than ${MAX_WALK_FILES} files`);
  }
}

const TEMPLATE_NAME = /\.template\.(json|ya?ml)$/i;

/**
 * Reads a file as a CloudFormation template when the structure of its whole document is a template's (see
 * `isTemplateDocument`); returns undefined for anything else, which is then read as Kubernetes YAML. Neither the
 * file name nor the first bytes decide: an indented or long-headed template is a template, and a Kubernetes object
 * in `x.template.yaml` (or with a "Resources" annotation) is not.
 */
function loadIfTemplate(file: string, text: string): AwsInputs | undefined {
  if (!/(^|[\s{,"'])Resources["']?\s*:/.test(text)) return undefined; // no Resources key anywhere: cannot be a template
  let parsed: { template: any; lines: Map<string, number> };
  try {
    parsed = parseTemplate(file, text);
  } catch (e) {
    // not readable as a template: report the template parser's error when the text looks like a template (a
    // top-level Resources key with resource types and no Kubernetes apiVersion/kind), else let the manifest loader try
    const templateLike = TEMPLATE_NAME.test(file) || /^\s*"?AWSTemplateFormatVersion"?\s*:/m.test(text)
      || (/^\s*\{?\s*"?Resources"?\s*:/m.test(text) && /\bType"?\s*:\s*["']?(AWS|Custom)::/.test(text));
    if (e instanceof InputError && templateLike && !/^\s*"?(apiVersion|kind)"?\s*:/m.test(text)) throw e;
    return undefined;
  }
  if (isTemplateDocument(parsed.template)) return loadTemplateFile(file, parsed);
  const doc = parsed.template;
  const k8sLike = doc && typeof doc === 'object' && ('apiVersion' in doc || 'kind' in doc);
  if (!k8sLike && (TEMPLATE_NAME.test(file) || (doc && typeof doc === 'object' && 'AWSTemplateFormatVersion' in doc))) {
    throw new InputError(file, 'not a CloudFormation template CloudFormation would accept: "Resources" needs at least one resource with an AWS::, Custom:: or registry "Type", and only template sections at the top level');
  }
  return undefined;
}

/** Reads every input path: cloud assemblies, CloudFormation templates, Kubernetes YAML files and folders. */
export function loadInputs(paths: readonly string[]): LoadedInputs {
  const out: LoadedInputs = {
    resources: [],
    externalFindings: [],
    externalRules: [],
    declaredSuppressions: [],
    problems: [],
    inputs: [],
    inputErrors: [],
  };
  const addAws = (a: AwsInputs) => {
    out.resources.push(...a.resources);
    out.externalFindings.push(...a.externalFindings);
    out.externalRules.push(...a.externalRules);
    out.declaredSuppressions.push(...a.declaredSuppressions);
    out.problems.push(...a.problems);
    if (a.synthRecords) (out.synthRecords ??= []).push(...a.synthRecords);
    if (a.changedSinceSynth) {
      const c = (out.changedSinceSynth ??= { files: [], packs: [] });
      c.files.push(...a.changedSinceSynth.files);
      for (const p of a.changedSinceSynth.packs) if (!c.packs.includes(p)) c.packs.push(p);
    }
  };
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new InputError(p, 'no such file or directory');
    }
    if (stat.isDirectory()) {
      const before = files.length;
      if (isAssemblyDir(p)) files.push(p);
      else walk(p, files, out.inputErrors);
      if (files.length === before) out.inputErrors.push(inputProblem(new InputError(p, 'nothing to check in this folder: no *.yaml, *.yml or *.json file and no cloud assembly')));
    } else {
      files.push(p);
    }
  }
  const k8s: Resource[] = [];
  const templates: { file: string; inputs: AwsInputs }[] = [];
  let bytes = 0;
  const guard = (load: () => void) => {
    try {
      load();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.inputErrors.push(inputProblem(e));
    }
  };
  for (const f of files) {
    let isDir = false;
    try {
      isDir = fs.statSync(f).isDirectory();
    } catch {
      // a dangling link: reading it reports the problem
    }
    if (isDir && isAssemblyDir(f)) {
      out.inputs.push(f);
      guard(() => addAws(loadCloudAssembly(f)));
      continue;
    }
    // only regular files, read once with bounded memory (a pipe, a device or a link to one is refused)
    let buf: Buffer;
    try {
      buf = readInputBytes(f);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.inputs.push(f);
      out.inputErrors.push(inputProblem(e));
      continue;
    }
    bytes += buf.length;
    if (bytes > MAX_RUN_BYTES) {
      out.inputErrors.push(inputProblem(new InputError(f, `not read: the inputs exceed ${MAX_RUN_BYTES / 1048576} MiB in total`)));
      continue;
    }
    if (isConstructMetadata(f, buf)) continue; // cdk8s-cli's construct paths, not a manifest
    out.inputs.push(f);
    guard(() => {
      const text = decodeInputText(f, buf, 'a CloudFormation template or Kubernetes YAML', { strictUtf8: true });
      // a template by the structure of its whole document; anything else is Kubernetes YAML
      const template = loadIfTemplate(f, text);
      if (template) {
        templates.push({ file: f, inputs: template });
        return;
      }
      const r = parseManifestStream(f, text);
      // loops, not push(...spread): a file may hold up to 100,000 objects (a spread passes each as an argument)
      for (let i = 0; i < r.resources.length; i++) k8s.push(r.resources[i]);
      for (let i = 0; i < r.problems.length; i++) out.problems.push(r.problems[i]);
      for (let i = 0; i < r.errors.length; i++) out.inputErrors.push(inputProblem(r.errors[i]));
      if (r.resources.length === 0 && r.errors.length === 0) {
        out.inputErrors.push(inputProblem(new InputError(f, 'no Kubernetes object in this file (it is empty, or holds only comments or null documents)')));
      }
    });
  }
  // a nested stack template given next to its parent is read once, through the parent (which passes its parameters)
  const nested = new Set(templates.flatMap((t) => t.inputs.nestedTemplates ?? []));
  for (const t of templates) if (!nested.has(path.resolve(t.file))) addAws(t.inputs);
  const unique = dedupeKeys(k8s);
  for (let i = 0; i < unique.length; i++) out.resources.push(unique[i]);
  // an object applied by CloudFormation and also given as a manifest is checked once, as the manifest
  out.resources = withoutCheckedTwice(out.resources);
  return out;
}

/** Selects the rules of a run. */
export function selectRules(options: CheckOptions): Rule[] {
  const rules = [...(options.rules ?? ALL_RULES), ...(options.policy?.rules ?? [])];
  return rules.filter((r) => selectedBy(options.packs ?? [], ruleInfo(r)) && (!options.framework || evidences(r.controls, options.framework)));
}

/** Metadata of the rules a run can report: ours, and the whole rule list of each selected cdk-nag pack. */
export function selectRuleInfos(options: CheckOptions): RuleInfo[] {
  const nag = (options.packs ?? []).flatMap((p) => (p.cdkNag ? cdkNagRules(p.cdkNag) : []));
  const policy = options.policy ?? NO_POLICY;
  const ours = policyInputs(policy, selectRules(options)).rules.map(ruleInfo);
  const external = nag.filter((r) => (!options.framework || evidences(r.controls, options.framework)) && policy.severity[r.id] !== 'off')
    .map((r) => (policy.severity[r.id] ? { ...r, severity: policy.severity[r.id] as RuleInfo['severity'] } : r));
  return [...ours, ...external];
}

/** Runs the selected rules over loaded inputs. */
export function checkLoaded(loaded: LoadedInputs, options: CheckOptions = {}): CheckReport {
  const policy = options.policy ?? NO_POLICY;
  const { rules, ...policyOptions } = policyInputs(policy, selectRules(options), options.now, options.ruleOptions);
  const packs = options.packs ?? [];
  const nag = runSelectedCdkNagPacks(loaded, packs);
  const keepExternal = (r: RuleInfo) => selectedBy(packs, r) && (!options.framework || evidences(r.controls, options.framework));
  const externalRules = [...loaded.externalRules, ...nag.rules].filter(keepExternal);
  const externalIds = new Set(externalRules.map((r) => `${r.source}\u0000${r.id}`));
  const report = runEngine(rules, loaded.resources, {
    externalFindings: [...loaded.externalFindings, ...nag.findings].filter((f) => externalIds.has(`${f.source}\u0000${f.ruleId}`)),
    externalRules,
    declaredSuppressions: loaded.declaredSuppressions,
    inputs: loaded.inputs,
    inputErrors: [...loaded.inputErrors, ...nag.inputErrors],
    recordEvaluations: options.recordEvaluations ?? true,
    ...policyOptions,
  });
  const keptRuleIds = new Set(externalRules.map((r) => r.id));
  const withNag = withCdkNagEvaluations(report, nag.evaluations.filter((e) => keptRuleIds.has(e.ruleId)));
  const gaps = evaluationGaps(withNag, loaded.resources, options, nag);
  // a run of some packs cannot judge suppressions of rules it did not run
  const ran = new Set(withNag.rules.map((r) => r.id));
  const subset = packs.length > 0 || options.framework !== undefined;
  // nor suppressions of rules the policy turned off
  const notRun = (ruleId: string) => !ran.has(ruleId) && (subset || policy.severity[ruleId] === 'off');
  const suppressions = (withNag.suppressions ?? []).map((s) => (s.state === 'unused' && notRun(parseSuppressionId(s.id).ruleId) ? { ...s, state: 'not-judged' as const } : s));
  return withExternalSeverities({
    ...withNag,
    suppressions,
    unusedSuppressions: unusedOf(suppressions),
    inputErrors: [...(withNag.inputErrors ?? []), ...gaps],
  }, policy);
}

/**
 * Runs the selected cdk-nag packs on the run's templates, except a pack whose results a cloud assembly's
 * validation report already holds (it ran at synth: not run twice). A report without a pack's results cannot tell
 * "ran and found nothing" from "did not run" (CDK omits plugins without violations), so the pack runs then.
 * Templates edited since synth (their synth-time results were dropped by the loader) are checked again by the packs
 * that ran at synth or have results in the report.
 */
function runSelectedCdkNagPacks(loaded: LoadedInputs, packs: readonly Pack[]): CdkNagRun {
  const fromReport = new Set(loaded.externalFindings.map((f) => f.source));
  const selected = (info: CdkNagPackInfo) => packs.length === 0 || packs.some((p) => p.cdkNag === info);
  const toRun = packs.flatMap((p) => (p.cdkNag && !fromReport.has(cdkNagSource(p.cdkNag.pluginName)) ? [p.cdkNag] : []));
  const changed = new Set(loaded.changedSinceSynth?.files ?? []);
  const again = CDK_NAG_PACKS.filter((p) => (loaded.changedSinceSynth?.packs ?? []).includes(p.pluginName) && selected(p) && !toRun.includes(p));
  const runs: CdkNagRun[] = [];
  if (toRun.length > 0 || (again.length > 0 && changed.size > 0)) {
    const { templates, problems } = cdkNagTemplates(loaded);
    runs.push({ findings: [], rules: [], evaluations: [], inputErrors: problems, loaded: 0, refused: 0 });
    if (toRun.length > 0) runs.push(runCdkNagPacks(toRun, templates));
    const edited = templates.filter((t) => changed.has(path.resolve(t.file)));
    if (again.length > 0 && edited.length > 0) runs.push(runCdkNagPacks(again, edited));
  }
  return {
    findings: runs.flatMap((r) => r.findings),
    rules: runs.flatMap((r) => r.rules),
    evaluations: runs.flatMap((r) => r.evaluations),
    inputErrors: runs.flatMap((r) => r.inputErrors),
    loaded: runs.reduce((n, r) => n + r.loaded, 0),
    refused: runs.reduce((n, r) => n + r.refused, 0),
  };
}

/**
 * What a run reports about the synth-time runs of its cloud assemblies: a policy other than the one
 * `AwsCompliance.enable` used at synth, or another version of secure-constructs (warnings: this run's policy and
 * rules decide).
 */
export function synthRecordProblems(loaded: Pick<LoadedInputs, 'synthRecords'>, policy: Policy = NO_POLICY): string[] {
  return (loaded.synthRecords ?? []).flatMap(({ dir, record }) => synthRunProblems(dir, record, policy.file));
}

/** The templates of a run: every file our AWS resources come from, and template files none could be read from. */
function cdkNagTemplates(loaded: LoadedInputs): { templates: CdkNagTemplate[]; problems: InputProblem[] } {
  const byFile = new Map<string, Map<string, Resource>>();
  const withResources = new Set<string>();
  for (const r of loaded.resources) {
    if (r.file) withResources.add(r.file);
    if (r.platform !== 'aws' || !r.file || r.logicalId === undefined) continue;
    let m = byFile.get(r.file);
    if (!m) byFile.set(r.file, (m = new Map()));
    if (!m.has(r.logicalId)) m.set(r.logicalId, r);
  }
  const templates: CdkNagTemplate[] = [];
  const problems: InputProblem[] = [];
  for (const [file, resources] of byFile) {
    try {
      // cdk-nag judges what CloudFormation will deploy: SAM and language extensions expanded like for our rules
      const parsed = parseTemplate(file, readInputText(file, 'a JSON or YAML template'));
      templates.push({ file, template: expandTransforms(parsed.template, file, parsed.lines).template, resources });
    } catch (e) {
      problems.push(e instanceof InputError ? inputProblem(e) : { file, message: (e as Error).message });
    }
  }
  for (const f of loaded.inputs) {
    if (withResources.has(f) || !fs.statSync(f).isFile()) continue;
    let template: any;
    try {
      template = parseTemplate(f, readInputText(f, 'a JSON or YAML template')).template;
    } catch {
      continue; // not a template (its own loader already reported what is wrong with it)
    }
    if (isTemplateDocument(template)) templates.push({ file: f, template: expandTransforms(template, f, new Map()).template, resources: new Map() });
  }
  return { templates, problems };
}

/** Adds cdk-nag's evaluations to a report, as suppressed where every finding of the pair is suppressed. */
function withCdkNagEvaluations(report: CheckReport, evaluations: readonly Evaluation[]): CheckReport {
  if (evaluations.length === 0) return report;
  const open = new Set<string>();
  const suppressed = new Set<string>();
  for (const f of report.findings) {
    if (!isCdkNagSource(f.source)) continue;
    (f.status === 'suppressed' ? suppressed : open).add(`${f.ruleId}\u0000${f.resource.key}`);
  }
  const recorded = report.evaluationCount === undefined || report.evaluationCount === report.evaluations.length;
  return {
    ...report,
    evaluationCount: (report.evaluationCount ?? report.evaluations.length) + evaluations.length,
    decidedRules: [...new Set([...(report.decidedRules ?? []), ...evaluations.filter((e) => e.outcome !== 'not-applicable').map((e) => e.ruleId)])],
    evaluations: !recorded ? report.evaluations : [
      ...report.evaluations,
      ...evaluations.map((e) => {
        const k = `${e.ruleId}\u0000${e.resourceKey}`;
        return e.outcome === 'non-compliant' && suppressed.has(k) && !open.has(k) ? { ...e, outcome: 'suppressed' as const } : e;
      }),
    ],
  };
}

/** Loads the paths and checks them. */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): { report: CheckReport; problems: string[] } {
  const loaded = loadInputs(paths);
  return { report: checkLoaded(loaded, options), problems: [...loaded.problems, ...synthRecordProblems(loaded, options.policy)] };
}
