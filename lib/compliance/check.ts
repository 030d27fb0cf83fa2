import * as fs from 'fs';
import * as path from 'path';
import { runEngine } from './engine';
import { Framework, evidences } from './frameworks';
import { AwsInputs, isCloudAssembly, loadCloudAssembly, loadTemplateFile } from './loaders/cloudformation';
import { InputError, decodeInputText, readInputBytes } from './loaders/errors';
import { dedupeKeys, parseManifestStream } from './loaders/kubernetes';
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

/** Decides whether a text file is a CloudFormation template (otherwise it is read as Kubernetes YAML). */
function isTemplateText(file: string, head: string): boolean {
  if (/\.template\.(json|ya?ml)$/i.test(file)) return true;
  if (/^\s*\{/.test(head)) return /"AWSTemplateFormatVersion"|"Resources"\s*:/.test(head) && !/"apiVersion"\s*:/.test(head.slice(0, 2000));
  return /^(AWSTemplateFormatVersion|Resources)\s*:/m.test(head) && !/^apiVersion\s*:/m.test(head);
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
      const before = files.length;
      if (isAssemblyDir(p)) files.push(p);
      else walk(p, files, out.inputErrors);
      if (files.length === before) out.inputErrors.push(inputProblem(new InputError(p, 'nothing to check in this folder: no *.yaml, *.yml or *.json file and no cloud assembly')));
    } else {
      files.push(p);
    }
  }
  const k8s: Resource[] = [];
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
    if (isTemplateText(f, buf.subarray(0, 4096).toString('utf8'))) {
      guard(() => addAws(loadTemplateFile(f)));
      continue;
    }
    guard(() => {
      const r = parseManifestStream(f, decodeInputText(f, buf, 'Kubernetes YAML', { strictUtf8: true }));
      k8s.push(...r.resources);
      out.problems.push(...r.problems);
      out.inputErrors.push(...r.errors.map(inputProblem));
      if (r.resources.length === 0 && r.errors.length === 0) {
        out.inputErrors.push(inputProblem(new InputError(f, 'no Kubernetes object in this file (it is empty, or holds only comments or null documents)')));
      }
    });
  }
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
