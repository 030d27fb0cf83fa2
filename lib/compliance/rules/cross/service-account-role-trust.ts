import { IRSA_ANNOTATION, oidcTrusts, roleIndex, roleNameFromArn, serviceAccountSubject } from './irsa';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../model';
import { defineRule } from '../../rule';

/**
 * A ServiceAccount annotated with an IAM role (IRSA) must point at a role whose trust policy names exactly
 * that namespace/service account with the `sts.amazonaws.com` audience.
 */
export const serviceAccountRoleTrust = defineRule({
  id: 'k8s-cross-service-account-role-trust',
  title: 'ServiceAccount role annotation matches the role trust policy',
  description: 'The ServiceAccount is annotated with an IAM role whose trust policy does not allow exactly this namespace and service account (with the sts.amazonaws.com audience).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['ServiceAccount'],
  controls: ['CROSS-PLANE:workload-identity', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-2'],
  remediation:
    'Create the role and the ServiceAccount from one WorkloadIdentity so the trust condition `<issuer>:sub = system:serviceaccount:<namespace>:<name>` and `<issuer>:aud = sts.amazonaws.com` and the annotation always agree.',
  evaluate(resource, ctx) {
    const arn = resource.body.metadata?.annotations?.[IRSA_ANNOTATION];
    if (typeof arn !== 'string') return NOT_APPLICABLE;
    const idx = roleIndex(ctx);
    if (!idx.hasAws) return NOT_APPLICABLE; // only the Kubernetes plane is being checked
    const name = roleNameFromArn(arn);
    if (!name) return nonCompliant({ id: 'annotation', message: `${IRSA_ANNOTATION} is not an IAM role ARN: ${JSON.stringify(arn)}.` });
    const role = idx.byName.get(name);
    if (!role) return nonCompliant({ id: `role:${name}`, message: `The annotated role ${name} is not among the checked CloudFormation resources (no AWS::IAM::Role with that RoleName).` });
    const ns = resource.namespace ?? 'default';
    const subject = serviceAccountSubject(ns, resource.objectName ?? '');
    const trusts = oidcTrusts(role, ctx);
    if (trusts.length === 0) return nonCompliant({ id: `role:${name}`, message: `Role ${name} has no web-identity (OIDC) trust statement.` });
    const exact = trusts.find((t) => !t.wildcard && t.subjects.length === 1 && t.subjects[0] === subject);
    if (!exact) {
      const named = trusts.flatMap((t) => t.subjects).join(', ') || 'no subject';
      return nonCompliant({ id: `role:${name}`, message: `Role ${name} trusts ${named}, not exactly ${subject}.` });
    }
    if (!(exact.audiences.length === 1 && exact.audiences[0] === 'sts.amazonaws.com')) {
      return nonCompliant({ id: `role:${name}:aud`, message: `Role ${name} does not require the audience sts.amazonaws.com for ${subject}.` });
    }
    return COMPLIANT;
  },
});
