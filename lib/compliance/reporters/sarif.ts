/**
 * SARIF 2.1.0 reporter (GitHub code scanning, Azure DevOps, any SARIF viewer). A pure function: the
 * CLI writes the returned object as JSON.
 */
import { pathToFileURL } from 'url';
import { fingerprint, SARIF_FINGERPRINT_KEY } from '../baseline';
import { BaselineEntry, CheckReport, Finding, RuleInfo, Severity } from '../model';
import { formatFindingRef } from '../suppressions';
import { displayPath, relativePath } from './group';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** The `uriBaseId` of file locations: the directory the paths are relative to (the repository root in CI). */
export const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  /** Version of secure-constructs, written as `tool.driver.version`. */
  readonly toolVersion?: string;
  /** Directory that file paths are made relative to (default: the current directory). */
  readonly baseDir?: string;
  /** Project page written as `tool.driver.informationUri` (must be an absolute URI). */
  readonly informationUri?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF level of a severity: error -> error, warning -> warning, info -> note. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'warning' ? 'warning' : severity === 'info' ? 'note' : 'error';
}

/** GitHub code scanning ranks security alerts by this number (0.0-10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** Suppression sources declared next to the resource (template metadata, annotation, construct tree). */
const IN_SOURCE = new Set(['metadata', 'annotation', 'construct', 'acknowledge', 'override', 'cdk-nag']);

/** `KMS key rotation` -> `KMSKeyRotation`; `aws-kms-key-rotation` -> `AwsKmsKeyRotation`. */
export function pascalCase(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function isAbsoluteUri(s: string | undefined): s is string {
  if (!s) return false;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(s) && !!new URL(s).protocol;
  } catch {
    return false;
  }
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

function ruleDescriptor(rule: RuleInfo): Record<string, unknown> {
  const title = rule.title || rule.id;
  const description = rule.description || title;
  const controls = rule.controls.length > 0 ? rule.controls.join(', ') : 'none';
  const d: Record<string, unknown> = {
    id: rule.id,
    name: pascalCase(rule.title) || pascalCase(rule.id) || rule.id,
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: {
      text: `${description}\n\nRemediation: ${rule.remediation}\n\nControls: ${controls}`,
      markdown: `${description}\n\n**Remediation:** ${rule.remediation}\n\n**Controls:** ${rule.controls.map((c) => '`' + c + '`').join(', ') || 'none'}`,
    },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      'tags': uniq(['security', ...rule.controls, rule.platform]),
      'source': rule.source ?? 'secure-constructs',
      'platform': rule.platform,
      'appliesTo': [...rule.appliesTo],
      'security-severity': SECURITY_SEVERITY[rule.severity] ?? SECURITY_SEVERITY.error,
    },
  };
  if (isAbsoluteUri(rule.helpUri)) d.helpUri = rule.helpUri;
  return d;
}

/** Rule metadata for a finding whose rule is not in `report.rules` (e.g. a cdk-nag rule). */
function ruleFromFinding(f: Finding): RuleInfo {
  return {
    id: f.ruleId,
    title: f.title,
    description: f.title,
    severity: f.severity,
    platform: f.platform,
    appliesTo: [f.resource.type],
    controls: f.controls,
    remediation: f.remediation,
    source: f.source,
  };
}

function artifactLocation(file: string, baseDir: string | undefined): Record<string, unknown> {
  const rel = relativePath(file, baseDir);
  if (rel !== undefined) {
    return { uri: rel.split('/').map((s) => encodeURIComponent(s)).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(file).href };
}

function location(f: Finding, baseDir: string | undefined): Record<string, unknown> {
  const loc: Record<string, unknown> = {};
  if (f.file) {
    const physical: Record<string, unknown> = { artifactLocation: artifactLocation(f.file, baseDir) };
    if (f.line !== undefined && Number.isInteger(f.line) && f.line >= 1) physical.region = { startLine: f.line };
    loc.physicalLocation = physical;
  }
  const logical: Record<string, unknown>[] = [
    { name: f.resource.name || f.resource.key, fullyQualifiedName: f.resource.key, kind: 'resource' },
  ];
  if (f.constructPath) {
    const parts = f.constructPath.split('/');
    logical.push({ name: parts[parts.length - 1] || f.constructPath, fullyQualifiedName: f.constructPath, kind: 'module' });
  }
  loc.logicalLocations = logical;
  return loc;
}

function resultMessage(f: Finding): string {
  const where = `${f.resource.type} ${f.resource.key}`;
  const what = f.findingId ? `${f.message} (${f.findingId})` : f.message;
  let text = `${where}: ${what}`;
  if (f.status === 'error') text = `Rule ${f.ruleId} could not be evaluated on ${where}: ${f.message}`;
  if (f.status === 'suppressed' && f.suppression) text += ` [suppressed: ${f.suppression.reason}]`;
  return text;
}

/**
 * A baseline entry no finding of the run matches: a result with `baselineState: "absent"`. Nothing fails it any more,
 * so it is `kind: "pass"` at level `none` (§3.27.9, §3.27.10); it has no file, only the resource's logical location
 * (GitHub code scanning, which displays results by file, does not show it, and its alert closes as fixed).
 */
function absentResult(e: BaselineEntry, ruleIndex: number | undefined): Record<string, unknown> {
  const ref = formatFindingRef(e.ruleId, e.findingId);
  const properties: Record<string, unknown> = { status: 'fixed', resourceKey: e.resource, suppressionId: ref };
  if (e.findingId !== undefined) properties.findingId = e.findingId;
  return {
    ruleId: e.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    kind: 'pass',
    level: 'none',
    message: { text: `${e.resource}: ${ref} is fixed since the baseline (no open finding matches its entry)` },
    locations: [{ logicalLocations: [{ name: e.resource.split('/').pop() || e.resource, fullyQualifiedName: e.resource, kind: 'resource' }] }],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: e.fingerprint },
    suppressions: [],
    baselineState: 'absent',
    properties,
  };
}

