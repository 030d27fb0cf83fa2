import { IConstruct } from 'constructs';
import { isCdkNagRuleId } from './cdk-nag-packs';
import { Suppression } from './model';
import { ValidationError, isValidReason, MIN_REASON_LENGTH } from '../core/errors';

/** Construct metadata type under which suppressions are recorded (both planes). */
export const SUPPRESSION_METADATA_TYPE = 'secure-constructs:suppression';
/** Key in a CloudFormation resource's `Metadata` that carries suppressions and overrides. */
export const CFN_METADATA_KEY = 'secure-constructs';
/** Kubernetes annotation that carries suppressions: a JSON array of `{ "id": "...", "reason": "..." }`. */
export const K8S_SUPPRESSIONS_ANNOTATION = 'secure-constructs.dev/suppressions';
/** Kubernetes annotation that carries recorded default overrides: a JSON array of `{ "property", "reason" }`. */
export const K8S_OVERRIDES_ANNOTATION = 'secure-constructs.dev/overrides';
/** CDK's metadata type for `Validations.of(x).acknowledge(...)`. */
export const CDK_ACK_METADATA_TYPE = 'aws:cdk:acknowledged-rules';

/** How `AwsCompliance.enable` marks, in CDK's report, a cdk-nag violation the config file suppresses. */
export function configSuppressedMark(reason: string): string {
  return `[suppressed by the config file: ${reason}] `;
}

/** A violation description without that mark. */
export function withoutConfigSuppressedMark(description: string): string {
  return description.startsWith('[suppressed by the config file: ') && description.includes('] ') ? description.slice(description.indexOf('] ') + 2) : description;
}

/**
 * A suppression as declared by a user.
 */
export interface SuppressionProps {
  /** Rule id, optionally narrowed to one finding: `RuleId` or `RuleId[findingId]`. */
  readonly id: string;
  /** Why the finding is acceptable. At least 10 characters. */
  readonly reason: string;
}

/** Parses `RuleId` or `RuleId[findingId]`, dropping a CDK validation namespace (`Plugin::RuleId`). */
export function parseSuppressionId(id: string): { ruleId: string; findingId?: string } {
  let s = id.trim();
  // `Annotation::x` / `secure-constructs::x`: namespace prefixes added by CDK's acknowledge().
  // A finding id may itself contain `::` (e.g. `Action::s3:*`), so only look before a `[`.
  const bracket = s.indexOf('[');
  const ns = (bracket < 0 ? s : s.slice(0, bracket)).lastIndexOf('::');
  if (ns >= 0) s = s.slice(ns + 2);
  const m = /^([^[\]]+)\[(.*)\]$/.exec(s);
  if (m) return { ruleId: m[1], findingId: m[2] };
  return { ruleId: s };
}

/** Formats a rule id and optional finding id as `RuleId[findingId]`. */
export function formatFindingRef(ruleId: string, findingId?: string): string {
  return findingId ? `${ruleId}[${findingId}]` : ruleId;
}

/**
 * Parses a list of `{id, reason}` objects from metadata or an annotation. Invalid entries
 * (no id, reason shorter than 10 characters) are returned in `problems`, never silently accepted.
 */
