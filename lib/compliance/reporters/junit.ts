/**
 * JUnit XML reporter (GitHub test-report actions, GitLab `artifacts:reports:junit`, Jenkins).
 *
 * One `<testsuite>` per stack (AWS) or manifest file (Kubernetes); one `<testcase>` per evaluated
 * (rule, resource) pair: classname = rule id, name = resource key. Non-compliant -> `<failure>`,
 * a rule that threw -> `<error>`, suppressed -> `<skipped>`. Not-applicable pairs are not test cases.
 */
import { CheckReport, Evaluation, Finding, Platform } from '../model';
import { formatFindingRef } from '../suppressions';
import { displayPath } from './group';

export interface JUnitOptions {
  /** Directory that file paths are made relative to (default: the current directory). */
  readonly baseDir?: string;
  /** Name of the root `<testsuites>` element. */
  readonly name?: string;
}

/** Characters allowed in XML 1.0 (others, e.g. control characters and lone surrogates, are dropped). */
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML element content or a double-quoted attribute, dropping characters XML cannot carry. */
export function xmlEscape(s: string, attribute = false): string {
  let out = String(s).replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
  return out;
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v), true)}"`)
    .join('');
}

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

interface Case {
  readonly ruleId: string;
  readonly resourceKey: string;
  readonly suite: string;
  file?: string;
  line?: number;
  readonly findings: Finding[];
  evaluation?: Evaluation['outcome'];
}

interface Suite {
  readonly name: string;
  file?: string;
  platform?: Platform;
  readonly cases: Case[];
}

interface ResourceInfo {
  platform?: Platform;
  stack?: string;
  file?: string;
  line?: number;
}

/** Suite of a resource: AWS -> its stack; Kubernetes -> its manifest file; else the platform. */
function suiteName(key: string, info: ResourceInfo, baseDir: string | undefined): string {
  const platform = info.platform ?? (info.stack !== undefined ? 'aws' : undefined);
  if (platform === 'aws') {
    if (info.stack) return info.stack;
    const slash = key.indexOf('/');
    if (slash > 0) return key.slice(0, slash);
  }
  if (info.file) return displayPath(info.file, baseDir);
  return platform ?? 'resources';
}

function outcomeOf(c: Case): Outcome {
  if (c.findings.some((f) => f.status === 'error')) return 'error';
  if (c.findings.some((f) => f.status === 'non-compliant')) return 'failure';
  if (c.findings.length > 0) return 'skipped';
  switch (c.evaluation) {
    case 'error': return 'error';
    case 'non-compliant': return 'failure';
    case 'suppressed': return 'skipped';
    default: return 'passed';
  }
}

function findingLine(f: Finding, baseDir: string | undefined): string {
  const ref = formatFindingRef(f.ruleId, f.findingId);
  const loc = f.file ? ` at ${displayPath(f.file, baseDir)}${f.line !== undefined ? `:${f.line}` : ''}` : '';
  const parts = [`${ref} [${f.severity}] ${f.resource.type} ${f.resource.key}${loc}: ${f.message}`];
  if (f.status === 'suppressed' && f.suppression) parts.push(`  suppressed (${f.suppression.source}): ${f.suppression.reason}`);
  else parts.push(`  Remediation: ${f.remediation}`);
  if (f.controls.length > 0) parts.push(`  Controls: ${f.controls.join(', ')}`);
  if (f.constructPath) parts.push(`  Construct: ${f.constructPath}`);
  return parts.join('\n');
}

