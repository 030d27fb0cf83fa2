/**
 * Fingerprints and baseline files.
 *
 * A baseline records the findings a project has accepted for now, so that CI fails only on new
 * ones. A finding is identified by a fingerprint of what it is about, never of where it was
 * printed: the rule, the resource's stable key (`stack/logicalId` or `group/Kind/namespace/name`)
 * and the finding id. File paths, line numbers, document positions and the order of findings do
 * not enter it, so it survives reformatting, reordering and unrelated resources being added.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { BaselineEntry, CheckReport, Finding } from './model';

export type { BaselineEntry } from './model';

/** Version of the baseline file format. */
export const BASELINE_VERSION = 1;

/** Number of hex characters kept from the sha256 (128 bits). */
export const FINGERPRINT_LENGTH = 32;

/** Key under which the fingerprint appears in SARIF `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'secureConstructsFindingHash/v1';

/** What a fingerprint is computed from. */
export interface FingerprintInput {
  readonly ruleId: string;
  readonly findingId?: string;
  readonly resource: { readonly key: string };
}

/** A baseline file's content. */
export interface Baseline {
  readonly version: number;
  readonly description?: string;
  readonly entries: readonly BaselineEntry[];
}

const DESCRIPTION =
  'secure-constructs baseline: findings accepted for now. `secure-constructs check --baseline <this file>` fails only on findings not listed here; ' +
  'regenerate with --update-baseline. Each fingerprint is sha256(ruleId, resource key, findingId), independent of file paths, lines and order.';

/** Whether a finding is one a baseline can hold (and CI can fail on): non-compliant or error, not suppressed. */
export function isCounted(f: Pick<Finding, 'status'>): boolean {
  return f.status === 'non-compliant' || f.status === 'error';
}

/**
 * The stable fingerprint of a finding: sha256 over the rule id, the resource key and the finding id,
 * as truncated lowercase hex. Independent of file, line, document index, message and order.
 */
export function fingerprint(f: FingerprintInput): string {
  const h = createHash('sha256');
  // JSON array: unambiguous separation of the parts whatever characters they contain.
  h.update(JSON.stringify(['secure-constructs/v1', f.ruleId, f.resource.key, f.findingId ?? '']));
  return h.digest('hex').slice(0, FINGERPRINT_LENGTH);
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.resource, b.resource) || cmp(a.ruleId, b.ruleId) || cmp(a.findingId ?? '', b.findingId ?? '') || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The baseline of a report: its non-compliant and error findings, deduplicated and sorted. No timestamps, so the file
 * is stable. With `previous` (the baseline being updated), its entries for rules this run did not run (a run with
 * `--framework` or `--pack`) are kept: a narrower run must not drop what it never judged.
 */
export function createBaseline(report: Pick<CheckReport, 'findings'> & { readonly rules?: CheckReport['rules'] }, previous?: Baseline): Baseline {
  const byFp = new Map<string, BaselineEntry>();
  if (previous) {
    const ran = ranRules(report);
    for (const e of previous.entries) if (ran && !ran.has(e.ruleId)) byFp.set(e.fingerprint, e);
  }
  for (const f of report.findings) {
    if (!isCounted(f)) continue;
    const fp = fingerprint(f);
    if (byFp.has(fp)) continue;
    const entry: BaselineEntry = f.findingId !== undefined
      ? { fingerprint: fp, ruleId: f.ruleId, resource: f.resource.key, findingId: f.findingId }
      : { fingerprint: fp, ruleId: f.ruleId, resource: f.resource.key };
    byFp.set(fp, entry);
  }
  return { version: BASELINE_VERSION, description: DESCRIPTION, entries: [...byFp.values()].sort(compareEntries) };
}

/** The JSON text of a baseline (2-space indent, trailing newline, keys in a fixed order). */
export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort(compareEntries).map((e) => {
    const o: Record<string, string> = { fingerprint: e.fingerprint, ruleId: e.ruleId, resource: e.resource };
    if (e.findingId !== undefined) o.findingId = e.findingId;
    return o;
  });
  return JSON.stringify({ version: baseline.version, description: baseline.description ?? DESCRIPTION, entries }, null, 2) + '\n';
}

/**
 * Writes the baseline of a report to a file (creating its folder). An existing baseline at that path is updated: its
 * entries for rules the run did not run are kept (see {@link createBaseline}). Returns what was written.
 */
export function writeBaseline(report: Pick<CheckReport, 'findings'> & { readonly rules?: CheckReport['rules'] }, file: string): Baseline {
  const previous = fs.existsSync(file) ? readBaseline(file) : undefined;
  const baseline = createBaseline(report, previous);
  const dir = path.dirname(file);
  if (dir && dir !== '.') fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, serializeBaseline(baseline));
  return baseline;
}