export function parseSuppressionList(value: unknown, source: string, declaredAt: string): { suppressions: Suppression[]; problems: string[] } {
  const suppressions: Suppression[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { suppressions, problems };
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      problems.push(`${declaredAt}: suppressions ${source} is not valid JSON`);
      return { suppressions, problems };
    }
  }
  if (!Array.isArray(list)) {
    problems.push(`${declaredAt}: suppressions ${source} must be a list of {"id", "reason"}`);
    return { suppressions, problems };
  }
  for (const entry of list) {
    const id = entry && typeof entry === 'object' ? (entry.id ?? entry.rule ?? entry.ruleId) : undefined;
    const reason = entry && typeof entry === 'object' ? entry.reason : undefined;
    if (typeof id !== 'string' || id.trim() === '') {
      problems.push(`${declaredAt}: a suppression in ${source} has no "id"`);
      continue;
    }
    if (!isValidReason(reason)) {
      problems.push(`${declaredAt}: suppression of ${id} in ${source} is ignored: it needs a "reason" of at least ${MIN_REASON_LENGTH} characters besides whitespace and invisible characters (got ${JSON.stringify(reason ?? '')})`);
      continue;
    }
    // where it was declared: a copy written into each object below a cdk8s construct names the construct
    const at = typeof entry.declaredAt === 'string' && entry.declaredAt !== '' ? entry.declaredAt : declaredAt;
    const base = { ...parseSuppressionId(id), reason: String(reason).trim(), source, declaredAt: at };
    // cdk-nag's granular form: `applies_to` narrows the suppression to the listed findings (strings or {regex})
    const appliesTo = entry.applies_to ?? entry.appliesTo;
    if (appliesTo === undefined) {
      suppressions.push(base);
      continue;
    }
    const narrowed = narrowTo(appliesTo, base, `${declaredAt}: suppression of ${id} in ${source}`, problems);
    suppressions.push(...narrowed);
  }
  return { suppressions, problems };
}

/**
 * cdk-nag's `applies_to`: the finding ids a suppression covers, each a string (`Action::s3:*`) or `{regex: '/.../'}`.
 * Anything else is a problem and the entry suppresses nothing (never more than it says).
 */
function narrowTo(appliesTo: unknown, base: Suppression, where: string, problems: string[]): Suppression[] {
  if (!Array.isArray(appliesTo) || appliesTo.length === 0) {
    problems.push(`${where} is ignored: "applies_to" must be a non-empty list of finding ids or {"regex": "/.../"}`);
    return [];
  }
  if (base.findingId !== undefined) {
    problems.push(`${where} is ignored: it names a finding in its id and also has "applies_to"; use one of the two`);
    return [];
  }
  const out: Suppression[] = [];
  for (const a of appliesTo) {
    if (typeof a === 'string' && a !== '') {
      out.push({ ...base, findingId: a });
      continue;
    }
    const rx = a && typeof a === 'object' ? (a as any).regex : undefined;
    const m = typeof rx === 'string' ? /^\/(.*)\/([a-z]*)$/s.exec(rx) : null;
    let ok = false;
    if (m) {
      try {
        new RegExp(m[1]);
        ok = true;
      } catch {
        ok = false;
      }
    }
    if (!m || !ok) {
      problems.push(`${where}: applies_to entry ${JSON.stringify(a)} is ignored: expected a finding id or {"regex": "/pattern/"}`);
      continue;
    }
    out.push({ ...base, findingPattern: m![1] });
  }
  return out;
}

/**
 * Suppressions on the construct tree, one API for both planes (aws-cdk-lib and cdk8s constructs).
 *
 * A suppression added to a construct applies to it and to all its descendants.
 *
 * ```ts
 * Suppressions.of(myBucket).add({ id: 'aws-s3-access-logging', reason: 'This is the access-log bucket itself.' });
 * ```
 */
