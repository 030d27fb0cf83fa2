import { matchesAnyGlob } from './config/globs';
import {
  CheckReport, Evaluation, Finding, FindingResource, InputProblem, Resource, Rule, RuleContext, RuleInfo, RuleResult, Suppression,
  SuppressionRecord, UnusedSuppression, ruleInfo,
} from './model';
import { formatFindingRef, isExternalRuleId } from './suppressions';

/** Options for one engine run. */
export interface EngineOptions {
  /** Extra suppressions that apply to every resource (e.g. from a CLI config). */
  readonly globalSuppressions?: readonly Suppression[];
  /** Findings produced elsewhere (cdk-nag via CDK's validation report) to merge into the report. */
  readonly externalFindings?: readonly Finding[];
  /** Metadata of the external rules (for reports). */
  readonly externalRules?: readonly RuleInfo[];
  /** Record every (rule, resource) evaluation (for JUnit). Default true. */
  readonly recordEvaluations?: boolean;
  /** Input paths, for the report. */
  readonly inputs?: string[];
  /** Extra suppressions declared somewhere without a resource (e.g. CDK acknowledgements); reported if unused. */
  readonly declaredSuppressions?: readonly Suppression[];
  /** Inputs that could not be read; carried into the report (exit 2). */
  readonly inputErrors?: readonly InputProblem[];
  /** Per-rule settings, keyed by rule id (read by rules through `context.optionsFor(ruleId)`). */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Suppressions whose `expires` date has passed: they suppress nothing and are reported as expired. */
  readonly expiredSuppressions?: readonly Suppression[];
}

/** Identity of a resource as written in findings. */
export function findingResource(r: Resource): FindingResource {
  return {
    type: r.type,
    key: r.key,
    name: r.name,
    logicalId: r.logicalId,
    stack: r.stack,
    apiVersion: r.apiVersion,
    namespace: r.namespace,
    objectName: r.objectName,
  };
}

/**
 * Builds the index once: resources by type (and by trait: `ofType('@pod-template')`) and by logical id.
 */
class Index implements RuleContext {
  private readonly byType = new Map<string, Resource[]>();
  private readonly byId = new Map<string, Resource>();
  private readonly memos = new Map<string, unknown>();

  constructor(resources: readonly Resource[], private readonly ruleOptions: EngineOptions['ruleOptions'] = {}) {
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      let list = this.byType.get(r.type);
      if (!list) this.byType.set(r.type, (list = []));
      list.push(r);
      if (r.traits) {
        for (const t of r.traits) {
          let tl = this.byType.get(t);
          if (!tl) this.byType.set(t, (tl = []));
          tl.push(r);
        }
      }
      if (r.logicalId !== undefined) this.byId.set(`${r.stack ?? ''}\u0000${r.logicalId}`, r);
    }
  }

  public ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  public byLogicalId(stack: string | undefined, logicalId: string): Resource | undefined {
    return this.byId.get(`${stack ?? ''}\u0000${logicalId}`);
  }

  public memo<T>(key: string, compute: () => T): T {
    const v = this.memos.get(key);
    if (v !== undefined || this.memos.has(key)) return v as T;
    const computed = compute();
    this.memos.set(key, computed);
    return computed;
  }

  public optionsFor(ruleId: string): Readonly<Record<string, unknown>> | undefined {
    return Object.prototype.hasOwnProperty.call(this.ruleOptions, ruleId) ? this.ruleOptions?.[ruleId] : undefined;
  }
}

/** The rules that apply to one resource: those of its type and of each of its traits, each rule once. */
function rulesFor(resource: Resource, rulesByType: Map<string, Rule[]>): readonly Rule[] {
  const own = rulesByType.get(resource.type);
  if (!resource.traits || resource.traits.length === 0) return own ?? [];
  const out: Rule[] = [...(own ?? [])];
  for (const t of resource.traits) for (const r of rulesByType.get(t) ?? []) if (!out.includes(r)) out.push(r);
  return out;
}

