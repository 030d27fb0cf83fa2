/**
 * The one compliance model shared by both planes (AWS CloudFormation and Kubernetes).
 *
 * A rule is a value: metadata next to its logic. The engine dispatches each rule only to the
 * resource types it declares and turns rule results into findings of one shape.
 */

import type { CfnScope } from './values/cfn-resolve';

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** Rank of a severity: higher is worse. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Which plane a rule or resource belongs to. */
export type Platform = 'aws' | 'k8s';

/**
 * A resource as the engine sees it: one CloudFormation resource or one Kubernetes object.
 */
export interface Resource {
  readonly platform: Platform;
  /** CloudFormation type (`AWS::KMS::Key`) or Kubernetes kind (`Deployment`). Rules dispatch on this. */
  readonly type: string;
  /** A stable identity, unique within a run: `stack/logicalId` or `kind/namespace/name`. */
  readonly key: string;
  /** Display name: the logical id, or `namespace/name`. */
  readonly name: string;
  /** AWS: the logical id. */
  readonly logicalId?: string;
  /** AWS: the stack (template name without `.template.json`). */
  readonly stack?: string;
  /** Kubernetes: apiVersion, namespace and name. */
  readonly apiVersion?: string;
  readonly namespace?: string;
  readonly objectName?: string;
  /** The construct path where known (aws:cdk:path metadata or the cdk8s tree). */
  readonly constructPath?: string;
  /** Source file, and 1-based line of the resource where it could be found. */
  readonly file?: string;
  readonly line?: number;
  /** Kubernetes: 0-based position of the document in a multi-document file (and in a `List`). */
  readonly documentIndex?: number;
  /** The raw object: the whole CloudFormation resource entry (`{Type, Properties, Metadata}`) or the Kubernetes object. */
  readonly body: any;
  /**
   * Extra dispatch keys besides `type`, written `@name` (e.g. `@pod-template` for any object that carries a pod
   * template, `@unchecked` for a resource the loader could not expand). A rule whose `appliesTo` lists a trait
   * runs on every resource that has it; a rule runs at most once per resource.
   */
  readonly traits?: readonly string[];
  /** Why the resource could not be checked (with the trait `@unchecked`): e.g. a nested stack template that is not available. */
  readonly uncheckedReason?: string;
  /**
   * Kubernetes: the key of the CloudFormation resource that applies this object to a cluster (an object embedded in
   * an EKS manifest custom resource), when it was read out of a template.
   */
  readonly embeddedIn?: string;
  /** AWS: the template the resource belongs to, for value resolution (parameters, mappings, conditions, parent stack). */
  readonly template?: CfnScope;
  /** Suppressions carried by the resource itself (template Metadata / object annotation / construct tree). */
  readonly suppressions: readonly Suppression[];
  /** Secure defaults that were weakened on purpose, with their reasons (recorded by our constructs). */
  readonly overrides: readonly DefaultOverride[];
}

/** A recorded, justified weakening of a secure default. */
export interface DefaultOverride {
  /** The construct property that was weakened, e.g. `rotation`. */
  readonly property: string;
  /** Why. */
  readonly reason: string;
}

/**
 * A suppression: rule id (optionally narrowed to one finding id) plus a reason of at least 10 characters.
 * `id` is written `RuleId` or `RuleId[findingId]` (the cdk-nag convention).
 */
export interface Suppression {
  readonly ruleId: string;
  readonly findingId?: string;
  readonly reason: string;
  /** Where it was declared: `metadata`, `annotation`, `construct`, `acknowledge` or `override`. */
  readonly source: string;
  /** Construct path or resource key where it was declared (for reporting unused ones). */
  readonly declaredAt?: string;
  /**
   * cdk-nag's `applies_to` with `{regex: '/.../'}`: the finding ids it covers, as a regular expression source
   * (with `findingId` unset). A suppression with neither covers every finding of the rule.
   */
  readonly findingPattern?: string;
  /**
   * Config file: the resources it applies to, as globs matched against the resource key (`Pod/ns/name`,
   * `Stack/LogicalId`), the construct path or the file. None: the resource that carries it (or every resource).
   */
  readonly resources?: readonly string[];
  /** Config file: the last day (YYYY-MM-DD, UTC) on which it suppresses. */
  readonly expires?: string;
  /** Config file: the file and line it was declared on. */
  readonly file?: string;
  readonly line?: number;
}

/** What became of one declared suppression in a run. */
export type SuppressionState = 'used' | 'unused' | 'expired' | 'not-judged';

/**
 * Every suppression of a run, ours or another checker's, with its reason and what it did: `used` (it suppressed at
 * least one finding), `unused` (it matched nothing: remove it), `expired` (its `expires` date has passed: it no
 * longer suppresses), `not-judged` (a rule this run did not evaluate, or another checker's rule whose suppressed
 * findings that checker drops, so a run cannot tell).
 */
