/**
 * Readers for IAM policy documents as they appear in CloudFormation templates (identity policies, trust policies,
 * key policies, bucket and secret resource policies). Values may be intrinsics (`Fn::Join`, `Fn::Sub`, `Ref`,
 * `Fn::GetAtt`): they are flattened to strings where a rule needs text, never resolved by guessing.
 */
import { Resource, RuleContext } from '../../../model';
import { arr, obj, refOf } from '../network/cfn-values';

/** One normalized policy statement. */
export interface Statement {
  /** 0-based position in the document. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `Action` (lower-cased), empty when the statement uses NotAction. */
  readonly actions: string[];
  readonly notActions: string[];
  /** `Resource` values (raw: strings or intrinsics). */
  readonly resources: unknown[];
  /** Principals by kind (`AWS`, `Service`, `Federated`, `CanonicalUser`); `"*"` is `{ AWS: ["*"] }`. */
  readonly principals: Record<string, unknown[]>;
  readonly notPrincipal: boolean;
  /** `Condition`, `{}` when absent. */
  readonly conditions: Record<string, Record<string, unknown>>;
}

/** The statements of a policy document (a `PolicyDocument` / `KeyPolicy` / `AssumeRolePolicyDocument` value). */
export function statements(doc: unknown): Statement[] {
  const d = obj(doc);
  if (!d) return [];
  const raw = Array.isArray(d.Statement) ? d.Statement : d.Statement !== undefined ? [d.Statement] : [];
  const out: Statement[] = [];
  raw.forEach((s: unknown, index: number) => {
    const st = obj(s);
    if (!st) return;
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
    const principals: Record<string, unknown[]> = {};
    const p = st.Principal ?? st.NotPrincipal;
    if (p === '*') principals.AWS = ['*'];
    else if (obj(p)) for (const [k, v] of Object.entries(obj(p)!)) principals[k] = list(v);
    const conditions: Record<string, Record<string, unknown>> = {};
    for (const [op, v] of Object.entries(obj(st.Condition) ?? {})) if (obj(v)) conditions[op] = obj(v)!;
    out.push({
      index,
      sid: typeof st.Sid === 'string' ? st.Sid : undefined,
      effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(st.Action).filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase()),
      notActions: list(st.NotAction).filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase()),
      resources: list(st.Resource),
      principals,
      notPrincipal: st.NotPrincipal !== undefined,
      conditions,
    });
  });
  return out;
}

/** Flattens an intrinsic to text the way cdk-nag does (`${X}` and references become `<X>`). */
export function flatten(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(flatten).join(',');
  const o = node as Record<string, any>;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, items] = o['Fn::Join'];
    return arr(items).map(flatten).join(typeof delimiter === 'string' ? delimiter : '');
  }
  if (o['Fn::Sub'] !== undefined) return flatten(Array.isArray(o['Fn::Sub']) ? o['Fn::Sub'][0] : o['Fn::Sub']);
  if (o['Fn::GetAtt'] !== undefined) {
    const ga = o['Fn::GetAtt'];
    return Array.isArray(ga) ? `<${flatten(ga[0])}.${flatten(ga[1])}>` : `<${flatten(ga)}>`;
  }
  if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue']);
  if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  return JSON.stringify(node);
}

/** Whether an IAM action pattern (`kms:*`, `kms:Create*`, `*`) covers an action. Case-insensitive. */
export function actionCovers(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.toLowerCase().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(action.toLowerCase());
}

/** Whether a statement allows (or denies) an action, accounting for wildcards and NotAction. */
export function statementCovers(s: Statement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((p) => actionCovers(p, action));
  return s.actions.some((p) => actionCovers(p, action));
}

/** Whether an `AWS` principal value is "everyone". */
export function isAnyone(v: unknown): boolean {
  return v === '*';
}

/** Whether an `AWS` principal value is an account (its root): `123456789012`, `arn:...:iam::<account>:root`, `{Ref: AWS::AccountId}`. */
export function isAccountRoot(v: unknown): boolean {
  if (typeof v === 'string') return /^\d{12}$/.test(v) || /^arn:[^:]+:iam::[^:]*:root$/.test(v);
  if (obj(v)?.Ref === 'AWS::AccountId') return true;
  return /:iam::(\d{12}|<[^<>]*>)?:root$/.test(flatten(v));
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
  const present = conditionKeys(s);
  return keys.some((k) => present.has(k.toLowerCase()));
}

/** Whether the value of a condition is the literal `false` (or `["false"]`). */
export function isFalseValue(v: unknown): boolean {
  const vals = Array.isArray(v) ? v : [v];
  return vals.length > 0 && vals.every((x) => x === false || (typeof x === 'string' && x.toLowerCase() === 'false'));
}

/**
 * Indexes resources of one type by the logical id they reference in a property (per stack), built once per run.
 * E.g. rotation schedules by the secret they rotate: `indexByRef(context, 'AWS::SecretsManager::RotationSchedule', 'SecretId')`.
 */
export function indexByRef(context: RuleContext, type: string, property: string): Map<string, Resource[]> {
  return context.memo(`aws-policy-document:index:${type}:${property}`, () => {
    const map = new Map<string, Resource[]>();
    for (const r of context.ofType(type)) {
      const target = refOf(obj(obj(r.body)?.Properties)?.[property]);
      if (!target) continue;
      const k = `${r.stack ?? ''}\u0000${target}`;
      map.set(k, [...(map.get(k) ?? []), r]);
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
