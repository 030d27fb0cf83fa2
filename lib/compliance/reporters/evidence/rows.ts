/** The rows of a framework's evidence CSV. */
import { FrameworkEvidence } from './build';

/** The CSV header of an evidence file. */
export const EVIDENCE_CSV_HEADER = [
  'framework', 'control', 'control_status', 'rule_id', 'rule_source', 'resource_key', 'resource_type', 'resource_name', 'platform',
  'file', 'line', 'construct_path', 'rule_outcome', 'resource_outcome', 'finding_ids', 'messages', 'suppression_reasons',
];

/**
 * The rows of a framework's CSV: one per (control, rule, resource), and one per rule of a control that evaluated no
 * resource (outcome `not-evaluated`, resource columns empty).
 */
export function evidenceRows(e: FrameworkEvidence): unknown[][] {
  const rows: unknown[][] = [EVIDENCE_CSV_HEADER];
  for (const c of e.controls) {
    const seen = new Set<string>();
    for (const r of c.resources) {
      for (const ro of r.rules) {
        seen.add(`${ro.source}\u0000${ro.ruleId}`);
        rows.push([
          e.framework.id, c.control, c.status, ro.ruleId, ro.source, r.key, r.type, r.name, r.platform, r.file, r.line, r.constructPath,
          ro.outcome, r.outcome,
          ro.findings.map((f) => f.findingId ?? '').filter(Boolean).join('\n'),
          ro.findings.map((f) => f.message).join('\n'),
          ro.findings.map((f) => f.suppression?.reason ?? '').filter(Boolean).join('\n'),
        ]);
      }
    }
    for (const r of c.rules) {
      if (seen.has(`${r.source}\u0000${r.id}`)) continue;
      rows.push([e.framework.id, c.control, c.status, r.id, r.source, '', '', '', r.platform, '', '', '', 'not-evaluated', '', '', '', '']);
    }
  }
  return rows;
}
