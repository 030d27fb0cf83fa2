import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, nonCompliant } from '../../model';
import { defineRule } from '../../rule';
import { roleIndex, roleNameFromArn } from './irsa';
import { usedSubjects } from './used-subjects';

const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

function asList<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** ServiceAccounts of the checked manifests, `namespace/name`, once per run. */
function serviceAccounts(ctx: RuleContext): Set<string> {
  return ctx.memo('cross:service-accounts', () => new Set(ctx.ofType('ServiceAccount').map((r) => `${r.namespace ?? 'default'}/${r.objectName}`)));
}

/** The role an association names: `Fn::GetAtt [Role, Arn]` in the same stack, or a literal role ARN. */
function associatedRole(assoc: Resource, ctx: RuleContext): { role?: Resource; label?: string } {
  const arn = assoc.body.Properties?.RoleArn;
  if (typeof arn === 'string') {
    const name = roleNameFromArn(arn);
    return { role: name ? roleIndex(ctx).byName.get(name) : undefined, label: name ?? arn };
  }
  const getAtt = arn?.['Fn::GetAtt'];
  const logicalId = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
  if (typeof logicalId === 'string') {
    const role = ctx.byLogicalId(assoc.stack, logicalId);
    return { role: role?.type === 'AWS::IAM::Role' ? role : undefined, label: logicalId };
  }
  return {};
}

/** Actions the role's trust policy allows to the EKS Pod Identity service principal. */
function podIdentityActions(role: Resource): Set<string> {
  const out = new Set<string>();
  for (const st of asList<any>(role.body.Properties?.AssumeRolePolicyDocument?.Statement)) {
    if (st?.Effect !== 'Allow') continue;
    const services = asList<any>(st.Principal?.Service);
    if (!services.includes(POD_IDENTITY_PRINCIPAL)) continue;
    for (const a of asList<string>(st.Action)) out.add(a);
  }
  return out;
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
    const p = resource.body.Properties ?? {};
    if (typeof p.Namespace !== 'string' || typeof p.ServiceAccount !== 'string') return NOT_APPLICABLE; // unresolved tokens
    const idx = roleIndex(ctx);
    if (!idx.hasK8s) return NOT_APPLICABLE; // only the AWS plane is being checked
    const sa = `${p.Namespace}/${p.ServiceAccount}`;
    const findings: { id: string; message: string }[] = [];
    if (!serviceAccounts(ctx).has(sa)) {
      findings.push({ id: `service-account:${sa}`, message: `No ServiceAccount ${sa} in the checked manifests: the association binds a role to an account that is not deployed.` });
    } else if (!usedSubjects(ctx).has(`system:serviceaccount:${p.Namespace}:${p.ServiceAccount}`)) {
      findings.push({ id: `unused:${sa}`, message: `No workload runs as ${sa}: the role is standing access nobody needs.` });
    }
    const { role, label } = associatedRole(resource, ctx);
    if (role) {
      const actions = podIdentityActions(role);
      const missing = ['sts:AssumeRole', 'sts:TagSession'].filter((a) => !actions.has(a));
      if (missing.length > 0) {
        findings.push({ id: `role:${label}`, message: `Role ${label} does not allow ${missing.join(' and ')} to ${POD_IDENTITY_PRINCIPAL}; the Pod Identity agent cannot assume it.` });
      }
    } else if (label !== undefined && typeof p.RoleArn === 'string' && idx.hasAws) {
      findings.push({ id: `role:${label}`, message: `The associated role ${label} is not among the checked CloudFormation resources.` });
    }
    return findings.length === 0 ? COMPLIANT : nonCompliant(...findings);
  },
});