/** What a suppression is matched against: the resource of the finding. */
interface MatchTarget {
  readonly key: string;
  readonly constructPath?: string;
  readonly file?: string;
}

/**
 * The identity of a declared suppression: one declaration (rule, finding, where, reason, scope) however many
 * resources carry a copy of it (`Suppressions.of(parent)` reaches every descendant; a cdk8s chart's suppression is
 * written into each object's annotation). A declaration is reported once, used when any copy was used.
 */
const identities = new WeakMap<Suppression, string>();
function identity(s: Suppression): string {
  let id = identities.get(s);
  if (id === undefined) identities.set(s, (id = identityOf(s)));
  return id;
}

function identityOf(s: Suppression): string {
  return [suppressionRef(s), s.declaredAt ?? '', s.reason, (s.resources ?? []).join('\u0001'), s.file ?? '', s.line ?? ''].join('\u0000');
}

/** `RuleId`, `RuleId[findingId]` or `RuleId[/pattern/]`. */
export function suppressionRef(s: Pick<Suppression, 'ruleId' | 'findingId' | 'findingPattern'>): string {
  return formatFindingRef(s.ruleId, s.findingId ?? (s.findingPattern !== undefined ? `/${s.findingPattern}/` : undefined));
}

const patterns = new Map<string, RegExp | null>();
function patternMatches(pattern: string, findingId: string | undefined): boolean {
  if (findingId === undefined) return false;
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null; // reported by the parser; an invalid pattern matches nothing
    }
    patterns.set(pattern, re);
  }
  return re !== null && re.test(findingId);
}

/** Whether a suppression covers a finding: same rule, the named finding (or pattern) if any, the resources if listed. */
export function suppressionCovers(s: Suppression, ruleId: string, findingId: string | undefined, target?: MatchTarget): boolean {
  if (s.ruleId !== ruleId) return false;
  if (s.findingId !== undefined && s.findingId !== findingId) return false;
  if (s.findingId === undefined && s.findingPattern !== undefined && !patternMatches(s.findingPattern, findingId)) return false;
  if (s.resources !== undefined && (!target || !matchesAnyGlob(s.resources, target))) return false;
  return true;
}

/** Specificity of a suppression, for the reason reported on a finding: a named finding, then a pattern, then a scope. */
function specificity(s: Suppression): number {
  return (s.findingId !== undefined ? 4 : s.findingPattern !== undefined ? 2 : 0) + (s.resources !== undefined ? 1 : 0);
}

/** Tracks use of each declared suppression so unused ones can be reported, and lists them all. */
class SuppressionTracker {
  private readonly declared = new Map<string, { s: Suppression; suppressed: number; expired: boolean }>();

  public register(s: Suppression, expired = false): void {
    const k = identity(s);
    if (!this.declared.has(k)) this.declared.set(k, { s, suppressed: 0, expired });
  }

  public match(list: readonly Suppression[], ruleId: string, findingId: string | undefined, target?: MatchTarget): Suppression | undefined {
    let hit: Suppression | undefined;
    for (const s of list) {
      if (!suppressionCovers(s, ruleId, findingId, target)) continue;
      const entry = this.declared.get(identity(s));
      if (entry) entry.suppressed++;
      else this.declared.set(identity(s), { s, suppressed: 1, expired: false });
      // prefer the most specific one for the reported reason
      if (!hit || specificity(s) > specificity(hit)) hit = s;
    }
    return hit;
  }

  /** Every declared suppression with its state; those of other checkers' rules cannot be judged (see isExternalRuleId). */
  public records(): SuppressionRecord[] {
    const out: SuppressionRecord[] = [];
    for (const { s, suppressed, expired } of this.declared.values()) {
      const state = expired ? 'expired' : suppressed > 0 ? 'used' : isExternalRuleId(s.ruleId) ? 'not-judged' : 'unused';
      out.push({
        id: suppressionRef(s),
        reason: s.reason,
        source: s.source,
        declaredAt: s.declaredAt,
        state,
        suppressed,
        ...(s.expires !== undefined ? { expires: s.expires } : {}),
        ...(s.resources !== undefined ? { resources: [...s.resources] } : {}),
        ...(s.file !== undefined ? { file: s.file } : {}),
        ...(s.line !== undefined ? { line: s.line } : {}),
      });
    }
    return out;
  }
}

