/**
 * Audit evidence of a run (`--evidence DIR`): per framework, each control, the rules that evidence it and the outcome
 * of every resource those rules evaluated, with the run's metadata. Shape: docs/evidence.schema.json.
 */
import { FRAMEWORKS, Framework, controlPrefix } from '../../frameworks';
import { CheckReport, Finding, Platform, Resource, RuleInfo, evaluationCount } from '../../model';
import { compareControls } from '../group';
import { FailOn, Summary, summarize } from '../summary';
import { InputDigest } from './inputs';

export const EVIDENCE_SCHEMA_VERSION = 1;

/** Outcome of a resource for a control (or for one rule of it). */
export type EvidenceOutcome = 'compliant' | 'non-compliant' | 'suppressed' | 'error' | 'not-evaluated';
export const EVIDENCE_OUTCOMES: readonly EvidenceOutcome[] = ['compliant', 'non-compliant', 'suppressed', 'error', 'not-evaluated'];
/** Worst first: a resource's outcome for a control is the worst outcome of its rules. */
const RANK: Record<EvidenceOutcome, number> = { 'error': 4, 'non-compliant': 3, 'suppressed': 2, 'compliant': 1, 'not-evaluated': 0 };

/** Metadata of the run, in every evidence file. */
export interface EvidenceRun {
  readonly tool: { readonly name: 'secure-constructs'; readonly version: string };
  /** ISO 8601 time of the run. */
  readonly generatedAt: string;
  /** How the run was started: `cli` (secure-constructs check) or `synth` (AwsCompliance / K8sCompliance). */
  readonly entryPoint: 'cli' | 'synth';
  readonly inputs: readonly InputDigest[];
  /** Packs selected (`--pack`); empty: the default packs. */
  readonly packs: readonly string[];
  readonly framework: string | null;
  /** The run's configuration (fail-on, unverified severity, baseline, synth-time props...). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly summary: Summary;
  /** Inputs that could not be read: the run is incomplete (exit 2), whatever the controls say. */
  readonly inputErrors: readonly { readonly file: string; readonly line: number | null; readonly message: string }[];
}

export interface EvidenceFinding {
  readonly findingId: string | null;
  readonly status: string;
  readonly severity: string;
  readonly message: string;
  readonly suppression: { readonly reason: string; readonly source: string } | null;
}

export interface EvidenceRuleOutcome {
  readonly ruleId: string;
  readonly source: string;
  readonly outcome: EvidenceOutcome;
  readonly findings: readonly EvidenceFinding[];
}

export interface EvidenceResource {
  readonly key: string;
  readonly type: string | null;
  readonly name: string | null;
  readonly platform: Platform | null;
  readonly file: string | null;
  readonly line: number | null;
  readonly constructPath: string | null;
  readonly outcome: EvidenceOutcome;
  readonly rules: readonly EvidenceRuleOutcome[];
}

export interface EvidenceRule {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly severity: string;
  readonly platform: Platform;
  /**
   * Every evaluation of the rule is known (so a resource it does not list was not in its scope). False for cdk-nag
   * results read from CDK's validation report: only their violations are known.
   */
  readonly evaluationsRecorded: boolean;
  /** Resources the rule decided (compliant, non-compliant, suppressed or error). */
  readonly resourcesEvaluated: number;
}

export type OutcomeCounts = Record<EvidenceOutcome, number>;

export interface EvidenceControl {
  /** The control within the framework, e.g. `SC-28`. */
  readonly control: string;
  /** As rules write it, e.g. `NIST-800-53-R5:SC-28`. */
  readonly id: string;
  /** failing: a resource is non-compliant or errored; passing: checked, none failing; not-checked: no resource decided. */
  readonly status: 'failing' | 'passing' | 'not-checked';
  readonly rules: readonly EvidenceRule[];
  /** Resources per outcome. */
  readonly counts: OutcomeCounts;
  readonly resources: readonly EvidenceResource[];
}

/** The evidence of one framework. */
export interface FrameworkEvidence {
  readonly schemaVersion: number;
  readonly kind: 'secure-constructs-evidence';
  readonly framework: { readonly id: string; readonly title: string; readonly prefixes: readonly string[] };
  readonly run: EvidenceRun;
  readonly totals: { readonly controls: number; readonly failing: number; readonly passing: number; readonly notChecked: number };
  readonly controls: readonly EvidenceControl[];
}

