/**
 * Readers for IAM policy documents as CloudFormation holds them (identity policies, trust policies, key policies,
 * bucket and secret resource policies), on top of the value-resolution layer: a document may be an object or a JSON
 * string, and any part of it may be an intrinsic. Every possible statement is read, with how it arises.
 *
 * IAM semantics implemented here: `*` and `?` are wildcards in actions and resources (actions case-insensitive);
 * `NotAction` / `NotResource` / `NotPrincipal` with Allow are as broad as they look; a wildcard principal is narrowed
 * only by conditions that bind the caller (see `bindsCaller`).
 */
import { Resource, RuleContext, RuleFinding } from '../../../model';
import { ABSENT, Alt, Choice, containsUnknown, display, expand, hasTokens, isChoiceful, literalText, referencedResource, shape, tokenKind } from '../../../values/cfn-resolve';
import { Findings, ResourceValues, Verdict, valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/** One normalized policy statement (one alternative of a statement). */
export interface Statement {
  /** 0-based position in the document. */
  readonly index: number;
  readonly sid?: string;
  /** `Allow` or `Deny`; anything else (an invalid or unknown effect) is read as Allow, which fails closed. */
  readonly effect: 'Allow' | 'Deny';
  /** Whether the effect was not literally `Allow` or `Deny`. */
  readonly effectUnknown: boolean;
  /** `Action` (lower-cased), empty when the statement uses NotAction. */
  readonly actions: string[];
  readonly notActions: string[];
  /** Whether the statement uses NotAction. */
  readonly hasNotAction: boolean;
  /** `Resource` values (resolved strings, possibly with tokens). */
  readonly resources: unknown[];
  readonly notResources: unknown[];
  readonly hasNotResource: boolean;
  /** Principals by kind (`AWS`, `Service`, `Federated`, `CanonicalUser`); `"*"` is `{ AWS: ["*"] }`. */
  readonly principals: Record<string, unknown[]>;
  readonly notPrincipal: boolean;
  /** `Condition`, `{}` when absent. */
  readonly conditions: Record<string, Record<string, unknown>>;
  /** Whether the Condition block (or part of it) is not known before deployment. */
  readonly conditionsUnknown: boolean;
  /** How this alternative arises (parameters, conditions...). */
  readonly via: readonly string[];
}

/** One statement of a document with all its alternatives. */
export interface PossibleStatement {
  readonly index: number;
  readonly alts: readonly Statement[];
  /** Whether the statement may be absent (an `Fn::If` with `AWS::NoValue`, or a document alternative without it). */
  readonly optional: boolean;
}

/** One alternative of a policy document. */
export interface PolicyDocument {
  readonly statements: readonly PossibleStatement[];
  readonly via: readonly string[];
  /** Why the document cannot be read (not JSON, no Statement...); a document that cannot be read has no statements. */
  readonly problem?: string;
  /** Whether the problem is that the text is unknown before deployment (then "cannot verify", not "invalid"). */
  readonly unknown?: boolean;
}

/** Action names of a statement as strings (lower-cased): a non-string entry is shown as it is. */
function actionNames(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v.toLowerCase()];
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    out[i] = (typeof x === 'string' ? x : display(x)).toLowerCase();
  }
  return out;
}

function normalize(raw: unknown, index: number, via: readonly string[]): Statement | undefined {
  const st = obj(raw);
  if (!st) return undefined;
  const principals: Record<string, unknown[]> = {};
  const p = st.Principal ?? st.NotPrincipal;
  if (typeof p === 'string') principals.AWS = [p];
  else if (obj(p)) for (const k in p) if (Object.prototype.hasOwnProperty.call(p, k)) principals[k] = asList(p[k]);
  const conditions: Record<string, Record<string, unknown>> = {};
  let conditionsUnknown = typeof st.Condition === 'string' && containsUnknown(st.Condition);
  const c = obj(st.Condition);
  if (c) {
    for (const op in c) {
      if (!Object.prototype.hasOwnProperty.call(c, op)) continue;
      const v = obj(c[op]);
      if (v) conditions[op] = v;
      else conditionsUnknown = true;
    }
  }
  const effect = st.Effect === 'Deny' ? 'Deny' : 'Allow';
  return {
    index,
    sid: typeof st.Sid === 'string' ? st.Sid : undefined,
    effect,
    effectUnknown: st.Effect !== 'Allow' && st.Effect !== 'Deny',
    actions: actionNames(st.Action),
    notActions: actionNames(st.NotAction),
    hasNotAction: st.NotAction !== undefined,
    resources: asList(st.Resource),
    notResources: asList(st.NotResource),
    hasNotResource: st.NotResource !== undefined,
    principals,
    notPrincipal: st.NotPrincipal !== undefined,
    conditions,
    conditionsUnknown,
    via,
  };
}