/** The unused suppressions of a list of records (the report's `unusedSuppressions`). */
export function unusedOf(records: readonly SuppressionRecord[]): UnusedSuppression[] {
  return records.filter((r) => r.state === 'unused').map((r) => ({ id: r.id, reason: r.reason, source: r.source, declaredAt: r.declaredAt }));
}

/**
 * Runs rules over resources. Each rule is dispatched only to the types it declares;
 * the resources are indexed once, so a run is linear in the number of resources.
 */
export function runEngine(rules: readonly Rule[], resources: readonly Resource[], options: EngineOptions = {}): CheckReport {
  resourceIdentities = new WeakMap();
  lastResource = undefined;
  lastIdentity = undefined;
  const index = new Index(resources, options.ruleOptions);
  const tracker = new SuppressionTracker();
  const recordEvaluations = options.recordEvaluations ?? true;
  const globalSuppressions = options.globalSuppressions ?? [];
  for (const s of globalSuppressions) tracker.register(s);
  for (const s of options.expiredSuppressions ?? []) tracker.register(s, true);
  for (const s of options.declaredSuppressions ?? []) tracker.register(s);
  for (let i = 0; i < resources.length; i++) {
    const list = resources[i].suppressions;
    for (let j = 0; j < list.length; j++) tracker.register(list[j]);
  }

  const findings: Finding[] = [];
  const evaluations: Evaluation[] = [];
  let evaluated = 0;
  const decided = new Set<Rule>();

  // dispatch table: type -> rules
  const rulesByType = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const t of rule.appliesTo) {
      let list = rulesByType.get(t);
      if (!list) rulesByType.set(t, (list = []));
      list.push(rule);
    }
  }

  // indexed loops: one run visits every (rule, resource) pair, in code that runs once (no iterator objects)
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i];
    const typeRules = rulesFor(resource, rulesByType);
    if (typeRules.length === 0) continue;
    const suppressions = globalSuppressions.length > 0 ? [...resource.suppressions, ...globalSuppressions] : resource.suppressions;
    for (let j = 0; j < typeRules.length; j++) {
      const rule = typeRules[j];
      let result: RuleResult;
      try {
        result = rule.evaluate(resource, index);
      } catch (e) {
        const err = e instanceof Error ? e.message : String(e);
        findings.push(makeFinding(rule, resource, {
          status: 'error',
          findingId: undefined,
          message: `Rule ${rule.id} threw while evaluating ${resource.key}: ${err}`,
        }));
        evaluated++;
        decided.add(rule);
        if (recordEvaluations) evaluations.push({ ruleId: rule.id, resourceKey: resource.key, outcome: 'error', file: resource.file, stack: resource.stack, platform: resource.platform });
        continue;
      }
      evaluated++;
      if (result.outcome !== 'non-compliant') {
        if (result.outcome === 'compliant') decided.add(rule);
        if (recordEvaluations) {
          evaluations.push({
            ruleId: rule.id,
            resourceKey: resource.key,
            outcome: result.outcome,
            file: resource.file,
            stack: resource.stack,
            platform: resource.platform,
          });
        }
        continue;
      }
      decided.add(rule);
      let allSuppressed = true;
      const ruleFindings = result.findings;
      for (let k = 0; k < ruleFindings.length; k++) {
        const f = ruleFindings[k];
        const s = tracker.match(suppressions, rule.id, f.id, resource);
        if (!s) allSuppressed = false;
        findings.push(makeFinding(rule, resource, {
          status: s ? 'suppressed' : 'non-compliant',
          findingId: f.id,
          message: f.message ?? rule.description,
          severity: f.severity,
          unverified: f.unverified,
          suppression: s ? { reason: s.reason, source: s.source } : undefined,
        }));
      }
      if (recordEvaluations) {
        evaluations.push({
          ruleId: rule.id, resourceKey: resource.key, outcome: allSuppressed ? 'suppressed' : 'non-compliant', file: resource.file, stack: resource.stack, platform: resource.platform,
        });
      }
    }
  }

  // External findings (cdk-nag): apply our suppressions too, so one suppression API works everywhere.
  if (options.externalFindings && options.externalFindings.length > 0) {
    const byKey = new Map<string, Resource>();
    for (const r of resources) byKey.set(r.key, r);
    for (const f of options.externalFindings) {
      if (f.status !== 'non-compliant') {
        findings.push(f);
        continue;
      }
      const r = byKey.get(f.resource.key);
      const list = r ? (globalSuppressions.length > 0 ? [...r.suppressions, ...globalSuppressions] : r.suppressions) : globalSuppressions;
      const s = tracker.match(list, f.ruleId, f.findingId, r ?? { key: f.resource.key, constructPath: f.constructPath, file: f.file });
      findings.push(s ? { ...f, status: 'suppressed', suppression: { reason: s.reason, source: s.source } } : f);
    }
  }

  const overrides: CheckReport['overrides'][number][] = [];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    for (let j = 0; j < r.overrides.length; j++) {
      const o = r.overrides[j];
      overrides.push({ resource: findingResource(r), constructPath: r.constructPath, property: o.property, reason: o.reason });
    }
  }

  lastResource = undefined; // no reference kept past the run
  lastIdentity = undefined;
  const records = tracker.records();
  return {
    findings,
    evaluations,
    unusedSuppressions: unusedOf(records),
    expiredSuppressions: records.filter((r) => r.state === 'expired'),
    suppressions: records,
    overrides,
    rules: [...rules.map(ruleInfo), ...(options.externalRules ?? [])],
    resourceCount: resources.length,
    inputs: options.inputs ?? [],
    inputErrors: options.inputErrors ?? [],
    evaluationCount: evaluated,
    decidedRules: [...decided].map((r) => r.id),
  };
}

