import { RuleContext, Resource } from '../../model';
import { hasTokens } from '../../values/cfn-resolve';
import { valuesOf } from '../../values/cfn-values';
import { asList as list } from '../../values/json';
import { conditionKeys, documentsOf, statementCovers } from '../aws/iam/policy-document';

/** Annotation that binds a Kubernetes ServiceAccount to an IAM role (IRSA). */
export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Role name from a role ARN (`arn:aws:iam::123456789012:role/path/name` -> `name`). */
export function roleNameFromArn(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/** Account id from an ARN. */
export function accountFromArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

export interface RoleIndex {
  /** IAM roles by explicit RoleName. */
  byName: Map<string, Resource>;
  /** Whether the run has AWS resources at all (cross-plane rules need both planes). */
  hasAws: boolean;
  hasK8s: boolean;
}

/** Indexes IAM roles by name, once per run. */
export function roleIndex(ctx: RuleContext): RoleIndex {
  return ctx.memo('cross:roles', () => {
    const byName = new Map<string, Resource>();
    for (const r of ctx.ofType('AWS::IAM::Role')) {
      const name = literalName(r, ctx, 'RoleName');
      if (name) byName.set(name, r);
    }
    const hasAws = ctx.ofType('AWS::IAM::Role').length > 0 || ctx.ofType('AWS::SecretsManager::Secret').length > 0;
    const k8sKinds = ['ServiceAccount', 'Deployment', 'StatefulSet', 'Pod', 'Job', 'CronJob', 'DaemonSet', 'ExternalSecret'];
    const hasK8s = k8sKinds.some((k) => ctx.ofType(k).length > 0);
    return { byName, hasAws, hasK8s };
  });
}

/** A name property that has exactly one possible literal value (resolved through the value layer), else undefined. */
export function literalName(r: Resource, ctx: RuleContext, property: string): string | undefined {
  const alts = valuesOf(r, ctx).alts(property);
  return alts.length === 1 && typeof alts[0].value === 'string' && !hasTokens(alts[0].value) ? alts[0].value : undefined;
}

/** A web-identity trust statement of a role: the OIDC issuer and its exact `sub` / `aud` conditions. */
export interface OidcTrust {
  issuer: string;
  subjects: string[];
  audiences: string[];
  /** The subject condition uses StringLike (wildcards possible). */
  wildcard: boolean;
}

/** The OIDC (IRSA) trust statements of an IAM role resource, in every possible value of its trust policy. */
export function oidcTrusts(role: Resource, ctx: RuleContext): OidcTrust[] {
  const out: OidcTrust[] = [];
  for (const { docs } of documentsOf(role, ctx, 'trust')) {
    for (const d of docs) {
      for (const ps of d.statements) {
        for (const st of ps.alts) {
          if (st.effect !== 'Allow' || statementCovers(st, 'sts:AssumeRoleWithWebIdentity') !== true) continue;
          const keys = conditionKeys(st);
          for (const [key, tests] of keys) {
            const m = /^(.*):sub$/.exec(key);
            if (!m) continue;
            const issuer = m[1];
            const audiences = (keys.get(`${issuer}:aud`) ?? []).filter((c) => /^String(Equals|Like)$/.test(c.operator)).flatMap((c) => list(c.value)).filter((x): x is string => typeof x === 'string');
            for (const t of tests) {
              if (!/^String(Equals|Like)$/.test(t.operator)) continue;
              out.push({ issuer, subjects: list(t.value).filter((x): x is string => typeof x === 'string'), audiences, wildcard: t.operator === 'StringLike' });
            }
          }
        }
      }
    }
  }
  return out;
}

/** `system:serviceaccount:<ns>:<name>` */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}
