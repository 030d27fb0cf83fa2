import { IRSA_ANNOTATION, literalName, roleIndex, roleNameFromArn } from './irsa';
import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, nonCompliant } from '../../model';
import { defineRule } from '../../rule';
import { hasTokens, referencedResource } from '../../values/cfn-resolve';
import { valuesOf } from '../../values/cfn-values';
import { documentsOf, statementCovers } from '../aws/iam/policy-document';

function asList<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** Secret names a role may read (secretsmanager:GetSecretValue on the secret), from its policies. Indexed once per run. */
function readableSecrets(ctx: RuleContext): Map<string, Set<string>> {
  return ctx.memo('cross:readable-secrets', () => {
    // secret logical id -> name, per stack
    const secretName = new Map<string, string>();
    for (const s of ctx.ofType('AWS::SecretsManager::Secret')) {
      const n = literalName(s, ctx, 'Name');
      if (n) secretName.set(`${s.stack}/${s.logicalId}`, n);
    }
    const roleNameById = new Map<string, string>();
    for (const r of ctx.ofType('AWS::IAM::Role')) {
      const n = literalName(r, ctx, 'RoleName');
      if (n) roleNameById.set(`${r.stack}/${r.logicalId}`, n);
    }
    const out = new Map<string, Set<string>>();
    // a grant counts only when it is certain: a statement present in every possible value of the policy
    const grant = (role: string, policy: Resource) => {
      for (const { docs } of documentsOf(policy, ctx, 'identity')) {
        for (const d of docs) {
          for (const ps of d.statements) {
            if (ps.optional || ps.alts.length !== 1) continue;
            const st = ps.alts[0];
            if (st.effect !== 'Allow' || st.effectUnknown || statementCovers(st, 'secretsmanager:GetSecretValue') !== true) continue;
            for (const res of st.resources) {
              let name: string | undefined;
              const ref = referencedResource(res);
              if (ref) name = secretName.get(`${policy.stack}/${ref}`);
              else if (typeof res === 'string' && !hasTokens(res)) name = /:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(res)?.[1]?.replace(/[-*?]+$/, '');
              if (!name) continue;
              let set = out.get(role);
              if (!set) out.set(role, (set = new Set()));
              set.add(name);
            }
          }
        }
      }
    };
    for (const p of [...ctx.ofType('AWS::IAM::Policy'), ...ctx.ofType('AWS::IAM::ManagedPolicy')]) {
      for (const item of valuesOf(p, ctx).items('Roles')) {
        if (item.optional || item.alts.length !== 1) continue;
        const r = item.alts[0].value;
        const ref = referencedResource(r);
        const roleName = ref ? roleNameById.get(`${p.stack}/${ref}`) : typeof r === 'string' && !hasTokens(r) ? r : undefined;
        if (roleName) grant(roleName, p);
      }
    }
    for (const r of ctx.ofType('AWS::IAM::Role')) {
      const roleName = literalName(r, ctx, 'RoleName');
      if (roleName) grant(roleName, r);
    }
    return out;
  });
}

function byNamespaceAndName(ctx: RuleContext, kind: string): Map<string, Resource> {
  return ctx.memo(`cross:index:${kind}`, () => {
    const m = new Map<string, Resource>();
    for (const r of ctx.ofType(kind)) m.set(`${r.namespace ?? 'default'}/${r.objectName}`, r);
    return m;
  });
}

/**
 * An ExternalSecret must read only secrets that the IAM role behind its SecretStore's service account
 * may read: ExternalSecret -> SecretStore -> ServiceAccount -> role annotation -> role policies -> secret.
 */
export const externalSecretReadable = defineRule({
  id: 'k8s-cross-external-secret-readable',
  title: 'ExternalSecret reads a secret its role may read',
  description: 'The ExternalSecret refers to a Secrets Manager secret that the IAM role of its SecretStore\'s service account is not allowed to read.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['ExternalSecret'],
  controls: ['CROSS-PLANE:secret-delivery', 'NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6'],
  remediation: 'Deliver the secret with SecretDelivery, which grants the workload role read of exactly that secret and emits the matching SecretStore and ExternalSecret.',
  evaluate(resource, ctx) {
    const idx = roleIndex(ctx);
    if (!idx.hasAws) return NOT_APPLICABLE;
    const ns = resource.namespace ?? 'default';
    const storeRef = resource.body.spec?.secretStoreRef ?? {};
    if (storeRef.kind && storeRef.kind !== 'SecretStore') return NOT_APPLICABLE; // ClusterSecretStore: cluster-wide, out of this rule's reach
    const store = byNamespaceAndName(ctx, 'SecretStore').get(`${ns}/${storeRef.name}`);
    if (!store) return nonCompliant({ id: `store:${storeRef.name}`, message: `SecretStore ${ns}/${storeRef.name} is not among the checked manifests.` });
    const saName = store.body.spec?.provider?.aws?.auth?.jwt?.serviceAccountRef?.name;
    if (typeof saName !== 'string') return nonCompliant({ id: `store:${storeRef.name}`, message: `SecretStore ${ns}/${storeRef.name} does not authenticate with a service account (auth.jwt.serviceAccountRef).` });
    const sa = byNamespaceAndName(ctx, 'ServiceAccount').get(`${ns}/${saName}`);
    const arn = sa?.body.metadata?.annotations?.[IRSA_ANNOTATION];
    const roleName = typeof arn === 'string' ? roleNameFromArn(arn) : undefined;
    if (!roleName) return nonCompliant({ id: `serviceaccount:${saName}`, message: `ServiceAccount ${ns}/${saName} has no ${IRSA_ANNOTATION} annotation naming a role.` });
    const readable = readableSecrets(ctx).get(roleName) ?? new Set<string>();
    const keys = new Set<string>();
    for (const d of asList<any>(resource.body.spec?.data)) if (typeof d?.remoteRef?.key === 'string') keys.add(d.remoteRef.key);
    for (const d of asList<any>(resource.body.spec?.dataFrom)) if (typeof d?.extract?.key === 'string') keys.add(d.extract.key);
    const missing = [...keys].filter((k) => !readable.has(k));
    if (missing.length === 0) return COMPLIANT;
    return nonCompliant(...missing.map((k) => ({ id: `secret:${k}`, message: `Role ${roleName} (service account ${ns}/${saName}) may not read secret ${k}.` })));
  },
});