export interface SuppressionRecord {
  /** `RuleId` or `RuleId[findingId]`. */
  readonly id: string;
  readonly reason: string;
  readonly source: string;
  readonly declaredAt?: string;
  readonly state: SuppressionState;
  /** How many findings it suppressed. */
  readonly suppressed: number;
  readonly expires?: string;
  readonly resources?: readonly string[];
  readonly file?: string;
  readonly line?: number;
}

/** One finding inside a non-compliant result. */
export interface RuleFinding {
  /** Sub-identifier of the finding, e.g. `Action::s3:*` or `container:app`. */
  readonly id?: string;
  /** Specific message; defaults to the rule's description. */
  readonly message?: string;
  /** Severity of this finding when it differs from the rule's (e.g. `warning` for a value that cannot be verified). */
  readonly severity?: Severity;
  /**
   * The rule could not decide: a security-relevant value is unknown before deployment (an `Fn::ImportValue`, a
   * `Fn::GetAtt` of another resource, a dynamic `Fn::Sub`...). Never compliant: reported as a "cannot verify" finding.
   */
  readonly unverified?: boolean;
}

/** A "cannot verify" finding: the value is unknown before deployment, so the rule cannot say it is compliant. */
export function cannotVerify(id: string | undefined, message: string): RuleFinding {
  return { id, message: `Cannot verify: ${message}`, severity: 'warning', unverified: true };
}

/** The result of evaluating one rule against one resource. */
export type RuleResult =
  | { readonly outcome: 'compliant' }
  | { readonly outcome: 'not-applicable' }
  | { readonly outcome: 'non-compliant'; readonly findings: readonly RuleFinding[] };

export const COMPLIANT: RuleResult = { outcome: 'compliant' };
export const NOT_APPLICABLE: RuleResult = { outcome: 'not-applicable' };
/** Non-compliant with the given findings; with no findings, one finding without id. */
export function nonCompliant(...findings: RuleFinding[]): RuleResult {
  return { outcome: 'non-compliant', findings: findings.length > 0 ? findings : [{}] };
}
/** Compliant if `findings` is empty, otherwise non-compliant with them. */
export function fromFindings(findings: RuleFinding[]): RuleResult {
  return findings.length === 0 ? COMPLIANT : { outcome: 'non-compliant', findings };
}

/**
 * What a rule can see besides its resource: an index of every resource in the run, built once.
 * Lookups are O(1) so that rules stay linear in the number of resources.
 */
export interface RuleContext {
  /** All resources of a type (in this run, all stacks/files). */
  ofType(type: string): readonly Resource[];
  /** AWS: resource by stack and logical id. */
  byLogicalId(stack: string | undefined, logicalId: string): Resource | undefined;
  /** Per-run memo for derived indexes (computed once per run, keyed by name). */
  memo<T>(key: string, compute: () => T): T;
  /**
   * The settings a user gave a rule (config file `options`, CLI flags, synth-time props), or `undefined` when none
   * were given. A rule that has settings documents them in its description and validates what it reads.
   */
  optionsFor(ruleId: string): Readonly<Record<string, unknown>> | undefined;
}

/** A compliance rule: metadata next to its logic. */
export interface Rule {
  /** Stable id, e.g. `aws-kms-key-policy-least-privilege`. Never reused. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly platform: Platform;
  /** Resource types (CloudFormation types or Kubernetes kinds) the rule applies to. The engine dispatches on these. */
  readonly appliesTo: readonly string[];
  /** Framework controls the rule evidences, `FRAMEWORK:control`, e.g. `NIST-800-53-R5:SC-28`, `PSS:restricted`. */
  readonly controls: readonly string[];
  /** How to fix a finding. */
  readonly remediation: string;
  /** Optional documentation link. */
  readonly helpUri?: string;
  /**
   * The settings the rule reads through `context.optionsFor(id)`, by key, each with a one-line description. The
   * config file's `options.<id>` may only set these (a key the rule does not read would be silently ignored).
   */
  readonly options?: Readonly<Record<string, string>>;
  /** Evaluate one resource. May throw: the engine records that as an `error` finding. */
  evaluate(resource: Resource, context: RuleContext): RuleResult;
}

/** Status of a finding. */
export type FindingStatus = 'non-compliant' | 'suppressed' | 'error';

/** A finding: one shape for both planes. */
export interface Finding {
  readonly ruleId: string;
  readonly findingId?: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: FindingStatus;
  readonly platform: Platform;
  /** Which checker produced it: `secure-constructs` or a cdk-nag pack name. */
  readonly source: string;
  readonly resource: FindingResource;
  readonly constructPath?: string;
  readonly file?: string;
  readonly line?: number;
  readonly documentIndex?: number;
  readonly message: string;
  readonly remediation: string;
  readonly controls: readonly string[];
  /** True for a "cannot verify" finding: the rule could not decide because a value is unknown before deployment. */
  readonly unverified?: boolean;
  /** Present when status is `suppressed`. */
  readonly suppression?: { readonly reason: string; readonly source: string };
  /**
   * Set on every finding when the run was judged against a baseline (`--baseline`): `unchanged` when the baseline
   * holds its fingerprint (an open one is then suppressed with the source `baseline`), `new` otherwise.
   */
  readonly baselineState?: BaselineState;
}

