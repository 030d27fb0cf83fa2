/** Writes the evidence folder: `<framework>.json` and `<framework>.csv` per framework, and `index.json`. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { FrameworkEvidence, EVIDENCE_SCHEMA_VERSION } from './build';
import { toCsv } from './csv';
import { evidenceRows } from './rows';

/** `index.json`: the run and the files written, with their sha256 (what an auditor archives together). */
export interface EvidenceIndex {
  readonly schemaVersion: number;
  readonly kind: 'secure-constructs-evidence-index';
  readonly run: FrameworkEvidence['run'];
  readonly files: readonly { readonly framework: string; readonly file: string; readonly format: 'json' | 'csv'; readonly sha256: string; readonly bytes: number; readonly controls: number; readonly failing: number }[];
}

/** A framework id as a file name (`PCI-DSS-3.2.1` stays as is; anything but letters, digits, `.`, `-`, `_` becomes `_`). */
export function evidenceFileName(frameworkId: string): string {
  return frameworkId.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Writes every file; returns the index. */
export function writeEvidence(dir: string, evidence: readonly FrameworkEvidence[]): EvidenceIndex {
  if (evidence.length === 0) throw new Error('no framework to write evidence for');
  fs.mkdirSync(dir, { recursive: true });
  const files: EvidenceIndex['files'][number][] = [];
  const write = (name: string, content: string, e: FrameworkEvidence, format: 'json' | 'csv') => {
    fs.writeFileSync(path.join(dir, name), content);
    files.push({
      framework: e.framework.id, file: name, format, sha256: createHash('sha256').update(content, 'utf8').digest('hex'), bytes: Buffer.byteLength(content),
      controls: e.totals.controls, failing: e.totals.failing,
    });
  };
  for (const e of evidence) {
    const base = evidenceFileName(e.framework.id);
    write(`${base}.json`, JSON.stringify(e, null, 2) + '\n', e, 'json');
    write(`${base}.csv`, toCsv(evidenceRows(e)), e, 'csv');
  }
  const index: EvidenceIndex = { schemaVersion: EVIDENCE_SCHEMA_VERSION, kind: 'secure-constructs-evidence-index', run: evidence[0].run, files };
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  return index;
}
