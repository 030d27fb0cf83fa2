/** Managed policies used only as permissions boundaries: they cap permissions and grant none. */
import { Resource, RuleContext } from '../../../model';
import { referencedResource } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';

/** Logical ids (per stack) referenced by any alternative of a property. */
function refs(r: Resource, context: RuleContext, property: string): string[] {
  const v = valuesOf(r, context);
  return [
    ...v.alts(property).map((a) => referencedResource(a.value)),
    ...v.items(property).flatMap((i) => i.alts.map((a) => referencedResource(a.value))),
  ]
    .filter((x): x is string => !!x);
}

/**
 * Managed policies that are only used as permissions boundaries (referenced by a PermissionsBoundary, attached to
 * nobody): a boundary caps permissions and grants none. Built once per run.
 */
function boundaryOnlyPolicies(context: RuleContext): Set<string> {
  return context.memo('aws-iam:boundary-only-policies', () => {
    const boundaries = new Set<string>();
    const attached = new Set<string>();
    for (const type of ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']) {
      for (const r of context.ofType(type)) {
        for (const b of refs(r, context, 'PermissionsBoundary')) boundaries.add(`${r.stack ?? ''}\u0000${b}`);
        for (const m of refs(r, context, 'ManagedPolicyArns')) attached.add(`${r.stack ?? ''}\u0000${m}`);
      }
    }
    return new Set([...boundaries].filter((k) => !attached.has(k)));
  });
}

/** Whether a resource is a managed policy used only as a permissions boundary (grant rules do not apply to it). */
export function isBoundaryOnly(resource: Resource, context: RuleContext): boolean {
  if (resource.type !== 'AWS::IAM::ManagedPolicy') return false;
  const v = valuesOf(resource, context);
  if (['Roles', 'Users', 'Groups'].some((p) => v.items(p).length > 0)) return false;
  return boundaryOnlyPolicies(context).has(`${resource.stack ?? ''}\u0000${resource.logicalId}`);
}
