import { CheckReport, SuppressionRecord } from '../model';
import { groupByControl } from './group';
import { FailOn, summarize } from './summary';

/** Version of the JSON report schema (docs/report-json.md, docs/report.schema.json). Bumped on breaking change. */
export const JSON_SCHEMA_VERSION = 4;

/** The JSON report: a stable, documented shape. */
export function toJson(report: CheckReport, opts: { failOn: FailOn; toolVersion: string; problems?: string[]; framework?: string }): object {
  const byControl = opts.framework ? groupByControl(report, opts.framework) : undefined;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'secure-constructs', version: opts.toolVersion },
    summary: summarize(report, opts.failOn),
    inputs: report.inputs,
    inputErrors: (report.inputErrors ?? []).map((e) => ({ file: e.file, line: e.line ?? null, column: e.column ?? null, message: e.message })),
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      findingId: f.findingId ?? null,
      title: f.title,
      severity: f.severity,
      status: f.status,
      unverified: f.unverified === true,
      platform: f.platform,
      source: f.source,
      resource: {
        type: f.resource.type,
        key: f.resource.key,
        name: f.resource.name,
        logicalId: f.resource.logicalId ?? null,
        stack: f.resource.stack ?? null,
        apiVersion: f.resource.apiVersion ?? null,
        namespace: f.resource.namespace ?? null,
        objectName: f.resource.objectName ?? null,
      },
      constructPath: f.constructPath ?? null,
      file: f.file ?? null,
      line: f.line ?? null,
      documentIndex: f.documentIndex ?? null,
      message: f.message,
      remediation: f.remediation,
      controls: [...f.controls],
      suppression: f.suppression ? { reason: f.suppression.reason, source: f.suppression.source } : null,
      baselineState: f.baselineState ?? null,
    })),
    baseline: report.baseline
      ? {
        file: report.baseline.file,
        entries: report.baseline.entries,
        new: report.baseline.new,
        accepted: report.baseline.accepted,
        fixed: report.baseline.fixed.map((e) => ({
          fingerprint: e.fingerprint, ruleId: e.ruleId, resource: e.resource, findingId: e.findingId ?? null,
        })),
      }
      : null,
    unusedSuppressions: report.unusedSuppressions.map((u) => ({ id: u.id, reason: u.reason, source: u.source, declaredAt: u.declaredAt ?? null })),
    expiredSuppressions: (report.expiredSuppressions ?? []).map(suppressionJson),
    suppressions: (report.suppressions ?? []).map(suppressionJson),
    overrides: report.overrides.map((o) => ({
      resource: o.resource.key,
      type: o.resource.type,
      constructPath: o.constructPath ?? null,
      property: o.property,
      reason: o.reason,
    })),
    problems: opts.problems ?? [],
    framework: opts.framework ?? null,
    byControl: byControl
      ? [...byControl.entries()].map(([control, findings]) => ({
        control,
        nonCompliant: findings.filter((f) => f.status !== 'suppressed').length,
        suppressed: findings.filter((f) => f.status === 'suppressed').length,
        findings: findings.map((f) => ({ ruleId: f.ruleId, findingId: f.findingId ?? null, resource: f.resource.key, status: f.status })),
      }))
      : null,
    rules: report.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      platform: r.platform,
      source: r.source ?? 'secure-constructs',
      controls: [...r.controls],
    })),
  };
}

/** One declared suppression in the JSON report. */
function suppressionJson(s: SuppressionRecord): object {
  return {
    id: s.id,
    reason: s.reason,
    source: s.source,
    declaredAt: s.declaredAt ?? null,
    state: s.state,
    suppressed: s.suppressed,
    expires: s.expires ?? null,
    resources: s.resources ? [...s.resources] : null,
    file: s.file ?? null,
    line: s.line ?? null,
  };
}
