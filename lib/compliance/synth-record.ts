/**
 * The synth record: what the synth-time run of `AwsCompliance.enable` knew that the cloud assembly does not hold.
 *
 * `secure-constructs check cdk.out` judges the templates as they are (they may have been edited after synth, and the
 * check must judge what will be deployed), so it evaluates our pack again, through the same loader the synth-time
 * run uses on the same files: construct paths, suppressions, acknowledgements and weakened-default records all come
 * from the assembly in both runs. Two things do not: the policy (config file) the synth-time run used, and whether
 * the templates are still the ones that were synthesized (CDK's validation report, where cdk-nag's results come
 * from, describes those). `AwsCompliance.enable` writes both into `secure-constructs.synth.json` in the assembly
 * while the app synthesizes, and the check compares (lib/compliance/loaders/cloudformation.ts, check.ts).
 *
 * The record can only make the check stricter, never more lenient: a template whose sha256 differs is checked again
 * by every cdk-nag pack with results for it, and a different policy is reported, not adopted.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import { InputError, readJsonInput } from './loaders/errors';
import { packageVersion } from '../core/version';

/** The record's file name in a cloud assembly folder. */
export const SYNTH_RECORD_FILE = 'secure-constructs.synth.json';
const KIND = 'secure-constructs-synth';
/** Version of the record's format. */
export const SYNTH_RECORD_VERSION = 1;

/** The content of `secure-constructs.synth.json`. */
export interface SynthRecord {
  readonly kind: typeof KIND;
  readonly version: number;
  readonly tool: { readonly name: 'secure-constructs'; readonly version: string };
  readonly entryPoint: 'AwsCompliance.enable';
  /** The config file of the synth-time run, relative to the assembly folder, and the sha256 of its bytes; null: none. */
  readonly policy: { readonly file: string; readonly sha256: string } | null;
  readonly options: {
    readonly failOn: string;
    readonly failOnUnverified: boolean;
    /** The cdk-nag packs that ran at synth (their plugin names, as in CDK's validation report). */
    readonly cdkNagPacks: readonly string[];
  };
  /**
   * Every `*.template.json` of the assembly as it was synthesized (stacks, nested stacks, nested stage assemblies),
   * relative to the assembly folder with forward slashes, and the sha256 of its bytes.
   */
  readonly templates: readonly { readonly path: string; readonly sha256: string }[];
}

/** What the synth-time run knows about itself when it is set up. */
export interface SynthRunSettings {
  /** The config file (absolute), if any. */
  readonly policyFile?: string;
  readonly failOn: string;
  readonly failOnUnverified: boolean;
  readonly cdkNagPacks: readonly string[];
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

function slash(p: string): string {
  return p.split(path.sep).join('/');
}

/** The templates of an assembly folder and of the nested assemblies below it (folders with a manifest.json). */
function templatesOf(dir: string, root: string, out: { path: string; sha256: string }[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name.endsWith('.template.json')) out.push({ path: slash(path.relative(root, p)), sha256: sha256(fs.readFileSync(p)) });
    else if (e.isDirectory() && fs.existsSync(path.join(p, 'manifest.json'))) templatesOf(p, root, out);
  }
}

/** The record of a synth-time run whose assembly is in `dir` (its templates already written). */
export function synthRecord(dir: string, settings: SynthRunSettings): SynthRecord {
  const templates: { path: string; sha256: string }[] = [];
  templatesOf(dir, dir, templates);
  const policy = settings.policyFile
    ? { file: slash(path.relative(dir, settings.policyFile)), sha256: sha256(fs.readFileSync(settings.policyFile)) }
    : null;
  return {
    kind: KIND,
    version: SYNTH_RECORD_VERSION,
    tool: { name: 'secure-constructs', version: packageVersion() },
    entryPoint: 'AwsCompliance.enable',
    policy,
    options: { failOn: settings.failOn, failOnUnverified: settings.failOnUnverified, cdkNagPacks: [...settings.cdkNagPacks] },
    templates,
  };
}

/**
 * Has the App (or Stage) write the record into its cloud assembly while it synthesizes: as its own custom synthesis,
 * which CDK runs after every stack (and every nested stage) has written its template and before the validation
 * plugins run. A scope that is not a Stage, or already has a custom synthesis, gets no record (the check then
 * compares nothing, as for an assembly synthesized without `AwsCompliance.enable`).
 */
export function recordSynthRun(scope: IConstruct, settings: SynthRunSettings): void {
  const cdk: typeof import('aws-cdk-lib') = require('aws-cdk-lib');
  if (!cdk.Stage.isStage(scope)) return;
  try {
    cdk.attachCustomSynthesis(scope, {
      onSynthesize(session) {
        fs.writeFileSync(path.join(session.outdir, SYNTH_RECORD_FILE), JSON.stringify(synthRecord(session.outdir, settings), null, 2) + '\n');
      },
    });
  } catch {
    // a custom synthesis is already attached (AwsCompliance.enable called twice, or another library): no record
  }
}

/** Reads the record of an assembly folder, if it has one. Throws an InputError when it is not a record. */
export function readSynthRecord(dir: string): SynthRecord | undefined {
  const file = path.join(dir, SYNTH_RECORD_FILE);
  if (!fs.existsSync(file)) return undefined;
  const r = readJsonInput(file);
  const str = (v: unknown) => typeof v === 'string';
  const ok = r !== null && typeof r === 'object' && r.kind === KIND && r.version === SYNTH_RECORD_VERSION
    && r.tool && str(r.tool.version)
    && (r.policy === null || (r.policy && str(r.policy.file) && str(r.policy.sha256)))
    && r.options && Array.isArray(r.options.cdkNagPacks) && r.options.cdkNagPacks.every(str)
    && Array.isArray(r.templates) && r.templates.every((t: any) => t && str(t.path) && str(t.sha256));
  if (!ok) throw new InputError(file, `not a secure-constructs synth record (kind "${KIND}", version ${SYNTH_RECORD_VERSION}); synthesize again, or remove the file`);
  return r as SynthRecord;
}

/** The sha256 of a template's bytes, as the record has it. */
export function templateDigest(buf: Buffer): string {
  return sha256(buf);
}

/**
 * What a check reports about the synth-time run of an assembly: a policy other than the one the synth-time run used
 * (this run's suppressions, severities, options and custom rules decide, not those of synth), and another version of
 * secure-constructs (its rules may differ).
 */
export function synthRunProblems(recordDir: string, record: SynthRecord, policyFile: string | undefined): string[] {
  const out: string[] = [];
  const current = policyFile ? sha256(fs.readFileSync(policyFile)) : undefined;
  if (current !== record.policy?.sha256) {
    const synthFile = record.policy ? path.join(recordDir, record.policy.file) : undefined;
    const synthUsed = record.policy ? `the config file ${synthFile} (sha256 ${record.policy.sha256.slice(0, 12)}…)` : 'no config file';
    const thisRun = policyFile ? `${policyFile} (sha256 ${current!.slice(0, 12)}…)` : 'no config file';
    const fix = synthFile ? `pass --config ${synthFile} to judge it with the policy of synth` : 'check it without a config file to judge it with the policy of synth';
    out.push(`${recordDir}: AwsCompliance.enable checked this assembly at synth with ${synthUsed}; this run uses ${thisRun}, whose suppressions, severities, options and custom rules decide here (${fix})`);
  }
  const version = packageVersion();
  if (record.tool.version !== version) {
    out.push(`${recordDir}: synthesized and checked with secure-constructs ${record.tool.version}; this is ${version}, whose rules may judge it differently`);
  }
  return out;
}