export class Suppressions {
  /** The suppressions API for a construct. */
  public static of(scope: IConstruct): Suppressions {
    return new Suppressions(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Adds suppressions to this construct and its descendants.
   *
   * On aws-cdk-lib constructs, the suppression is also passed to CDK's
   * `Validations.of(scope).acknowledge()` so that cdk-nag packs and CDK's own report honour it.
   */
  public add(...suppressions: SuppressionProps[]): void {
    const problems: { property: string; problem: string; fix: string }[] = [];
    for (const [i, s] of suppressions.entries()) {
      if (!s || typeof s.id !== 'string' || s.id.trim() === '') {
        problems.push({ property: `suppressions[${i}].id`, problem: 'is empty.', fix: 'Give the rule id, e.g. "aws-kms-key-rotation" or "AwsSolutions-IAM5[Action::s3:*]".' });
      }
      if (!isValidReason(s?.reason)) {
        problems.push({
          property: `suppressions[${i}].reason`,
          problem: `must be at least ${MIN_REASON_LENGTH} characters (got ${JSON.stringify(s?.reason ?? '')}).`,
          fix: 'Explain why the finding is acceptable; the reason appears in the compliance report.',
        });
      }
    }
    if (problems.length > 0) throw new ValidationError(this.scope, problems);
    for (const s of suppressions) {
      this.scope.node.addMetadata(SUPPRESSION_METADATA_TYPE, { id: s.id.trim(), reason: s.reason.trim() });
      acknowledgeInCdk(this.scope, s);
    }
    writeIntoCdk8sManifests(this.scope);
  }

  /** The suppressions declared directly on this construct (not inherited). */
  public get declared(): SuppressionProps[] {
    return declaredOn(this.scope);
  }
}

/** Suppressions declared directly on one construct. */
export function declaredOn(scope: IConstruct): SuppressionProps[] {
  return scope.node.metadata.filter((m) => m.type === SUPPRESSION_METADATA_TYPE).map((m) => m.data as SuppressionProps);
}

/** Suppressions that apply to a construct: its own and all its ancestors'. */
export function inheritedSuppressions(scope: IConstruct, source = 'construct'): Suppression[] {
  const out: Suppression[] = [];
  for (const c of scope.node.scopes) {
    for (const s of declaredOn(c)) out.push({ ...parseSuppressionId(s.id), reason: s.reason, source, declaredAt: c.node.path || '(app)' });
  }
  return out;
}

/** cdk8s Apps that already render suppressions into their manifests. */
const cdk8sApps = new WeakSet<object>();

/** The parts of cdk8s's `ResolutionContext` that the resolver uses (declared here so cdk8s stays optional). */
interface Cdk8sResolutionContext {
  readonly obj: IConstruct;
  readonly key: readonly string[];
  readonly value: any;
  replaceValue(value: any): void;
}

/**
 * cdk8s: writes the suppressions of the construct tree (the object's and its ancestors') into the
 * `secure-constructs.dev/suppressions` annotation of every ApiObject when it is rendered (`ApiObject.toJson()`,
 * which `app.synth()`, `chart.toJson()`, `Testing.synth()` and cdk8s-cli all use). Registered once per App as a
 * cdk8s resolver, so it covers objects created before or after the suppression, with or without
 * `K8sCompliance.enable`. Entries already in the annotation (same id and reason) are not repeated; an annotation
 * that is not a JSON list is left alone (the checker reports it).
 */
class SuppressionAnnotationResolver {
  private readonly produced = new WeakSet<object>();

  public resolve(context: Cdk8sResolutionContext): void {
    if (context.key.length !== 0) return; // only the whole object
    const value = context.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value) || this.produced.has(value)) return;
    const tree = inheritedSuppressions(context.obj);
    if (tree.length === 0) return;
    const metadata = value.metadata !== null && typeof value.metadata === 'object' ? value.metadata : {};
    const annotations: Record<string, unknown> = { ...(metadata.annotations ?? {}) };
    let list: unknown[] = [];
    const current = annotations[K8S_SUPPRESSIONS_ANNOTATION];
    if (current !== undefined) {
      try {
        const parsed = typeof current === 'string' ? JSON.parse(current) : undefined;
        if (!Array.isArray(parsed)) return;
        list = parsed;
      } catch {
        return;
      }
    }
    for (const s of tree) {
      const id = formatFindingRef(s.ruleId, s.findingId);
      // the construct that declared it: a declaration is reported once however many objects carry a copy
      if (!list.some((e: any) => e && e.id === id && e.reason === s.reason)) list.push({ id, reason: s.reason, declaredAt: s.declaredAt });
    }
    annotations[K8S_SUPPRESSIONS_ANNOTATION] = JSON.stringify(list);
    const next = { ...value, metadata: { ...metadata, annotations } };
    this.produced.add(next);
    context.replaceValue(next);
  }
}