/** Reads one (resolved) document value: an object, or a JSON string as CloudFormation accepts it. */
function readDocument(value: unknown, via: readonly string[]): PolicyDocument {
  let doc: unknown = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch (e) {
      const unknown = hasTokens(value) && tokenKind(value) === 'u';
      return { statements: [], via, problem: unknown ? `the policy document text is ${display(value)}` : `the policy document is a string that is not JSON (${(e as Error).message})`, unknown };
    }
  }
  const d = obj(doc);
  if (!d) return { statements: [], via, problem: `the policy document is not an object (${display(doc)})` };
  if (d.Statement === undefined) return { statements: [], via, problem: 'the policy document has no Statement' };
  if (typeof d.Statement === 'string' && containsUnknown(d.Statement)) return { statements: [], via, problem: `the Statement is ${display(d.Statement)}`, unknown: true };
  const list: unknown[] = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  const statements: PossibleStatement[] = [];
  for (let index = 0; index < list.length; index++) {
    const s = list[index];
    if (!isChoiceful(s)) {
      // the common case: one alternative, as written (what `expand` would return)
      if (s === undefined || s === ABSENT) continue;
      const st = normalize(s, index, [...via]);
      if (st) statements.push({ index, alts: [st], optional: false });
      continue;
    }
    const all = expand(s);
    const total = all.length;
    const alts = all.filter((a) => a.value !== undefined && a.value !== ABSENT);
    const present = alts.map((a) => normalize(a.value, index, [...via, ...a.via])).filter((x): x is Statement => !!x);
    if (present.length > 0) statements.push({ index, alts: present, optional: present.length < total });
  }
  return { statements, via };
}

/** The top-level alternatives of a resolved node (a Choice is opened, what is inside stays unexpanded). */
function branches(node: unknown, via: readonly string[] = NO_VIA): Alt[] {
  if (node instanceof Choice) return node.alts.flatMap((a) => branches(a.value, [...via, ...a.via]));
  return [{ value: node, via }];
}

const NO_VIA: readonly string[] = Object.freeze([]) as readonly string[];

/**
 * The alternatives of a policy document property of a resource (`PolicyDocument`, `KeyPolicy`,
 * `Policies.0.PolicyDocument`...), each with its possible statements. An absent property has no alternatives.
 * Alternatives are opened level by level (document, Statement list, each statement), so a document with many
 * conditional statements does not multiply out.
 */
export function policyDocuments(values: ResourceValues, path: string | readonly (string | number)[]): PolicyDocument[] {
  const segments = typeof path === 'string' ? path.split('.') : path;
  return values.nodes(segments).flatMap((n) => policyDocumentsIn(n.value, n.via));
}

/** Every alternative of every statement of some documents (for "is any statement bad" checks). */
export function allStatements(docs: readonly PolicyDocument[]): Statement[] {
  return docs.flatMap((d) => d.statements.flatMap((s) => s.alts));
}

/**
 * Whether every alternative of the documents has a statement that is certainly present and good in all its
 * alternatives (for "there is always a deny ..." checks). No documents: false.
 */
export function alwaysHas(docs: readonly PolicyDocument[], good: (s: Statement) => boolean): boolean {
  return docs.length > 0 && docs.every((d) => d.statements.some((s) => !s.optional && s.alts.length > 0 && s.alts.every(good)));
}

// ---- wildcard semantics -----------------------------------------------------------------------------------------

const patternCache = new Map<string, RegExp>();