export interface EvidenceOptions {
  readonly toolVersion: string;
  readonly failOn: FailOn;
  readonly inputs: readonly InputDigest[];
  readonly entryPoint?: 'cli' | 'synth';
  readonly packs?: readonly string[];
  readonly framework?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** The run's resources (type, name, file, line and construct path of compliant resources). */
  readonly resources?: readonly Resource[];
  readonly generatedAt?: Date;
  /** Frameworks to write (default: every framework of the catalogue). */
  readonly frameworks?: readonly Framework[];
}

function zeroCounts(): OutcomeCounts {
  return { 'compliant': 0, 'non-compliant': 0, 'suppressed': 0, 'error': 0, 'not-evaluated': 0 };
}

const ruleKey = (source: string | undefined, id: string) => `${source ?? 'secure-constructs'}\u0000${id}`;

/** Outcome of a (rule, resource) pair from its findings (they win over the evaluation: a baseline suppresses). */
function fromFindings(findings: readonly Finding[]): EvidenceOutcome {
  if (findings.some((f) => f.status === 'error')) return 'error';
  if (findings.some((f) => f.status !== 'suppressed')) return 'non-compliant';
  return 'suppressed';
}

/**
 * The evidence of a run, one entry per framework. The report must hold every evaluation (`recordEvaluations`):
 * evidence of compliance cannot be made from counts.
 */