function writeIntoCdk8sManifests(scope: IConstruct): void {
  const root = scope.node.root as any;
  if (cdk8sApps.has(root) || !Array.isArray(root?.resolvers)) return;
  let cdk8s: typeof import('cdk8s') | undefined;
  try {
    cdk8s = require('cdk8s');
  } catch {
    cdk8s = undefined;
  }
  // a cdk8s App (also one loaded from another copy of cdk8s, e.g. by cdk8s-cli)
  const isApp = (cdk8s !== undefined && root instanceof cdk8s.App) || (typeof root.synthYaml === 'function' && typeof root.synth === 'function');
  if (!isApp) return;
  cdk8sApps.add(root);
  root.resolvers.push(new SuppressionAnnotationResolver());
}

/** Stages (an App, a Stage) whose suppressions are copied onto their stacks at synth. */
/** For each Stage, the stages (itself or its ancestors) whose suppressions are already copied onto its stacks. */
const stagesWithSuppressions = new WeakMap<object, Set<IConstruct>>();

function acknowledgeInCdk(scope: IConstruct, s: SuppressionProps): void {
  // Only aws-cdk-lib constructs live inside a Stage; resolve lazily so cdk8s-only users need not load aws-cdk-lib.
  let cdk: typeof import('aws-cdk-lib') | undefined;
  try {
    cdk = require('aws-cdk-lib');
  } catch {
    return;
  }
  if (!cdk) return;
  const isStage = cdk.Stage.isStage(scope);
  if (!isStage && !cdk.Stage.of(scope)) return;
  cdk.Validations.of(scope).acknowledge({ id: s.id.trim(), reason: s.reason.trim() });
  if (isStage) copyOntoStacks(cdk, scope);
}

/**
 * An App's or a Stage's own metadata is not in the cloud assembly (only stacks' are): at synth, its suppressions are
 * copied onto each of its stacks, naming the stage as where they were declared, so `check cdk.out` and the
 * synth-time check apply them to every resource and report each declaration once. CDK synthesizes each nested Stage
 * on its own (with only that stage's Aspects, before the parent's run), so the copy is attached to every Stage below
 * the declaring one that exists when the suppression is declared; a Stage created after the declaration does not
 * inherit it (documented: declare app-wide suppressions after creating the stages, or on the stage).
 */
function copyOntoStacks(cdk: typeof import('aws-cdk-lib'), stage: IConstruct): void {
  const declaredAt = stage.node.path || '(app)';
  for (const target of [stage, ...nestedStages(cdk, stage)]) {
    let from = stagesWithSuppressions.get(target);
    if (!from) stagesWithSuppressions.set(target, (from = new Set()));
    if (from.has(stage)) continue;
    from.add(stage);
    cdk.Aspects.of(target).add({
      visit(node: IConstruct) {
        if (!cdk.Stack.isStack(node) || node.nestedStackParent || cdk.Stage.of(node) !== target) return;
        for (const d of declaredOn(stage)) node.node.addMetadata(SUPPRESSION_METADATA_TYPE, { id: d.id, reason: d.reason, declaredAt });
      },
    });
  }
}

/** Every Stage below a construct (at any depth, through other Stages). */
function nestedStages(cdk: typeof import('aws-cdk-lib'), scope: IConstruct): IConstruct[] {
  return scope.node.findAll().filter((c) => c !== scope && cdk.Stage.isStage(c));
}

/**
 * Rule ids of other checkers (cdk-nag packs, the Control Tower guard rules, CDK's CloudFormation
 * validator). Those checkers drop the findings they see suppressed, so a run cannot tell whether such a
 * suppression was used; it is never reported as unused. Any other id that matches nothing is.
 */
const OTHER_CHECKER_RULE_ID = /^[a-z0-9]+(_[a-z0-9]+)*_check$|^CT\.[A-Z0-9]+\.|^CloudFormation-Validate|^[EFIW]\d{4}$/;

export function isExternalRuleId(ruleId: string): boolean {
  return isCdkNagRuleId(ruleId) || OTHER_CHECKER_RULE_ID.test(ruleId);
}