/** An IAM pattern (`*` any run, `?` any one character) as a regular expression. */
function patternRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = patternCache.get(key);
  if (!re) {
    const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(key, re);
  }
  return re;
}

/**
 * Whether an IAM action pattern (`kms:*`, `iam:P?ssRole`, `*`) covers an action. Case-insensitive. A pattern that is
 * unknown before deployment: undefined. A pattern built from resource values (never wildcards) only covers itself.
 */
export function actionCovers(pattern: string, action: string): Verdict {
  if (hasTokens(pattern)) {
    if (tokenKind(pattern) === 'u') return undefined;
    return literalText(pattern).includes('*') || literalText(pattern).includes('?') ? undefined : false;
  }
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  const m = globMatch(p, a);
  return m !== undefined ? m : patternRegex(p, true).test(a);
}

/**
 * `*` / `?` matching of lower-cased ASCII text without a regular expression (rules test every statement against
 * several actions). Returns undefined when two characters differ and one of them is not ASCII: case-insensitive
 * matching of such characters is left to the regular expression, so the verdict is the same either way.
 */
function globMatch(p: string, s: string): boolean | undefined {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < s.length) {
    const pc = i < p.length ? p.charCodeAt(i) : -1;
    if (pc === 42) { // *
      star = i++;
      mark = j;
      continue;
    }
    const sc = s.charCodeAt(j);
    if (pc === 63 || pc === sc) { // ? or the same character
      i++;
      j++;
      continue;
    }
    if (pc > 127 || sc > 127) return undefined;
    if (star < 0) return false;
    i = star + 1;
    j = ++mark;
  }
  while (i < p.length && p.charCodeAt(i) === 42) i++;
  return i === p.length;
}

