/**
 * Justifications that a construct's `grant*` method attaches to the statements it adds to a principal, so that the
 * principal (a LeastPrivilegeRole) can record them where the statement lands: the reason shows in the compliance
 * report, and the findings the statement's wildcards raise are accepted with it. A statement is matched by its
 * content (actions and resources as written, tokens included), not by object identity, because `iam.Grant` builds
 * the statement itself.
 */
import { aws_iam as iam } from 'aws-cdk-lib';

/** A justification: which grant made the statement, and why its wildcards are needed. */
export interface GrantJustification {
  /** The grant, e.g. `grantRead(Stack/Bucket)`. */
  readonly grant: string;
  readonly reason: string;
}

const pending = new WeakMap<iam.IPrincipal, Map<string, GrantJustification>>();

function key(actions: readonly string[], resources: readonly string[]): string {
  return JSON.stringify([[...actions].sort(), [...resources].sort()]);
}

/** Attaches a justification to the statement a grant is about to add to `principal`. */
export function justifyGrant(
  principal: iam.IPrincipal,
  actions: readonly string[],
  resources: readonly string[],
  justification: GrantJustification,
): void {
  let map = pending.get(principal);
  if (!map) pending.set(principal, (map = new Map()));
  map.set(key(actions, resources), justification);
}

/** The justification attached to a statement added to `principal`, if any (each is taken once). */
export function takeGrantJustification(principal: iam.IPrincipal, statement: iam.PolicyStatement): GrantJustification | undefined {
  const map = pending.get(principal);
  if (!map) return undefined;
  const json = statement.toStatementJson();
  const k = key([].concat(json.Action ?? []), [].concat(json.Resource ?? []));
  const j = map.get(k);
  if (j) map.delete(k);
  return j;
}