/** The report as a SARIF 2.1.0 log with one run. */
export function toSarif(report: CheckReport, opts: SarifOptions = {}): object {
  const baseDir = opts.baseDir;
  const rules: RuleInfo[] = [];
  const index = new Map<string, number>();
  const addRule = (r: RuleInfo) => {
    if (index.has(r.id)) return;
    index.set(r.id, rules.length);
    rules.push(r);
  };
  for (const r of report.rules) addRule(r);
  for (const f of report.findings) if (!index.has(f.ruleId)) addRule(ruleFromFinding(f));

  const notifications: Record<string, unknown>[] = [];
  const fingerprints = new Set<string>();

  const results = report.findings.map((f) => {
    const fp = fingerprint(f);
    fingerprints.add(fp);
    const ruleIndex = index.get(f.ruleId)!;
    const level = f.status === 'error' ? 'error' : sarifLevel(f.severity);
    const properties: Record<string, unknown> = {
      status: f.status,
      severity: f.severity,
      platform: f.platform,
      source: f.source,
      resourceType: f.resource.type,
      resourceKey: f.resource.key,
      resourceName: f.resource.name,
      suppressionId: formatFindingRef(f.ruleId, f.findingId),
      remediation: f.remediation,
      tags: uniq([...f.controls, f.platform]),
    };
    if (f.findingId !== undefined) properties.findingId = f.findingId;
    if (f.resource.stack !== undefined) properties.stack = f.resource.stack;
    if (f.resource.logicalId !== undefined) properties.logicalId = f.resource.logicalId;
    if (f.resource.apiVersion !== undefined) properties.apiVersion = f.resource.apiVersion;
    if (f.resource.namespace !== undefined) properties.namespace = f.resource.namespace;
    if (f.constructPath !== undefined) properties.constructPath = f.constructPath;
    if (f.documentIndex !== undefined) properties.documentIndex = f.documentIndex;
    if (f.status === 'error') properties.ruleError = true;

    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex,
      level,
      message: { text: resultMessage(f) },
      locations: [location(f, baseDir)],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fp },
      properties,
    };
    // SARIF 2.1.0 §3.27.23: the suppressions of every result are known (an empty list: not suppressed)
    result.suppressions = [];
    if (f.status === 'suppressed') {
      const reason = f.suppression?.reason ?? 'suppressed';
      const source = f.suppression?.source ?? 'unknown';
      result.suppressions = [{ kind: IN_SOURCE.has(source) ? 'inSource' : 'external', status: 'accepted', justification: reason, properties: { source } }];
    }
    // §3.27.24: with a baseline, every result has a baselineState
    if (report.baseline) result.baselineState = f.baselineState ?? 'new';
    if (f.status === 'error') {
      notifications.push({
        level: 'error',
        message: { text: resultMessage(f) },
        associatedRule: { id: f.ruleId, index: ruleIndex },
        locations: [location(f, baseDir)],
      });
    }
    return result;
  });

  // baseline entries that match no result of this run: `absent` results (§3.27.24), with the fingerprint they had
  for (const e of report.baseline?.fixed ?? []) {
    if (fingerprints.has(e.fingerprint)) continue;
    results.push(absentResult(e, index.get(e.ruleId)));
  }

  const driver: Record<string, unknown> = {
    name: 'secure-constructs',
    rules: rules.map(ruleDescriptor),
  };
  if (opts.toolVersion) driver.version = opts.toolVersion;
  if (isAbsoluteUri(opts.informationUri)) driver.informationUri = opts.informationUri;

  // an expired suppression is a warning of the run: the findings it covered are results again
  for (const e of report.expiredSuppressions ?? []) {
    notifications.push({ level: 'warning', message: { text: `Suppression ${e.id} (${e.declaredAt ?? e.source}) expired on ${e.expires} and no longer suppresses: ${e.reason}` } });
  }
  const invocation: Record<string, unknown> = { executionSuccessful: notifications.every((n) => n.level !== 'error') };
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver },
        invocations: [invocation],
        results,
        properties: {
          resourceCount: report.resourceCount,
          inputs: report.inputs.map((i) => displayPath(i, baseDir)),
          unusedSuppressions: report.unusedSuppressions.length,
          ...(report.baseline ? {
            baseline: {
              file: displayPath(report.baseline.file, baseDir),
              entries: report.baseline.entries,
              new: report.baseline.new,
              accepted: report.baseline.accepted,
              fixed: report.baseline.fixed.length,
            },
          } : {}),
          expiredSuppressions: (report.expiredSuppressions ?? []).map((e) => ({
            id: e.id,
            resources: e.resources ?? [],
            expires: e.expires,
            reason: e.reason,
            declaredAt: e.declaredAt,
          })),
          suppressions: (report.suppressions ?? []).map((d) => ({
            id: d.id,
            state: d.state,
            reason: d.reason,
            source: d.source,
            declaredAt: d.declaredAt,
            suppressed: d.suppressed,
          })),
        },
      },
    ],
  };
}
