/**
 * Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: verdict, counts per
 * severity and per framework, the worst unsuppressed findings, suppressions with their reasons,
 * recorded overrides of secure defaults and unused suppressions. Bounded in length (GitHub refuses
 * comments over 65,536 characters).
 */
import { isCounted } from '../baseline';
import { CheckReport, Finding, Severity, SEVERITY_RANK, SEVERITIES } from '../model';
import { formatFindingRef } from '../suppressions';
import { countFindings, displayPath, FailOn, frameworkSummaries, groupByControl } from './group';
import { verdict } from './summary';

/** Default cap on the length of the Markdown (characters). */
export const MARKDOWN_MAX_LENGTH = 60_000;

export interface MarkdownOptions {
  /** How many unsuppressed findings to list (default 20). */
  readonly maxFindings?: number;
  /** How many suppressions, overrides and unused suppressions to list each (default 50). */
  readonly maxListed?: number;
  /** Cap on the total length in characters (default 60,000). */
  readonly maxLength?: number;
  /** Severity threshold of the verdict, as `--fail-on` (default `error`). */
  readonly failOn?: FailOn;
  /** When given (`--framework`), add a table of the framework's controls with their results. */
  readonly framework?: string;
  /** Directory that file paths are made relative to (default: the current directory). */
  readonly baseDir?: string;
  /** Heading text (default `secure-constructs`). */
  readonly title?: string;
}

const SEVERITY_ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };
const CELL_MAX = 300;

/** Escapes text for a Markdown table cell: one line, no `|`, no HTML. */
export function mdCell(s: string | undefined, max = CELL_MAX): string {
  if (s === undefined || s === '') return '—';
  let t = String(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s*\r?\n\s*/g, ' ').trim();
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  return t.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*/g, '\\*').replace(/_/g, '\\_').replace(/`/g, '\\`') || '—';
}

/** Inline code for a table cell. */
export function mdCode(s: string | undefined, max = CELL_MAX): string {
  if (s === undefined || s === '') return '—';
  let t = String(s).replace(/[\u0000-\u001f\u007f]/g, ' ');
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  t = t.replace(/\|/g, '\\|');
  if (!t.includes('`')) return '`' + t + '`';
  return '`` ' + t.replace(/``+/g, '`') + ' ``';
}

function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

function compareFindings(a: Finding, b: Finding): number {
  const c = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0)
    || (a.status === 'error' ? 0 : 1) - (b.status === 'error' ? 0 : 1)
    || c(a.ruleId, b.ruleId)
    || c(a.resource.key, b.resource.key)
    || c(a.findingId ?? '', b.findingId ?? '');
}

function location(f: Finding, baseDir: string | undefined): string {
  if (f.file) return mdCode(`${displayPath(f.file, baseDir)}${f.line !== undefined ? `:${f.line}` : ''}`);
  if (f.constructPath) return mdCode(f.constructPath);
  return '—';
}

function more(shown: number, total: number, what: string): string[] {
  if (total <= shown) return [];
  return ['', shown === 0 ? '_Not listed here: see the SARIF or JSON report._' : `_…and ${total - shown} more ${what} (see the SARIF or JSON report)._`];
}

interface Limits {
  findings: number;
  listed: number;
}

