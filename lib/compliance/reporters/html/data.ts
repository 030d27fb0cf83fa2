/**
 * The data embedded in the dashboard: the JSON report (lib/compliance/reporters/json.ts) in a compact form (rules and
 * resources listed once, findings pointing at them), plus the control catalogue. The page renders everything from it.
 */
import { FRAMEWORKS } from '../../frameworks';

/** A finding of the embedded data (short keys: 10,000 findings stay a few MB). */
export interface DashboardFinding {
  /** Index into `rules`. */
  readonly r: number;
  /** Index into `resources`. */
  readonly x: number;
  /** Finding id, or null. */
  readonly i: string | null;
  readonly sev: string;
  readonly st: string;
  readonly u: boolean;
  readonly m: string;
  /** Controls, when they differ from the rule's. */
  readonly c?: string[];
  /** Remediation, when it differs from the rule's. */
  readonly rem?: string;
  /** The suppression as the JSON report carries it (reason, source, and whatever else it holds, e.g. an expiry). */
  readonly s?: Record<string, unknown>;
}

export interface DashboardRule {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly platform: string;
  readonly source: string;
  readonly controls: string[];
  readonly remediation: string;
  /** The rule decided at least one (rule, resource) pair in this run, or produced a finding. */
  readonly decided: boolean;
}

export interface DashboardResource {
  readonly key: string;
  readonly type: string;
  readonly name: string;
  readonly platform: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly constructPath: string | null;
}

export interface DashboardData {
  readonly title: string;
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly summary: any;
  /** Open findings by plane and severity (unsuppressed, non-compliant). */
  readonly byPlane: Record<string, Record<string, number>>;
  readonly inputs: string[];
  readonly inputErrors: any[];
  readonly problems: string[];
  readonly framework: string | null;
  readonly frameworks: { readonly id: string; readonly title: string; readonly prefixes: readonly string[] }[];
  readonly rules: DashboardRule[];
  readonly resources: DashboardResource[];
  readonly findings: DashboardFinding[];
  readonly unusedSuppressions: any[];
  readonly overrides: any[];
  /** Expired suppressions, when the report carries them (`expiredSuppressions`). */
  readonly expiredSuppressions: any[];
  /** Every declared suppression with its state, when the report carries them (`suppressions`). */
  readonly declaredSuppressions: any[];
  /** What judging the run against a baseline found (the JSON report's `baseline`), or null. */
  readonly baseline: {
    readonly file: string; readonly entries: number; readonly new: number; readonly accepted: number; readonly fixed: any[];
  } | null;
}

/**
 * Builds the embedded data from a JSON report object (the output of `toJson`).
 * @param decidedRules ids of the rules that decided at least one pair (CheckReport.decidedRules), when known
 */
export function dashboardData(
  json: any,
  opts: { readonly title?: string; readonly generatedAt?: Date; readonly decidedRules?: readonly string[] } = {},
): DashboardData {
  const rules: DashboardRule[] = [];
  const ruleIndex = new Map<string, number>();
  const remediation = new Map<number, string>();
  const decided = new Set(opts.decidedRules ?? []);
  const addRule = (
    r: { id: string; title?: string; severity?: string; platform?: string; source?: string; controls?: string[] },
    fromFinding: boolean,
  ): number => {
    const k = `${r.source ?? 'secure-constructs'}\u0000${r.id}`;
    let i = ruleIndex.get(k);
    if (i === undefined) {
      i = rules.length;
      ruleIndex.set(k, i);
      rules.push({
        id: r.id, title: r.title ?? r.id, severity: r.severity ?? 'error', platform: r.platform ?? 'aws', source: r.source ?? 'secure-constructs',
        controls: [...(r.controls ?? [])], remediation: '', decided: decided.has(r.id) || fromFinding,
      });
    } else if (fromFinding && !rules[i].decided) {
      rules[i] = { ...rules[i], decided: true };
    }
    return i;
  };
  for (const r of json.rules ?? []) addRule(r, false);

  const resources: DashboardResource[] = [];
  const resourceIndex = new Map<string, number>();
  const byPlane: Record<string, Record<string, number>> = { aws: { error: 0, warning: 0, info: 0 }, k8s: { error: 0, warning: 0, info: 0 } };
  const findings: DashboardFinding[] = [];
  for (const f of json.findings ?? []) {
    const r = addRule({ id: f.ruleId, title: f.title, severity: f.severity, platform: f.platform, source: f.source, controls: f.controls }, true);
    if (!remediation.has(r)) remediation.set(r, f.remediation ?? '');
    let x = resourceIndex.get(f.resource.key);
    if (x === undefined) {
      x = resources.length;
      resourceIndex.set(f.resource.key, x);
      resources.push({
        key: f.resource.key, type: f.resource.type, name: f.resource.name, platform: f.platform,
        file: f.file ?? null, line: f.line ?? null, constructPath: f.constructPath ?? null,
      });
    }
    if (f.status === 'non-compliant') {
      const plane = (byPlane[f.platform] ??= { error: 0, warning: 0, info: 0 });
      plane[f.severity] = (plane[f.severity] ?? 0) + 1;
    }
    const rule = rules[r];
    const sameControls = rule.controls.length === (f.controls ?? []).length && rule.controls.every((c, k) => c === f.controls[k]);
    findings.push({
      r, x, i: f.findingId ?? null, sev: f.severity, st: f.status, u: f.unverified === true, m: f.message ?? '',
      ...(sameControls ? {} : { c: [...(f.controls ?? [])] }),
      ...((f.remediation ?? '') === remediation.get(r) ? {} : { rem: f.remediation ?? '' }),
      ...(f.suppression ? { s: { ...f.suppression } } : {}),
    });
  }
  for (const [i, rem] of remediation) rules[i] = { ...rules[i], remediation: rem };

  return {
    title: opts.title ?? 'secure-constructs compliance dashboard',
    generatedAt: (opts.generatedAt ?? new Date()).toISOString(),
    tool: json.tool,
    summary: json.summary,
    byPlane,
    inputs: json.inputs ?? [],
    inputErrors: json.inputErrors ?? [],
    problems: json.problems ?? [],
    framework: json.framework ?? null,
    frameworks: FRAMEWORKS.map((f) => ({ id: f.id, title: f.title, prefixes: [...f.prefixes] })),
    rules,
    resources,
    findings,
    unusedSuppressions: json.unusedSuppressions ?? [],
    overrides: json.overrides ?? [],
    expiredSuppressions: Array.isArray(json.expiredSuppressions) ? json.expiredSuppressions : [],
    declaredSuppressions: Array.isArray(json.suppressions) ? json.suppressions : [],
    baseline: json.baseline && typeof json.baseline === 'object' ? { ...json.baseline, fixed: Array.isArray(json.baseline.fixed) ? json.baseline.fixed : [] } : null,
  };
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` are written as `\u003c`... so that no
 * `</script>` or `<!--` can end or change the element; U+2028/U+2029 are escaped too. JSON.parse reads it back as is.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text escaped for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}