export function buildEvidence(report: CheckReport, opts: EvidenceOptions): FrameworkEvidence[] {
  if (evaluationCount(report) !== report.evaluations.length) {
    throw new Error('evidence needs every (rule, resource) evaluation of the run: check with recordEvaluations: true');
  }
  const resources = new Map<string, Resource>();
  for (const r of opts.resources ?? []) if (!resources.has(r.key)) resources.set(r.key, r);

  // (rule, resource) pairs: outcome and findings
  interface Pair { ruleKey: string; resourceKey: string; outcome: EvidenceOutcome; findings: Finding[]; file?: string; platform?: Platform }
  const pairs = new Map<string, Pair>();
  const pairsOfRule = new Map<string, Pair[]>();
  const withEvaluations = new Set<string>();
  const pair = (rk: string, resourceKey: string): Pair => {
    const k = `${rk}\u0000${resourceKey}`;
    let p = pairs.get(k);
    if (!p) {
      pairs.set(k, (p = { ruleKey: rk, resourceKey, outcome: 'not-evaluated', findings: [] }));
      let list = pairsOfRule.get(rk);
      if (!list) pairsOfRule.set(rk, (list = []));
      list.push(p);
    }
    return p;
  };
  const sourceById = new Map<string, string>();
  for (const r of report.rules) if (!sourceById.has(r.id)) sourceById.set(r.id, r.source ?? 'secure-constructs');
  for (const e of report.evaluations) {
    const rk = ruleKey(sourceById.get(e.ruleId), e.ruleId);
    withEvaluations.add(rk);
    const p = pair(rk, e.resourceKey);
    p.file ??= e.file;
    p.platform ??= e.platform;
    const o: EvidenceOutcome = e.outcome === 'not-applicable' ? 'not-evaluated' : e.outcome;
    if (RANK[o] > RANK[p.outcome]) p.outcome = o;
  }
  const findingResources = new Map<string, { f: Finding }>();
  for (const f of report.findings) {
    const p = pair(ruleKey(f.source, f.ruleId), f.resource.key);
    p.findings.push(f);
    if (!findingResources.has(f.resource.key)) findingResources.set(f.resource.key, { f });
  }
  for (const p of pairs.values()) if (p.findings.length > 0) p.outcome = fromFindings(p.findings);

  // rules by key (report rules, and rules only known from findings)
  const rules = new Map<string, RuleInfo>();
  for (const r of report.rules) rules.set(ruleKey(r.source, r.id), r);
  for (const f of report.findings) {
    const k = ruleKey(f.source, f.ruleId);
    if (!rules.has(k)) {
      rules.set(k, {
        id: f.ruleId, title: f.title, description: f.message, severity: f.severity, platform: f.platform,
        appliesTo: [], controls: f.controls, remediation: f.remediation, source: f.source,
      });
    }
  }
  const recordedSources = new Set<string>();
  for (const k of withEvaluations) recordedSources.add(k.slice(0, k.indexOf('\u0000')));

  const resourceOf = (key: string, p: Pair[]): Omit<EvidenceResource, 'outcome' | 'rules'> => {
    const r = resources.get(key);
    if (r) {
      return {
        key, type: r.type, name: r.name, platform: r.platform,
        file: r.file ?? null, line: r.line ?? null, constructPath: r.constructPath ?? null,
      };
    }
    const f = findingResources.get(key)?.f;
    if (f) {
      return {
        key, type: f.resource.type, name: f.resource.name, platform: f.platform,
        file: f.file ?? null, line: f.line ?? null, constructPath: f.constructPath ?? null,
      };
    }
    const e = p.find((x) => x.file || x.platform);
    return { key, type: null, name: null, platform: e?.platform ?? null, file: e?.file ?? null, line: null, constructPath: null };
  };

  const run: EvidenceRun = {
    tool: { name: 'secure-constructs', version: opts.toolVersion },
    generatedAt: (opts.generatedAt ?? new Date()).toISOString(),
    entryPoint: opts.entryPoint ?? 'cli',
    inputs: opts.inputs,
    packs: [...(opts.packs ?? [])],
    framework: opts.framework ?? null,
    options: { failOn: opts.failOn, ...(opts.options ?? {}) },
    summary: summarize(report, opts.failOn),
    inputErrors: (report.inputErrors ?? []).map((e) => ({ file: e.file, line: e.line ?? null, message: e.message })),
  };

  return (opts.frameworks ?? FRAMEWORKS).map((framework): FrameworkEvidence => {
    const inFw = (c: string) => framework.prefixes.includes(controlPrefix(c));
    const controlRules = new Map<string, Set<string>>();
    const add = (c: string, rk: string) => {
      let s = controlRules.get(c);
      if (!s) controlRules.set(c, (s = new Set()));
      s.add(rk);
    };
    for (const [rk, r] of rules) for (const c of r.controls) if (inFw(c)) add(c, rk);
    for (const f of report.findings) for (const c of f.controls) if (inFw(c)) add(c, ruleKey(f.source, f.ruleId));

    const controls = [...controlRules.entries()].sort(([a], [b]) => compareControls(a, b)).map(([id, rks]): EvidenceControl => {
      const byResource = new Map<string, Pair[]>();
      const evRules: EvidenceRule[] = [];
      for (const rk of rks) {
        const r = rules.get(rk)!;
        const ps = pairsOfRule.get(rk) ?? [];
        for (const p of ps) {
          let list = byResource.get(p.resourceKey);
          if (!list) byResource.set(p.resourceKey, (list = []));
          list.push(p);
        }
        const source = r.source ?? 'secure-constructs';
        evRules.push({
          id: r.id, source, title: r.title, severity: r.severity, platform: r.platform,
          evaluationsRecorded: source === 'secure-constructs' || withEvaluations.has(rk) || recordedSources.has(source),
          resourcesEvaluated: ps.filter((p) => p.outcome !== 'not-evaluated').length,
        });
      }
      const counts = zeroCounts();
      const evResources = [...byResource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, ps]): EvidenceResource => {
        let outcome: EvidenceOutcome = 'not-evaluated';
        for (const p of ps) if (RANK[p.outcome] > RANK[outcome]) outcome = p.outcome;
        counts[outcome]++;
        return {
          ...resourceOf(key, ps),
          outcome,
          rules: ps.map((p) => ({
            ruleId: rules.get(p.ruleKey)!.id,
            source: rules.get(p.ruleKey)!.source ?? 'secure-constructs',
            outcome: p.outcome,
            findings: p.findings.map((f) => ({
              findingId: f.findingId ?? null, status: f.status, severity: f.severity, message: f.message,
              suppression: f.suppression ? { reason: f.suppression.reason, source: f.suppression.source } : null,
            })),
          })),
        };
      });
      const failing = counts['non-compliant'] + counts.error > 0;
      const checked = failing || counts.compliant + counts.suppressed > 0;
      const i = id.indexOf(':');
      return {
        control: i < 0 ? id : id.slice(i + 1),
        id,
        status: failing ? 'failing' : checked ? 'passing' : 'not-checked',
        rules: evRules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        counts,
        resources: evResources,
      };
    });
    return {
      schemaVersion: EVIDENCE_SCHEMA_VERSION,
      kind: 'secure-constructs-evidence',
      framework: { id: framework.id, title: framework.title, prefixes: [...framework.prefixes] },
      run,
      totals: {
        controls: controls.length,
        failing: controls.filter((c) => c.status === 'failing').length,
        passing: controls.filter((c) => c.status === 'passing').length,
        notChecked: controls.filter((c) => c.status === 'not-checked').length,
      },
      controls,
    };
  });
}
