/**
 * Audit evidence (`--evidence DIR`): per framework a JSON and a CSV file mapping each control to the rules that
 * evidence it and each evaluated resource's outcome, plus the run's metadata. Schema: docs/evidence.schema.json.
 */
export * from './evidence/build';
export { EVIDENCE_CSV_HEADER, evidenceRows } from './evidence/rows';
export { csvCell, toCsv } from './evidence/csv';
export { digestInputs, sha256File, InputDigest, InputFileDigest } from './evidence/inputs';
export { EvidenceIndex, evidenceFileName, writeEvidence } from './evidence/write';
