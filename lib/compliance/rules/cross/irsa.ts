import { RuleContext, Resource } from '../../model';

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
      const name = r.body.Properties?.RoleName;
      if (typeof name === 'string') byName.set(name, r);
    }
    const hasAws = ctx.ofType('AWS::IAM::Role').length > 0 || ctx.ofType('AWS::SecretsManager::Secret').length > 0;
    const k8sKinds = ['ServiceAccount', 'Deployment', 'StatefulSet', 'Pod', 'Job', 'CronJob', 'DaemonSet', 'ExternalSecret'];
    const hasK8s = k8sKinds.some((k) => ctx.ofType(k).length > 0);
    return { byName, hasAws, hasK8s };
  });
}

function asList<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** A web-identity trust statement of a role: the OIDC issuer and its exact `sub` / `aud` conditions. */
export interface OidcTrust {
  issuer: string;
  subjects: string[];
  audiences: string[];
  /** The subject condition uses StringLike (wildcards possible). */
  wildcard: boolean;
}

/** The OIDC (IRSA) trust statements of an IAM role resource. */
export function oidcTrusts(role: Resource): OidcTrust[] {
  const doc = role.body.Properties?.AssumeRolePolicyDocument;
  const out: OidcTrust[] = [];
  for (const st of asList<any>(doc?.Statement)) {
    if (st?.Effect !== 'Allow') continue;
    if (!asList<string>(st.Action).some((a) => a === 'sts:AssumeRoleWithWebIdentity')) continue;
    const cond = st.Condition ?? {};
    for (const op of ['StringEquals', 'StringLike']) {
      const c = cond[op] ?? {};
      for (const [key, value] of Object.entries<any>(c)) {
        const m = /^(.*):sub$/.exec(key);
        if (!m) continue;
        const issuer = m[1];
        const audKey = `${issuer}:aud`;
        const audiences = asList<string>(cond.StringEquals?.[audKey] ?? cond.StringLike?.[audKey]).filter((x) => typeof x === 'string');
        out.push({ issuer, subjects: asList<string>(value).filter((x) => typeof x === 'string'), audiences, wildcard: op === 'StringLike' });
      }
    }
  }
  return out;
}

/** `system:serviceaccount:<ns>:<name>` */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}