/** A finding's state against a baseline (the SARIF `baselineState` values a finding can have). */
export type BaselineState = 'new' | 'unchanged';

/** One accepted finding in a baseline file. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** The resource key: `stack/logicalId` (AWS) or `group/Kind/namespace/name` (Kubernetes). */
  readonly resource: string;
  readonly findingId?: string;
}

/** What judging a run against a baseline found (CheckReport.baseline). */
export interface BaselineSummary {
  /** The baseline file, as given. */
  readonly file: string;
  /** Entries in the baseline. */
  readonly entries: number;
  /** Open (non-compliant or error) findings the baseline does not hold: the only ones that can fail the run. */
  readonly new: number;
  /** Open findings the baseline holds: reported as suppressed, with the source `baseline`. */
  readonly accepted: number;
  /**
   * Entries of rules that ran which match no open finding any more (fixed, suppressed otherwise, or their resource
   * removed), sorted: `--update-baseline` drops them. Entries of rules the run did not run (`--framework`, `--pack`)
   * are neither fixed nor dropped.
   */
  readonly fixed: readonly BaselineEntry[];
}

/** Identity of the resource a finding is about. */
export interface FindingResource {
  readonly type: string;
  readonly key: string;
  readonly name: string;
  readonly logicalId?: string;
  readonly stack?: string;
  readonly apiVersion?: string;
  readonly namespace?: string;
  readonly objectName?: string;
}

/** One evaluated (rule, resource) pair, kept for reports that list passes too (JUnit). */
export interface Evaluation {
  readonly ruleId: string;
  readonly resourceKey: string;
  readonly outcome: 'compliant' | 'not-applicable' | 'non-compliant' | 'suppressed' | 'error';
  /** Source file of the resource (template or manifest), where known. */
  readonly file?: string;
  /** AWS: the stack of the resource. */
  readonly stack?: string;
  readonly platform?: Platform;
}

/** A suppression that matched nothing in the run. */
export interface UnusedSuppression {
  readonly id: string;
  readonly reason: string;
  readonly source: string;
  readonly declaredAt?: string;
}

/**
 * An input that could not be read as the cloud or kubectl would read it (a bad document, a template CloudFormation
 * would refuse...). The run still checks everything else, and then exits 2.
 */
export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Everything one run produced. */
export interface CheckReport {
  readonly findings: Finding[];
  readonly evaluations: Evaluation[];
  readonly unusedSuppressions: UnusedSuppression[];
  /** Config-file suppressions whose `expires` date has passed: they no longer suppress (listed so they get renewed or removed). */
  readonly expiredSuppressions?: SuppressionRecord[];
  /** Every declared suppression with its reason and state (used, unused, expired, not judged). */
  readonly suppressions?: SuppressionRecord[];
  /** Recorded weakenings of secure defaults, per resource. */
  readonly overrides: { readonly resource: FindingResource; readonly constructPath?: string; readonly property: string; readonly reason: string }[];
  /** Rules that ran (after pack selection). */
  readonly rules: readonly RuleInfo[];
  readonly resourceCount: number;
  readonly inputs: string[];
  /** Inputs that could not be read (the run is an input error, exit 2, even though the rest was checked). */
  readonly inputErrors?: readonly InputProblem[];
  /**
   * How many (rule, resource) pairs were evaluated, when `evaluations` was not recorded in full (the engine records
   * each pair only when a reporter needs them, e.g. JUnit); otherwise `evaluations.length`.
   */
  readonly evaluationCount?: number;
  /** Ids of the rules that decided at least one pair (an outcome other than not-applicable), recorded or not. */
  readonly decidedRules?: readonly string[];
  /**
   * Present when the run was judged against a baseline (`withBaseline`, the one step that applies it): every
   * finding then carries its `baselineState`, and the findings the baseline accepts are suppressed.
   */
  readonly baseline?: BaselineSummary;
}

/** The number of evaluated (rule, resource) pairs of a report. */
export function evaluationCount(report: CheckReport): number {
  return report.evaluationCount ?? report.evaluations.length;
}

/** Rule metadata without its logic (what reports need): the fields of a Rule, and which checker it belongs to. */
export interface RuleInfo extends Omit<Rule, 'evaluate' | 'options'> {
  /** The checker of an external rule (cdk-nag, CDK's validators); our own rules have none. */
  readonly source?: string;
}

export function ruleInfo(rule: Rule | RuleInfo): RuleInfo {
  return {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    platform: rule.platform,
    appliesTo: rule.appliesTo,
    controls: rule.controls,
    remediation: rule.remediation,
    helpUri: rule.helpUri,
    source: (rule as RuleInfo).source,
  };
}