/** The finding identity of a resource, one object per resource and run (findings only read it). */
let resourceIdentities = new WeakMap<Resource, FindingResource>();

/** The last resource asked about and its identity: the findings of one resource are made one after the other. */
let lastResource: Resource | undefined;
let lastIdentity: FindingResource | undefined;

function resourceIdentityOf(resource: Resource): FindingResource {
  if (resource === lastResource) return lastIdentity!;
  let id = resourceIdentities.get(resource);
  if (!id) resourceIdentities.set(resource, (id = findingResource(resource)));
  lastResource = resource;
  lastIdentity = id;
  return id;
}

function makeFinding(
  rule: Rule,
  resource: Resource,
  x: { status: Finding['status']; findingId: string | undefined; message: string; severity?: Finding['severity']; unverified?: boolean; suppression?: Finding['suppression'] },
): Finding {
  const severity = x.status === 'error' ? 'error' : x.severity ?? rule.severity;
  // two literals rather than a spread: the same keys in the same order, built without copying
  if (x.unverified) {
    return {
      ruleId: rule.id, findingId: x.findingId, title: rule.title, severity, status: x.status, platform: rule.platform, source: 'secure-constructs',
      resource: resourceIdentityOf(resource), constructPath: resource.constructPath, file: resource.file, line: resource.line,
      documentIndex: resource.documentIndex,
      message: x.message, remediation: rule.remediation, controls: rule.controls, unverified: true, suppression: x.suppression,
    };
  }
  return {
    ruleId: rule.id, findingId: x.findingId, title: rule.title, severity, status: x.status, platform: rule.platform, source: 'secure-constructs',
    resource: resourceIdentityOf(resource), constructPath: resource.constructPath, file: resource.file, line: resource.line,
    documentIndex: resource.documentIndex,
    message: x.message, remediation: rule.remediation, controls: rule.controls, suppression: x.suppression,
  };
}
