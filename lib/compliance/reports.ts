/**
 * The dashboard and the audit evidence from the synth-time entry points (`AwsCompliance.enable`,
 * `K8sCompliance.enable`): the same files `secure-constructs check --html FILE --evidence DIR` writes.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CheckReport, Resource } from './model';
import { packageVersion } from '../core/version';
import { buildEvidence, digestInputs, InputDigest, writeEvidence } from './reporters/evidence';
import { toHtml } from './reporters/html';
import { FailOn } from './reporters/summary';

/**
 * Reports written at synth time, besides CDK's validation report / the synth error.
 */
export interface ComplianceReports {
  /**
   * Write the HTML dashboard (one self-contained file) to this path, relative to the current directory.
   * @default - no dashboard
   */
  readonly html?: string;
  /**
   * Write the audit evidence (per framework `<id>.json` and `<id>.csv`, and `index.json`) into this folder.
   * @default - no evidence
   */
  readonly evidenceDir?: string;
}


/** What the synth-time run knows about itself. */
export interface SynthRunInfo {
  readonly failOn: FailOn;
  /** Template files (AWS), hashed. */
  readonly files?: readonly string[];
  /** The construct scope that was checked (Kubernetes: objects in memory), hashed as the JSON of its objects. */
  readonly scope?: { readonly path: string; readonly resources: readonly Resource[] };
  readonly resources: readonly Resource[];
  readonly packs: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
}

/** Throws with the property and the fix when the paths are unusable. */
export function validateComplianceReports(reports: ComplianceReports | undefined): void {
  if (!reports) return;
  for (const [k, v] of Object.entries(reports)) {
    if (k !== 'html' && k !== 'evidenceDir') throw new Error(`reports.${k} is not a report option. Fix: use reports.html (a file) or reports.evidenceDir (a folder).`);
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) throw new Error(`reports.${k} must be a non-empty path (got ${JSON.stringify(v)}). Fix: e.g. reports: { html: 'reports/dashboard.html', evidenceDir: 'reports/evidence' }.`);
  }
}

/** Writes the configured reports of a synth-time run. */
export function writeComplianceReports(report: CheckReport, reports: ComplianceReports | undefined, info: SynthRunInfo): void {
  if (!reports || (!reports.html && !reports.evidenceDir)) return;
  const generatedAt = new Date();
  const version = packageVersion();
  if (reports.html) {
    fs.mkdirSync(path.dirname(path.resolve(reports.html)), { recursive: true });
    fs.writeFileSync(reports.html, toHtml(report, { failOn: info.failOn, toolVersion: version, generatedAt }));
  }
  if (reports.evidenceDir) {
    const inputs: InputDigest[] = digestInputs(info.files ?? []);
    if (info.scope) {
      const json = JSON.stringify(info.scope.resources.map((r) => r.body));
      inputs.push({ path: info.scope.path, kind: 'construct-tree', sha256: createHash('sha256').update(json, 'utf8').digest('hex'), bytes: Buffer.byteLength(json) });
    }
    writeEvidence(reports.evidenceDir, buildEvidence(report, {
      toolVersion: version, failOn: info.failOn, inputs, entryPoint: 'synth', packs: info.packs, options: info.options, resources: info.resources, generatedAt,
    }));
  }
}
