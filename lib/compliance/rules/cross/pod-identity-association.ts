import { literalName, roleIndex, roleNameFromArn } from './irsa';
import { usedSubjects } from './used-subjects';
import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, nonCompliant } from '../../model';
import { defineRule } from '../../rule';
import { hasTokens, referencedResource } from '../../values/cfn-resolve';
import { valuesOf } from '../../values/cfn-values';
import { documentsOf, statementCovers } from '../aws/iam/policy-document';

const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';


/** ServiceAccounts of the checked manifests, `namespace/name`, once per run. */
function serviceAccounts(ctx: RuleContext): Set<string> {
  return ctx.memo('cross:service-accounts', () => new Set(ctx.ofType('ServiceAccount').map((r) => `${r.namespace ?? 'default'}/${r.objectName}`)));
}

/** The role an association names: a reference to a role in the same stack, or a literal role ARN. */
function associatedRole(assoc: Resource, ctx: RuleContext): { role?: Resource; label?: string; literal?: boolean } {
  const alts = valuesOf(assoc, ctx).alts('RoleArn');
  if (alts.length !== 1) return {};
  const arn = alts[0].value;
  const id = referencedResource(arn);
  if (id) {
    const role = ctx.byLogicalId(assoc.stack, id);
    return { role: role?.type === 'AWS::IAM::Role' ? role : undefined, label: id };
  }
  if (typeof arn === 'string' && !hasTokens(arn)) {
    const name = roleNameFromArn(arn);
    return { role: name ? roleIndex(ctx).byName.get(name) : undefined, label: name ?? arn, literal: true };
  }
  return {};
}

/** Actions the role's trust policy allows to the EKS Pod Identity service principal (in every possible value). */
function podIdentityActions(role: Resource, ctx: RuleContext): (action: string) => boolean {
  const statements = documentsOf(role, ctx, 'trust').flatMap((l) => l.docs.flatMap((d) => d.statements));
  return (action) => statements.some((ps) => !ps.optional && ps.alts.every((st) => st.effect === 'Allow'
    && (st.principals.Service ?? []).includes(POD_IDENTITY_PRINCIPAL) && statementCovers(st, action) === true));
}

/**
 * An EKS Pod Identity association binds a namespace/service account to a role on the AWS side only. Check that
 * the other plane agrees: the ServiceAccount exists, a workload runs as it, and the role trusts the Pod Identity
 * agent (`sts:AssumeRole` and `sts:TagSession` for pods.eks.amazonaws.com).
 */
export const podIdentityAssociation = defineRule({
  id: 'aws-cross-pod-identity-association',
  title: 'Pod Identity association matches a ServiceAccount, a workload and a trusting role',
  description: 'The EKS Pod Identity association names a service account that is not in the checked manifests or that no workload runs as, or a role whose trust policy does not let the EKS Pod Identity agent assume it.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EKS::PodIdentityAssociation'],
  controls: ['CROSS-PLANE:workload-identity', 'NIST-800-53-R5:AC-2', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-2'],
  remediation:
    'Create the association, the role and the ServiceAccount from one WorkloadIdentity (mode POD_IDENTITY) and run the workload with that ServiceAccount, so namespace, name and trust always agree.',
  evaluate(resource, ctx) {
    const p = { Namespace: literalName(resource, ctx, 'Namespace'), ServiceAccount: literalName(resource, ctx, 'ServiceAccount') };
    if (p.Namespace === undefined || p.ServiceAccount === undefined) return NOT_APPLICABLE; // not known before deployment
    const idx = roleIndex(ctx);
    if (!idx.hasK8s) return NOT_APPLICABLE; // only the AWS plane is being checked
    const sa = `${p.Namespace}/${p.ServiceAccount}`;
    const findings: { id: string; message: string }[] = [];
    if (!serviceAccounts(ctx).has(sa)) {
      findings.push({ id: `service-account:${sa}`, message: `No ServiceAccount ${sa} in the checked manifests: the association binds a role to an account that is not deployed.` });
    } else if (!usedSubjects(ctx).has(`system:serviceaccount:${p.Namespace}:${p.ServiceAccount}`)) {
      findings.push({ id: `unused:${sa}`, message: `No workload runs as ${sa}: the role is standing access nobody needs.` });
    }
    const { role, label, literal } = associatedRole(resource, ctx);
    if (role) {
      const allows = podIdentityActions(role, ctx);
      const missing = ['sts:AssumeRole', 'sts:TagSession'].filter((a) => !allows(a));
      if (missing.length > 0) {
        findings.push({ id: `role:${label}`, message: `Role ${label} does not allow ${missing.join(' and ')} to ${POD_IDENTITY_PRINCIPAL}; the Pod Identity agent cannot assume it.` });
      }
    } else if (label !== undefined && literal && idx.hasAws) {
      findings.push({ id: `role:${label}`, message: `The associated role ${label} is not among the checked CloudFormation resources.` });
    }
    return findings.length === 0 ? COMPLIANT : nonCompliant(...findings);
  },
});
