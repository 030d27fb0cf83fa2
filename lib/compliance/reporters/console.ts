import { CheckReport, Finding, Severity } from '../model';
import { formatFindingRef } from '../suppressions';
import { FailOn, sortFindings, summarize } from './summary';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, green: 32, bold: 1 } as const;

function paint(on: boolean, color: keyof typeof COLORS, s: string): string {
  return on ? `\u001b[${COLORS[color]}m${s}\u001b[0m` : s;
}

const SEV_COLOR: Record<Severity, keyof typeof COLORS> = { error: 'red', warning: 'yellow', info: 'blue' };

function location(f: Finding): string {
  const parts: string[] = [];
  if (f.file) parts.push(`${f.file}${f.line ? `:${f.line}` : ''}${f.documentIndex !== undefined && f.platform === 'k8s' ? ` (document ${f.documentIndex + 1})` : ''}`);
  if (f.constructPath) parts.push(`construct ${f.constructPath}`);
  return parts.join(', ');
}

/**
 * Readable console output: findings grouped by resource, then suppressions, recorded overrides,
 * unused suppressions, and counts per severity.
 */
export function toConsole(report: CheckReport, opts: { failOn: FailOn; color?: boolean; problems?: string[]; showSuppressed?: boolean }): string {
  const c = opts.color ?? false;
  const out: string[] = [];
  const open = sortFindings(report.findings.filter((f) => f.status !== 'suppressed'));
  const suppressed = sortFindings(report.findings.filter((f) => f.status === 'suppressed'));
  const byResource = new Map<string, Finding[]>();
  for (const f of open) {
    const k = `${f.platform === 'aws' ? 'AWS' : 'Kubernetes'} ${f.resource.type} ${f.resource.key}`;
    let list = byResource.get(k);
    if (!list) byResource.set(k, (list = []));
    list.push(f);
  }
  for (const [k, list] of byResource) {
    out.push(paint(c, 'bold', k));
    const loc = location(list[0]);
    if (loc) out.push(paint(c, 'gray', `  ${loc}`));
    for (const f of list) {
      const sev = f.status === 'error' ? 'RULE ERROR' : f.unverified ? 'UNVERIFIED' : f.severity.toUpperCase();
      out.push(`  ${paint(c, SEV_COLOR[f.severity], sev.padEnd(7))} ${formatFindingRef(f.ruleId, f.findingId)}${f.source !== 'secure-constructs' ? paint(c, 'gray', ` (${f.source})`) : ''}: ${f.message}`);
      if (f.status !== 'error') out.push(paint(c, 'gray', `          fix: ${f.remediation}`));
    }
    out.push('');
  }
  if (suppressed.length > 0) {
    out.push(paint(c, 'bold', `Suppressed (${suppressed.length}):`));
    const shown = opts.showSuppressed ? suppressed : suppressed.slice(0, 20);
    for (const f of shown) out.push(`  ${formatFindingRef(f.ruleId, f.findingId)} on ${f.resource.key}: ${f.suppression?.reason} [${f.suppression?.source}]`);
    if (shown.length < suppressed.length) out.push(paint(c, 'gray', `  ... ${suppressed.length - shown.length} more (see the JSON/Markdown report)`));
    out.push('');
  }
  if (report.overrides.length > 0) {
    out.push(paint(c, 'bold', `Secure defaults weakened on purpose (${report.overrides.length}):`));
    for (const o of report.overrides) out.push(`  ${o.resource.key} ${o.property}: ${o.reason}`);
    out.push('');
  }
  if (report.unusedSuppressions.length > 0) {
    out.push(paint(c, 'yellow', `Unused suppressions (${report.unusedSuppressions.length}): they match no finding; remove them.`));
    for (const u of report.unusedSuppressions) out.push(`  ${u.id} at ${u.declaredAt ?? '?'} (${u.source}): ${u.reason}`);
    out.push('');
  }
  const expired = report.expiredSuppressions ?? [];
  if (expired.length > 0) {
    out.push(paint(c, 'yellow', `Expired suppressions (${expired.length}): past their expires date, they no longer suppress; renew or remove them.`));
    for (const e of expired) out.push(`  ${e.id} on ${(e.resources ?? []).join(', ')} expired ${e.expires} (${e.declaredAt ?? e.source}): ${e.reason}`);
    out.push('');
  }
  if (opts.showSuppressed && (report.suppressions ?? []).length > 0) {
    const all = report.suppressions!;
    out.push(paint(c, 'bold', `Declared suppressions (${all.length}):`));
    for (const d of all) out.push(`  ${d.state.padEnd(10)} ${d.id} at ${d.declaredAt ?? '?'} (${d.source}${d.suppressed > 0 ? `, ${d.suppressed} finding(s)` : ''}): ${d.reason}`);
    out.push('');
  }
  for (const p of opts.problems ?? []) out.push(paint(c, 'yellow', `warning: ${p}`));
  const inputErrors = report.inputErrors ?? [];
  if (inputErrors.length > 0) {
    out.push(paint(c, 'red', `Input errors (${inputErrors.length}): these inputs were not checked.`));
    for (const e of inputErrors) out.push(`  ${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    out.push('');
  }
  const base = report.baseline;
  if (base) {
    out.push(`Baseline ${base.file}: ${base.new} new, ${base.accepted} accepted (reported as suppressed), ${base.fixed.length} fixed since the baseline${base.fixed.length > 0 ? ' (--update-baseline drops them)' : ''}.`);
    for (const e of base.fixed.slice(0, opts.showSuppressed ? undefined : 20)) out.push(paint(c, 'gray', `  fixed: ${formatFindingRef(e.ruleId, e.findingId)} on ${e.resource}`));
    if (!opts.showSuppressed && base.fixed.length > 20) out.push(paint(c, 'gray', `  ... ${base.fixed.length - 20} more (see the JSON/Markdown report)`));
  }
  const s = summarize(report, opts.failOn);
  out.push(
    `${s.resources} resources, ${s.rules} rules: ` +
    `${paint(c, 'red', `${s.open.error} errors`)}, ${paint(c, 'yellow', `${s.open.warning} warnings`)}, ${paint(c, 'blue', `${s.open.info} info`)}, ` +
    `${s.ruleErrors} rule errors, ${s.suppressed} suppressed, ${s.unusedSuppressions} unused suppressions` +
    (s.expiredSuppressions > 0 ? `, ${s.expiredSuppressions} expired suppressions` : '') +
    (s.unverified > 0 ? `, ${s.unverified} cannot verify` : '') + (s.inputErrors > 0 ? `, ${s.inputErrors} input errors` : ''),
  );
  if (s.inputErrors > 0) out.push(paint(c, 'red', `FAILED: ${s.inputErrors} input error(s)${s.blocking > 0 ? ` and ${s.blocking} finding(s) at or above ${s.failOn}` : ''}`));
  else out.push(s.passed ? paint(c, 'green', `PASSED (fail-on ${s.failOn})`) : paint(c, 'red', `FAILED: ${s.blocking} finding(s) at or above ${s.failOn}`));
  return out.join('\n') + '\n';
}
