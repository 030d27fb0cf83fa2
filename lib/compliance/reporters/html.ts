/**
 * The HTML dashboard (`--html FILE`): one self-contained file (inline style and script, a Content-Security-Policy
 * that forbids every load) built from the JSON report, with the summary, the framework view, findings by resource,
 * filters, suppressions, weakened defaults, unused suppressions and a chart of findings by rule. See docs/dashboard.md.
 */
import { CheckReport } from '../model';
import { dashboardData } from './html/data';
import { renderPage } from './html/page';
import { toJson } from './json';
import { FailOn } from './summary';

export { dashboardData, escapeHtml, scriptJson } from './html/data';

/** Options of the HTML dashboard. */
export interface HtmlOptions {
  readonly failOn: FailOn;
  readonly toolVersion: string;
  /** Warnings about the inputs (as in the JSON report). */
  readonly problems?: string[];
  /** The `--framework` of the run, if any (pre-selects it). */
  readonly framework?: string;
  /** Page title. */
  readonly title?: string;
  /** Time of the run (default: now). */
  readonly generatedAt?: Date;
}

/** The dashboard of a report. */
export function toHtml(report: CheckReport, opts: HtmlOptions): string {
  return toHtmlFromJson(toJson(report, opts), { ...opts, decidedRules: report.decidedRules ?? [...new Set(report.evaluations.filter((e) => e.outcome !== 'not-applicable').map((e) => e.ruleId))] });
}

/**
 * The dashboard of a JSON report object (`toJson` output, or a parsed `--json` file). The JSON report does not say
 * which rules evaluated a resource without a finding: pass `decidedRules` (CheckReport.decidedRules), or controls
 * whose rules found nothing show as "not checked".
 */
export function toHtmlFromJson(
  json: any,
  opts: { readonly title?: string; readonly generatedAt?: Date; readonly decidedRules?: readonly string[] } = {},
): string {
  return renderPage(dashboardData(json, opts));
}
