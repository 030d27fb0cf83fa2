import * as fs from 'fs';
import * as path from 'path';
import { runEngine } from './engine';
import { Framework, evidences } from './frameworks';
import { AwsInputs, isCloudAssembly, isTemplateDocument, loadCloudAssembly, loadTemplateFile, parseTemplate } from './loaders/cloudformation';
import { InputError, readInputText } from './loaders/errors';
import { dedupeKeys, loadManifestFile } from './loaders/kubernetes';
import { CheckReport, Finding, InputProblem, Resource, Rule, RuleInfo, Suppression, ruleInfo } from './model';
import { Pack, selectedBy } from './packs';
import { ALL_RULES } from './rules';

/** Options of a check run. */
export interface CheckOptions {
  /** Packs to run (none: every pack). */
  readonly packs?: readonly Pack[];
  /** Only rules evidencing this framework. */
  readonly framework?: Framework;
  /** Rules to use instead of every shipped rule (tests, custom rule sets). */
  readonly rules?: readonly Rule[];
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
}

/** The report form of an InputError. */
export function inputProblem(e: InputError): InputProblem {
  return { file: e.file, line: e.line, column: e.column, message: e.detail };
}

const K8S_EXT = /\.(ya?ml|json)$/i;
const MAX_WALK_FILES = 100_000;

/** Lists checkable files of a directory (recursively), skipping node_modules and dot folders. */
function walk(dir: string, out: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (isCloudAssembly(p)) out.push(p);
      else walk(p, out);
    } else if (e.isFile() && K8S_EXT.test(e.name)) {
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
function loadIfTemplate(file: string): AwsInputs | undefined {
  const text = readInputText(file, 'a CloudFormation template or Kubernetes YAML');
  if (!/(^|[\s{,"'])Resources["']?\s*:/.test(text)) return undefined; // no Resources key anywhere: cannot be a template
  let parsed: { template: any; lines: Map<string, number> };
  try {
    parsed = parseTemplate(file, text);
  } catch (e) {
    // a multi-document or otherwise non-template YAML: a template only if it says it is one
    if (e instanceof InputError && (TEMPLATE_NAME.test(file) || /^\s*"?AWSTemplateFormatVersion"?\s*:/m.test(text)) && !/^\s*"?(apiVersion|kind)"?\s*:/m.test(text)) throw e;
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
  const out: LoadedInputs = { resources: [], externalFindings: [], externalRules: [], declaredSuppressions: [], problems: [], inputs: [], inputErrors: [] };
  const addAws = (a: AwsInputs) => {
    out.resources.push(...a.resources);
    out.externalFindings.push(...a.externalFindings);
    out.externalRules.push(...a.externalRules);
    out.declaredSuppressions.push(...a.declaredSuppressions);
    out.problems.push(...a.problems);
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
      if (isCloudAssembly(p)) files.push(p);
      else walk(p, files);
    } else {
      files.push(p);
    }
  }
  const k8s: Resource[] = [];
  const templates: { file: string; inputs: AwsInputs }[] = [];
  for (const f of files) {
    out.inputs.push(f);
    if (fs.statSync(f).isDirectory()) {
      addAws(loadCloudAssembly(f));
      continue;
    }
    const template = loadIfTemplate(f);
    if (template) templates.push({ file: f, inputs: template });
    else {
      const r = loadManifestFile(f);
      k8s.push(...r.resources);
      out.problems.push(...r.problems);
    }
  }
  // a nested stack template given next to its parent is read once, through the parent (which passes its parameters)
  const nested = new Set(templates.flatMap((t) => t.inputs.nestedTemplates ?? []));
  for (const t of templates) if (!nested.has(path.resolve(t.file))) addAws(t.inputs);
  out.resources.push(...dedupeKeys(k8s));
  return out;
}

/** Selects the rules of a run. */
export function selectRules(options: CheckOptions): Rule[] {
  const rules = options.rules ?? ALL_RULES;
  return rules.filter((r) => selectedBy(options.packs ?? [], ruleInfo(r)) && (!options.framework || evidences(r.controls, options.framework)));
}

/** Runs the selected rules over loaded inputs. */
export function checkLoaded(loaded: LoadedInputs, options: CheckOptions = {}): CheckReport {
  const rules = selectRules(options);
  const packs = options.packs ?? [];
  const keepExternal = (r: RuleInfo) => selectedBy(packs, r) && (!options.framework || evidences(r.controls, options.framework));
  const externalRules = loaded.externalRules.filter(keepExternal);
  const externalIds = new Set(externalRules.map((r) => `${r.source}\u0000${r.id}`));
  return runEngine(rules, loaded.resources, {
    externalFindings: loaded.externalFindings.filter((f) => externalIds.has(`${f.source}\u0000${f.ruleId}`)),
    externalRules,
    declaredSuppressions: loaded.declaredSuppressions,
    inputs: loaded.inputs,
    inputErrors: loaded.inputErrors,
  });
}

/** Loads the paths and checks them. */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): { report: CheckReport; problems: string[] } {
  const loaded = loadInputs(paths);
  return { report: checkLoaded(loaded, options), problems: loaded.problems };
}