function render(report: CheckReport, opts: MarkdownOptions, limits: Limits): string {
  const baseDir = opts.baseDir;
  const failOn = opts.failOn ?? 'error';
  const v = verdict(report, failOn);
  const base = report.baseline;
  const { bySeverity, total } = countFindings(report.findings);
  const title = opts.title ?? 'secure-constructs';
  const out: string[] = [];

  const toFix = total['non-compliant'];
  const warnOnly = v.passed && toFix + total.error > 0;
  const failed = [
    ...(v.failing.length > 0 ? [`${plural(v.failing.length, base ? 'new finding' : 'finding')} at or above \`${failOn}\``] : []),
    ...(v.inputErrors > 0 ? [`${plural(v.inputErrors, 'input error')} (exit 2)`] : []),
  ];
  out.push(v.passed
    ? `## ✅ ${title}: passed${warnOnly ? ` with ${plural(toFix + total.error, 'finding')} below the threshold` : ''}`
    : `## ❌ ${title}: failed — ${failed.join(' and ')}`);
  out.push('');
  out.push(
    `**${report.resourceCount}** resources from ${plural(report.inputs.length, 'input')}, **${report.rules.length}** rules: ` +
    `**${toFix}** non-compliant, **${total.suppressed}** suppressed, **${total.error}** ${total.error === 1 ? 'rule error' : 'rule errors'}` +
    (failOn === 'never' ? ' (`--fail-on never`: the run does not fail).' : ` (fails on \`${failOn}\`${failOn === 'error' ? '' : ' and above'}).`),
  );
  if (base) {
    out.push('');
    out.push(`Baseline ${mdCode(displayPath(base.file, baseDir))}: **${base.new}** new, ${base.accepted} accepted (reported as suppressed), ${base.fixed.length} fixed since the baseline${base.fixed.length > 0 ? ' (run with `--update-baseline` to drop them)' : ''}.`);
  }
  const inputErrors = report.inputErrors ?? [];
  if (inputErrors.length > 0) {
    const shown = inputErrors.slice(0, limits.listed);
    out.push('', `### Input errors (${inputErrors.length})`, '', 'These inputs could not be read and were not checked: the run fails with exit code 2.');
    if (shown.length > 0) {
      out.push('', '| File | Problem |', '| --- | --- |');
      for (const e of shown) out.push(`| ${mdCode(`${displayPath(e.file, baseDir)}${e.line !== undefined ? `:${e.line}` : ''}`)} | ${mdCell(e.message)} |`);
    }
    out.push(...more(shown.length, inputErrors.length, 'input errors'));
  }

  out.push('', '### Findings by severity', '', '| Severity | Non-compliant | Suppressed | Rule errors |', '| --- | ---: | ---: | ---: |');
  for (const s of SEVERITIES) {
    const c = bySeverity[s];
    out.push(`| ${SEVERITY_ICON[s]} ${s} | ${c['non-compliant']} | ${c.suppressed} | ${c.error} |`);
  }
  out.push(`| **total** | **${total['non-compliant']}** | **${total.suppressed}** | **${total.error}** |`);

  const fws = frameworkSummaries(report);
  if (fws.length > 0) {
    out.push('', '### Frameworks', '', '| Framework | Controls checked | Controls failing | Non-compliant | Suppressed | Rule errors |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const s of fws) {
      out.push(`| ${mdCell(s.framework.title)} (${mdCode(s.framework.id)}) | ${s.controls} | ${s.failingControls} | ${s.counts['non-compliant']} | ${s.counts.suppressed} | ${s.counts.error} |`);
    }
  }

  if (opts.framework) {
    const groups = groupByControl(report, opts.framework);
    out.push('', `### Results by control: ${mdCell(opts.framework)}`, '', '| Control | Result | Non-compliant | Suppressed | Rules |', '| --- | --- | ---: | ---: | --- |');
    let rows = 0;
    for (const [control, findings] of groups) {
      if (rows++ >= limits.listed * 4) break;
      const bad = findings.filter(isCounted).length;
      const sup = findings.filter((f) => f.status === 'suppressed').length;
      const rules = [...new Set(report.rules.filter((r) => r.controls.includes(control)).map((r) => r.id))].slice(0, 5);
      out.push(`| ${mdCode(control)} | ${bad > 0 ? '❌ failing' : '✅ passing'} | ${bad} | ${sup} | ${rules.map((r) => mdCode(r)).join(' ')} |`);
    }
  }

  // with a baseline, the open findings are the new ones: the accepted ones are suppressed
  const open = report.findings.filter(isCounted).sort(compareFindings);
  if (open.length > 0) {
    const shown = open.slice(0, limits.findings);
    const heading = base ? 'New findings' : 'Findings to fix';
    out.push('', `### ${heading} (${shown.length < open.length ? `top ${shown.length} of ${open.length}` : open.length})`);
    if (shown.length > 0) {
      out.push('', '| Severity | Rule | Resource | Location | Finding | Remediation |', '| --- | --- | --- | --- | --- | --- |');
      for (const f of shown) {
        const sev = f.status === 'error' ? `${SEVERITY_ICON.error} rule error` : `${SEVERITY_ICON[f.severity] ?? ''} ${f.severity}`;
        out.push(`| ${sev} | ${mdCode(formatFindingRef(f.ruleId, f.findingId))} | ${mdCode(f.resource.key)} | ${location(f, baseDir)} | ${mdCell(f.message)} | ${mdCell(f.remediation)} |`);
      }
    }
    out.push(...more(shown.length, open.length, 'findings'));
  }

  if (base && base.fixed.length > 0) {
    const shown = base.fixed.slice(0, limits.listed);
    out.push('', `### Fixed since the baseline (${base.fixed.length})`, '', 'These baseline entries match no open finding any more: `--update-baseline` drops them, so they cannot come back unnoticed.');
    if (shown.length > 0) {
      out.push('', '| Rule | Resource |', '| --- | --- |');
      for (const e of shown) out.push(`| ${mdCode(formatFindingRef(e.ruleId, e.findingId))} | ${mdCode(e.resource)} |`);
    }
    out.push(...more(shown.length, base.fixed.length, 'fixed entries'));
  }

  const suppressed = report.findings.filter((f) => f.status === 'suppressed').sort(compareFindings);
  if (suppressed.length > 0) {
    const shown = suppressed.slice(0, limits.listed);
    out.push('', `### Suppressions (${suppressed.length})`);
    if (shown.length > 0) {
      out.push('', '| Rule | Resource | Reason | Declared in |', '| --- | --- | --- | --- |');
      for (const f of shown) {
        out.push(`| ${mdCode(formatFindingRef(f.ruleId, f.findingId))} | ${mdCode(f.resource.key)} | ${mdCell(f.suppression?.reason)} | ${mdCell(f.suppression?.source)} |`);
      }
    }
    out.push(...more(shown.length, suppressed.length, 'suppressions'));
  }

  if (report.overrides.length > 0) {
    const sorted = report.overrides.slice().sort((a, b) => (a.resource.key < b.resource.key ? -1
      : a.resource.key > b.resource.key ? 1
        : a.property < b.property ? -1
          : a.property > b.property ? 1 : 0));
    const shown = sorted.slice(0, limits.listed);
    out.push('', `### Secure defaults overridden (${sorted.length})`);
    if (shown.length > 0) {
      out.push('', '| Resource | Property | Reason |', '| --- | --- | --- |');
      for (const o of shown) out.push(`| ${mdCode(o.constructPath ?? o.resource.key)} | ${mdCode(o.property)} | ${mdCell(o.reason)} |`);
    }
    out.push(...more(shown.length, sorted.length, 'overrides'));
  }

  if (report.unusedSuppressions.length > 0) {
    const shown = report.unusedSuppressions.slice(0, limits.listed);
    out.push('', `### Unused suppressions (${report.unusedSuppressions.length})`, '', 'These suppressions matched no finding: remove them, or check the rule id.');
    if (shown.length > 0) {
      out.push('', '| Suppression | Declared at | Source | Reason |', '| --- | --- | --- | --- |');
      for (const u of shown) out.push(`| ${mdCode(u.id)} | ${mdCode(u.declaredAt)} | ${mdCell(u.source)} | ${mdCell(u.reason)} |`);
    }
    out.push(...more(shown.length, report.unusedSuppressions.length, 'unused suppressions'));
  }

  // suppressions this run could not judge (another checker's rules, which drop what they see suppressed; rules of
  // packs that did not run): listed with their reasons, so every declared suppression is visible
  const notJudged = (report.suppressions ?? []).filter((d) => d.state === 'not-judged');
  if (notJudged.length > 0) {
    const shown = notJudged.slice(0, limits.listed);
    out.push('', `### Suppressions not judged in this run (${notJudged.length})`, '', 'Rules of other checkers (cdk-nag, Control Tower) or of packs that did not run: listed with their reasons.');
    if (shown.length > 0) {
      out.push('', '| Suppression | Declared at | Source | Reason |', '| --- | --- | --- | --- |');
      for (const d of shown) out.push(`| ${mdCode(d.id)} | ${mdCode(d.declaredAt)} | ${mdCell(d.source)} | ${mdCell(d.reason)} |`);
    }
    out.push(...more(shown.length, notJudged.length, 'suppressions not judged'));
  }

  const expired = report.expiredSuppressions ?? [];
  if (expired.length > 0) {
    const shown = expired.slice(0, limits.listed);
    out.push('', `### Expired suppressions (${expired.length})`, '', 'Past their expires date, these no longer suppress: renew them with a new date and reason, or fix the findings.');
    if (shown.length > 0) {
      out.push('', '| Suppression | Resources | Expired | Declared at | Reason |', '| --- | --- | --- | --- | --- |');
      for (const e of shown) out.push(`| ${mdCode(e.id)} | ${mdCode((e.resources ?? []).join(', '))} | ${mdCell(e.expires)} | ${mdCode(e.declaredAt)} | ${mdCell(e.reason)} |`);
    }
    out.push(...more(shown.length, expired.length, 'expired suppressions'));
  }

  out.push('');
  return out.join('\n');
}

/** The report as Markdown, at most `maxLength` characters (default 60,000). */
export function toMarkdown(report: CheckReport, opts: MarkdownOptions = {}): string {
  const cap = Math.max(1_000, opts.maxLength ?? MARKDOWN_MAX_LENGTH);
  const limits: Limits = { findings: Math.max(0, opts.maxFindings ?? 20), listed: Math.max(0, opts.maxListed ?? 50) };
  let md = render(report, opts, limits);
  // Too long (long messages, many rows): list fewer rows until it fits, the findings to fix last.
  while (md.length > cap && (limits.findings > 0 || limits.listed > 0)) {
    if (limits.listed > 0) limits.listed = Math.floor(limits.listed / 2);
    else limits.findings = Math.floor(limits.findings / 2);
    md = render(report, opts, limits);
  }
  if (md.length > cap) {
    const note = '\n\n_…truncated: see the SARIF or JSON report._\n';
    const cut = md.slice(0, cap - note.length);
    md = cut.slice(0, Math.max(0, cut.lastIndexOf('\n'))) + note;
  }
  return md;
}