function renderCase(c: Case, baseDir: string | undefined): { xml: string; outcome: Outcome } {
  const outcome = outcomeOf(c);
  const head = `    <testcase${attrs({ classname: c.ruleId, name: c.resourceKey, file: c.file ? displayPath(c.file, baseDir) : undefined, line: c.line, time: '0' })}`;
  if (outcome === 'passed') return { xml: `${head}/>`, outcome };
  let inner: string;
  if (outcome === 'skipped') {
    const reasons = [...new Set(c.findings.map((f) => f.suppression?.reason).filter((r): r is string => !!r))];
    inner = `<skipped${attrs({ message: `suppressed: ${reasons.join('; ') || 'no reason recorded'}` })}/>`;
  } else {
    const relevant = outcome === 'error' ? c.findings.filter((f) => f.status === 'error') : c.findings.filter((f) => f.status === 'non-compliant');
    const others = c.findings.filter((f) => !relevant.includes(f));
    const first = relevant[0];
    const message = first
      ? (relevant.length > 1 ? `${first.message} (and ${relevant.length - 1} more)` : first.message)
      : (outcome === 'error' ? 'the rule failed to evaluate' : 'non-compliant');
    const body = [...relevant, ...others].map((f) => findingLine(f, baseDir)).join('\n\n');
    const tag = outcome === 'error' ? 'error' : 'failure';
    const type = outcome === 'error' ? 'RuleError' : (first?.severity ?? 'error');
    inner = `<${tag}${attrs({ message, type })}>${xmlEscape(body)}</${tag}>`;
  }
  return { xml: `${head}>\n      ${inner}\n    </testcase>`, outcome };
}

/** The report as JUnit XML. */
export function toJUnit(report: CheckReport, opts: JUnitOptions = {}): string {
  const baseDir = opts.baseDir;

  // Where each resource lives: from findings (full identity) and evaluations (file/stack/platform).
  const resources = new Map<string, ResourceInfo>();
  const info = (key: string) => {
    let r = resources.get(key);
    if (!r) resources.set(key, (r = {}));
    return r;
  };
  for (const f of report.findings) {
    const r = info(f.resource.key);
    r.platform ??= f.platform;
    r.stack ??= f.resource.stack;
    r.file ??= f.file;
    r.line ??= f.line;
  }
  for (const e of report.evaluations) {
    const r = info(e.resourceKey);
    r.platform ??= e.platform;
    r.stack ??= e.stack;
    r.file ??= e.file;
  }

  const cases = new Map<string, Case>();
  const caseFor = (ruleId: string, resourceKey: string) => {
    const id = JSON.stringify([ruleId, resourceKey]);
    let c = cases.get(id);
    if (!c) {
      const r = resources.get(resourceKey) ?? {};
      c = { ruleId, resourceKey, suite: suiteName(resourceKey, r, baseDir), file: r.file, line: r.line, findings: [] };
      cases.set(id, c);
    }
    return c;
  };
  for (const e of report.evaluations) {
    if (e.outcome === 'not-applicable') continue;
    caseFor(e.ruleId, e.resourceKey).evaluation = e.outcome;
  }
  // Findings without an evaluation (e.g. cdk-nag's, or a run without recorded evaluations) are cases too.
  for (const f of report.findings) caseFor(f.ruleId, f.resource.key).findings.push(f);

  const suites = new Map<string, Suite>();
  for (const c of cases.values()) {
    let s = suites.get(c.suite);
    if (!s) suites.set(c.suite, (s = { name: c.suite, cases: [] }));
    const r = resources.get(c.resourceKey);
    s.file ??= r?.file;
    s.platform ??= r?.platform;
    s.cases.push(c);
  }

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suiteXml: string[] = [];
  for (const s of [...suites.values()].sort((a, b) => cmp(a.name, b.name))) {
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const rendered: string[] = [];
    for (const c of s.cases.sort((a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.resourceKey, b.resourceKey))) {
      const { xml, outcome } = renderCase(c, baseDir);
      counts.tests++;
      if (outcome === 'failure') counts.failures++;
      else if (outcome === 'error') counts.errors++;
      else if (outcome === 'skipped') counts.skipped++;
      rendered.push(xml);
    }
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
    const props: string[] = [];
    if (s.platform) props.push(`      <property${attrs({ name: 'platform', value: s.platform })}/>`);
    if (s.file) props.push(`      <property${attrs({ name: 'file', value: displayPath(s.file, baseDir) })}/>`);
    suiteXml.push([
      `  <testsuite${attrs({ name: s.name, tests: counts.tests, failures: counts.failures, errors: counts.errors, skipped: counts.skipped, time: '0' })}>`,
      ...(props.length > 0 ? ['    <properties>', ...props, '    </properties>'] : []),
      ...rendered,
      '  </testsuite>',
    ].join('\n'));
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: opts.name ?? 'secure-constructs', tests: total.tests, failures: total.failures, errors: total.errors, skipped: total.skipped, time: '0' })}>`,
    ...suiteXml,
    '</testsuites>',
    '',
  ].join('\n');
}