/** A baseline file that cannot be read or is not a baseline. */
export class BaselineError extends Error {
  constructor(public readonly file: string, public readonly detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'BaselineError';
    Object.setPrototypeOf(this, BaselineError.prototype);
  }
}

/** Parses a baseline's JSON text. Throws {@link BaselineError} with a precise message when it is not one. */
export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(file, `not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError(file, 'not a baseline: expected an object with "version" and "entries"');
  if (data.version !== BASELINE_VERSION) {
    throw new BaselineError(file, `unsupported baseline version ${JSON.stringify(data.version)} (expected ${BASELINE_VERSION}); regenerate it with --update-baseline`);
  }
  if (!Array.isArray(data.entries)) throw new BaselineError(file, '"entries" must be a list');
  const entries: BaselineEntry[] = [];
  for (const [i, e] of (data.entries as unknown[]).entries()) {
    const o = e as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || typeof o.ruleId !== 'string' || typeof o.resource !== 'string') {
      throw new BaselineError(file, `entries[${i}] needs string "ruleId" and "resource"`);
    }
    if (o.findingId !== undefined && typeof o.findingId !== 'string') throw new BaselineError(file, `entries[${i}].findingId must be a string`);
    const findingId = o.findingId as string | undefined;
    // The fingerprint is derived data: recompute it, so a hand-edited entry still matches.
    const fp = fingerprint({ ruleId: o.ruleId, findingId, resource: { key: o.resource } });
    if (o.fingerprint !== undefined && o.fingerprint !== fp) {
      throw new BaselineError(file, `entries[${i}].fingerprint does not match its ruleId/resource/findingId (expected ${fp}); regenerate it with --update-baseline`);
    }
    entries.push(findingId !== undefined
      ? { fingerprint: fp, ruleId: o.ruleId, resource: o.resource, findingId }
      : { fingerprint: fp, ruleId: o.ruleId, resource: o.resource });
  }
  return { version: data.version, description: typeof data.description === 'string' ? data.description : undefined, entries };
}

/** Reads a baseline file. Throws {@link BaselineError} when it cannot be read or parsed. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(file, `cannot read baseline: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseBaseline(text, file);
}

/** The ids of the rules a report ran, when it says (a report without its rule list judges every entry). */
function ranRules(report: { readonly rules?: CheckReport['rules'] }): ReadonlySet<string> | undefined {
  return report.rules && report.rules.length > 0 ? new Set(report.rules.map((r) => r.id)) : undefined;
}

/**
 * Entries whose fingerprint is not among `seen` and whose rule ran (an entry of a rule the run did not run is not
 * judged, so it is not fixed), deduplicated and sorted.
 */
function fixedEntries(baseline: Baseline, seen: ReadonlySet<string>, ran: ReadonlySet<string> | undefined): BaselineEntry[] {
  const fixedByFp = new Map<string, BaselineEntry>();
  for (const e of baseline.entries) {
    if (ran && !ran.has(e.ruleId)) continue;
    if (!seen.has(e.fingerprint) && !fixedByFp.has(e.fingerprint)) fixedByFp.set(e.fingerprint, e);
  }
  return [...fixedByFp.values()].sort(compareEntries);
}

/**
 * The report of a run judged against a baseline: the one step that applies a baseline (the CLI's `--baseline`), so
 * that every reporter reads the same report. Each finding gets its `baselineState`; an open (non-compliant or error)
 * finding the baseline holds becomes suppressed, with the reason `accepted in baseline <file name>` and the source
 * `baseline`, so only new findings can fail the run; `report.baseline` says how many were new and accepted, and
 * which entries are fixed.
 */
export function withBaseline(report: CheckReport, baseline: Baseline, file: string): CheckReport {
  if (report.baseline) throw new Error(`the report was already judged against the baseline ${report.baseline.file}`);
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const open = new Set<string>();
  const reason = `accepted in baseline ${path.basename(file)}`;
  let added = 0;
  let accepted = 0;
  const findings = report.findings.map((f): Finding => {
    const fp = fingerprint(f);
    const inBaseline = known.has(fp);
    if (!isCounted(f)) return { ...f, baselineState: inBaseline ? 'unchanged' : 'new' };
    open.add(fp);
    if (!inBaseline) {
      added++;
      return { ...f, baselineState: 'new' };
    }
    accepted++;
    return { ...f, status: 'suppressed', suppression: { reason, source: 'baseline' }, baselineState: 'unchanged' };
  });
  return {
    ...report,
    findings,
    baseline: {
      file,
      entries: new Set(baseline.entries.map((e) => e.fingerprint)).size,
      new: added,
      accepted,
      fixed: fixedEntries(baseline, open, ranRules(report)),
    },
  };
}