/** Whether a statement's actions (or NotAction) cover an action: true, false, or undefined when unknown. */
export function statementCovers(s: Statement, action: string): Verdict {
  if (s.hasNotAction) {
    let unknown = false;
    for (const p of s.notActions) {
      const c = actionCovers(p, action);
      if (c === true) return false;
      if (c === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  let unknown = false;
  for (const p of s.actions) {
    const c = actionCovers(p, action);
    if (c === true) return true;
    if (c === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Whether a resource value is a wildcard (`*`, `?` anywhere): true, false, or undefined when it is unknown. */
export function isWildcardResource(r: unknown): Verdict {
  if (typeof r !== 'string') return r === undefined ? false : undefined;
  const lit = literalText(r);
  if (lit.includes('*') || lit.includes('?')) return true;
  if (hasTokens(r) && tokenKind(r) === 'u') return undefined;
  return false;
}

/**
 * Whether a statement applies to wildcard resources: a `NotResource` (with Allow: everything but the listed ones),
 * or a `Resource` with a wildcard. undefined when a resource is unknown.
 */
export function hasWildcardResource(s: Statement): Verdict {
  if (s.hasNotResource) return true;
  let unknown = false;
  for (const r of s.resources) {
    const w = isWildcardResource(r);
    if (w === true) return true;
    if (w === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** The wildcard resources of a statement, for messages. */
export function wildcardResources(s: Statement): string[] {
  if (s.hasNotResource) return [`NotResource ${s.notResources.map(display).join(', ')} (everything else)`];
  return s.resources.filter((r) => isWildcardResource(r) !== false).map(display);
}

/** Whether an `AWS` principal value is "everyone". */
export function isAnyone(v: unknown): Verdict {
  if (typeof v !== 'string') return undefined;
  if (v.trim() === '*') return true;
  if (hasTokens(v) && tokenKind(v) === 'u') return undefined;
  return false;
}

/** Whether a statement's principal is everyone: `*`, `{"AWS": "*"}`, or NotPrincipal (everyone but...). */
export function principalIsAnyone(s: Statement): Verdict {
  if (s.notPrincipal) return true;
  let unknown = false;
  for (const [kind, values] of Object.entries(s.principals)) {
    for (const v of values) {
      const a = kind === 'AWS' || kind === 'CanonicalUser' ? isAnyone(v) : typeof v === 'string' && v.trim() === '*' ? true : typeof v === 'string' && containsUnknown(v) ? undefined : false;
      if (a === true) return true;
      if (a === undefined) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/** Whether an `AWS` principal value is an account (its root): `123456789012`, `arn:...:iam::<account>:root`. */
export function isAccountRoot(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const t = shape(v).trim();
  return /^(\d{12}|<[rpu]>)$/.test(t) || /^arn:[^:]+:iam::(\d{12}|<[rpu]>)?:root$/.test(t);
}

/** Condition keys (lower-cased) of a statement, each with the operators that test it. */
export function conditionKeys(s: Statement): Map<string, { operator: string; value: unknown }[]> {
  const out = new Map<string, { operator: string; value: unknown }[]>();
  for (const [operator, entries] of Object.entries(s.conditions)) {
    for (const [key, value] of Object.entries(entries)) {
      const k = key.toLowerCase();
      out.set(k, [...(out.get(k) ?? []), { operator, value }]);
    }
  }
  return out;
}

/** Whether a statement has a condition on any of the keys (case-insensitive). */
export function hasConditionOn(s: Statement, ...keys: string[]): boolean {
  for (const operator in s.conditions) {
    if (!Object.prototype.hasOwnProperty.call(s.conditions, operator)) continue;
    const entries = s.conditions[operator];
    for (const key in entries) {
      if (!Object.prototype.hasOwnProperty.call(entries, key)) continue;
      const k = key.toLowerCase();
      for (const wanted of keys) if (wanted.toLowerCase() === k) return true;
    }
  }
  return false;
}

/** Whether the value of a condition is the literal `false` (or `["false"]`). */
export function isFalseValue(v: unknown): boolean {
  const vals = Array.isArray(v) ? v : [v];
  return vals.length > 0 && vals.every((x) => x === false || (typeof x === 'string' && x.toLowerCase() === 'false'));
}

/** Condition keys that bind who the caller is (or on whose behalf a service acts). */
export const BINDING_KEYS = [
  'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn', 'aws:userid', 'aws:username',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceowner',
  'aws:sourcevpc', 'aws:sourcevpce', 'aws:principalservicename',
];
/** Extra binding keys of trust policies: the external id shared with one party, and web-identity subjects. */
export const TRUST_BINDING_KEYS = ['sts:externalid'];
/** Extra binding key of key policies. */
export const KMS_BINDING_KEYS = ['kms:calleraccount'];

/**
 * Whether a statement's conditions bind the caller: a positive test (`StringEquals`, `StringLike`, `ArnEquals`,
 * `ArnLike`, optionally `ForAnyValue:`), not `...IfExists` (an absent key passes), not negated, not `ForAllValues:`
 * (an empty set passes), of a binding key (`BINDING_KEYS` + `extra`, plus any web-identity `<issuer>:sub` when
 * `oidcSub`), with values that are not all wildcards. undefined when the conditions are unknown.
 */
export function bindsCaller(s: Statement, extra: readonly string[] = [], oidcSub = false): Verdict {
  const keys = new Set([...BINDING_KEYS, ...extra]);
  let unknown = s.conditionsUnknown;
  for (const [operator, entries] of Object.entries(s.conditions)) {
    const op = operator.replace(/^ForAnyValue:/i, '');
    if (!/^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i.test(op)) continue;
    for (const [key, value] of Object.entries(entries)) {
      const k = key.toLowerCase();
      if (!keys.has(k) && !(oidcSub && /:sub$/.test(k))) continue;
      const values = asList(value);
      if (values.length === 0) continue;
      const verdicts = values.map((x): Verdict => {
        if (typeof x !== 'string') return false;
        if (containsUnknown(x)) return undefined;
        const lit = literalText(x).replace(/[*?]/g, '');
        return lit.replace(/[:/]/g, '').length > 0;
      });
      if (verdicts.every((x) => x === true)) return true;
      if (verdicts.some((x) => x === undefined)) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/**
 * Indexes resources of one type by the logical id they reference in a property (per stack), built once per run.
 * E.g. rotation schedules by the secret they rotate: `indexByRef(context, 'AWS::SecretsManager::RotationSchedule', 'SecretId')`.
 * A reference in any alternative of the property counts (a policy may apply to the resource).
 */
export function indexByRef(context: RuleContext, type: string, property: string): Map<string, Resource[]> {
  return context.memo(`aws-policy-document:index:${type}:${property}`, () => {
    const map = new Map<string, Resource[]>();
    for (const r of context.ofType(type)) {
      const targets = new Set(valuesOf(r, context).alts(property).map((a) => referencedResource(a.value)).filter((x): x is string => !!x));
      for (const target of targets) {
        const k = `${r.stack ?? ''}\u0000${target}`;
        map.set(k, [...(map.get(k) ?? []), r]);
      }
    }
    return map;
  });
}

/** The resources of an index that reference `resource`. */
export function referencing(index: Map<string, Resource[]>, resource: Resource): Resource[] {
  return index.get(`${resource.stack ?? ''}\u0000${resource.logicalId ?? ''}`) ?? [];
}

/** Describes a statement for messages: `statement 2 ("Sid")`. */
export function describeStatement(s: Statement): string {
  return `statement ${s.index}${s.sid ? ` ("${s.sid}")` : ''}`;
}

/** ` (via ...)` for a statement alternative. */
export function statementVia(s: Statement): string {
  if (s.via.length === 0) return '';
  return ` (via ${[...new Set(s.via)].join(', ')})`;
}

/** The findings for documents that cannot be read; used by the policy-document validity rule. */
export function documentProblems(docs: readonly PolicyDocument[], label: string): RuleFinding[] {
  return docs.filter((d) => d.problem).map((d) => ({
    id: `${label}:unreadable`,
    message: `${label}: ${d.problem}${d.via.length ? ` (via ${[...new Set(d.via)].join(', ')})` : ''}.`,
    ...(d.unknown ? { severity: 'warning' as const, unverified: true } : {}),
  }));
}

/** What a policy document of a resource is: permissions of an identity, a role trust, a resource or key policy. */
export type DocumentKind = 'identity' | 'trust' | 'resource' | 'key';

/**
 * Where resources hold policy documents (`[]` stands for every entry of a list). The rules that read documents use
 * this one table, so a type added here is read by all of them.
 */
export const POLICY_DOCUMENT_LOCATIONS: Record<string, readonly { path: string; kind: DocumentKind }[]> = {
  'AWS::IAM::Policy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::UserPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::GroupPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::Role': [{ path: 'AssumeRolePolicyDocument', kind: 'trust' }, { path: 'Policies[].PolicyDocument', kind: 'identity' }],
  'AWS::IAM::User': [{ path: 'Policies[].PolicyDocument', kind: 'identity' }],
  'AWS::IAM::Group': [{ path: 'Policies[].PolicyDocument', kind: 'identity' }],
  'AWS::KMS::Key': [{ path: 'KeyPolicy', kind: 'key' }],
  'AWS::KMS::ReplicaKey': [{ path: 'KeyPolicy', kind: 'key' }],
  'AWS::S3::BucketPolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SecretsManager::ResourcePolicy': [{ path: 'ResourcePolicy', kind: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::ECR::Repository': [{ path: 'RepositoryPolicyText', kind: 'resource' }],
  'AWS::Logs::ResourcePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::EFS::FileSystem': [{ path: 'FileSystemPolicy', kind: 'resource' }],
  'AWS::OpenSearchService::Domain': [{ path: 'AccessPolicies', kind: 'resource' }],
  'AWS::Backup::BackupVault': [{ path: 'AccessPolicy', kind: 'resource' }],
};

/** Identity policy types (documents that grant permissions to the identities they are attached to). */
export const IDENTITY_POLICY_TYPES = Object.entries(POLICY_DOCUMENT_LOCATIONS).filter(([, l]) => l.some((x) => x.kind === 'identity')).map(([t]) => t);

/** One located document property of a resource, with its alternatives. */
export interface LocatedDocuments {
  /** `PolicyDocument`, `Policies[0].PolicyDocument`... (finding ids use it). */
  readonly label: string;
  readonly kind: DocumentKind;
  readonly docs: PolicyDocument[];
}

/** One possible Allow statement of a resource's documents, with where it is. */
export interface AllowStatement {
  /** The document's location (`PolicyDocument`, `Policies[0].PolicyDocument`...). */
  readonly label: string;
  /** The statement's position in its document (a statement with alternatives has several `statement`s). */
  readonly position: number;
  readonly statement: Statement;
}

/** Every possible Allow statement of the located documents (each alternative of each statement of each document). */
export function allowStatements(located: readonly LocatedDocuments[]): AllowStatement[] {
  const out: AllowStatement[] = [];
  for (const { label, docs } of located) {
    for (const d of docs) {
      for (const ps of d.statements) {
        for (const s of ps.alts) if (s.effect === 'Allow') out.push({ label, position: ps.index, statement: s });
      }
    }
  }
  return out;
}

/**
 * The resource-policy judgement shared by the rules that refuse "anyone": an Allow whose principal is everyone
 * (`*`, or NotPrincipal) without a condition that binds the caller fails; one whose principal or conditions are
 * unknown before deployment cannot be verified. `bound` says whether another condition narrows the caller
 * (e.g. source IPs for S3). `why` is appended to the failure message.
 */
export function judgeAllowAnyone(
  findings: Findings,
  s: Statement,
  id: string,
  options: { keys?: readonly string[]; bound?: Verdict; why?: string } = {},
): void {
  const anyone = principalIsAnyone(s);
  if (anyone === false) return;
  const binds = bindsCaller(s, options.keys);
  const bound = binds === true ? true : (options.bound ?? false);
  if (binds === true || bound === true) return;
  if (anyone === true && binds === false && bound === false) {
    const who = s.notPrincipal ? 'every principal but the NotPrincipal ones' : 'any principal ("*")';
    findings.fail(id, id, `${describeStatement(s)} allows ${who} without a condition that binds the caller${options.why ?? ''}${statementVia(s)}.`);
  } else {
    findings.unverified(id, id, `${describeStatement(s)} may allow any principal: its principal or conditions are not known before deployment${statementVia(s)}.`);
  }
}

/** The policy documents of a resource, optionally of one kind only. */
export function documentsOf(resource: Resource, context: RuleContext, kind?: DocumentKind): LocatedDocuments[] {
  const values = valuesOf(resource, context);
  // every document of the resource is read once per run; rules ask for one kind or all of them
  const all = values.cache('policy-documents', () => readDocuments(resource, values));
  if (!kind) return all;
  // most resources hold one kind of document (or none): no copy then
  let same = true;
  for (const d of all) {
    if (d.kind !== kind) {
      same = false;
      break;
    }
  }
  return same ? all : all.filter((d) => d.kind === kind);
}

function readDocuments(resource: Resource, values: ResourceValues): LocatedDocuments[] {
  const locations = POLICY_DOCUMENT_LOCATIONS[resource.type] ?? [];
  const out: LocatedDocuments[] = [];
  for (const loc of locations) {
    const [listPath, rest] = loc.path.split('[].');
    if (rest === undefined) {
      const docs = policyDocuments(values, listPath);
      if (docs.length > 0) out.push({ label: loc.path, kind: loc.kind, docs });
      continue;
    }
    // a list of entries, each with a document: open the list level by level
    for (const l of values.nodes(listPath.split('.'))) {
      for (const b of branches(l.value, l.via)) {
        asList(b.value).forEach((entry, i) => {
          for (const e of branches(entry, b.via)) {
            if (e.value === ABSENT || e.value === undefined) continue;
            const docs = policyDocumentsIn(obj(e.value)?.[rest], e.via);
            if (docs.length > 0) out.push({ label: `${listPath}[${i}]`, kind: loc.kind, docs });
          }
        });
      }
    }
  }
  return out;
}

/** The document alternatives of one resolved document node. */
function policyDocumentsIn(node: unknown, via: readonly string[]): PolicyDocument[] {
  if (node === undefined) return [];
  const out: PolicyDocument[] = [];
  for (const d of branches(node, via)) {
    if (d.value === undefined || d.value === ABSENT) continue;
    const o = obj(d.value);
    if (!o || !('Statement' in o)) {
      out.push(readDocument(d.value, d.via));
      continue;
    }
    for (const l of branches(o.Statement, d.via)) out.push(readDocument({ ...o, Statement: l.value === ABSENT ? undefined : l.value }, l.via));
  }
  return out;
}
