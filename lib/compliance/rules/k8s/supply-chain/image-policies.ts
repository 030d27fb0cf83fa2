/**
 * Reads the image-verification admission policies of a run (Kyverno `ClusterPolicy` / `Policy` with `verifyImages`,
 * sigstore policy-controller `ClusterImagePolicy`) into one shape, and decides whether one of them verifies a given
 * image in a given namespace. Decisions fail closed: a match or exclude clause this reader cannot evaluate offline
 * (label selectors, user filters, preconditions...) means "not certainly covered".
 */
import { Resource, RuleContext } from '../../../model';
import { arr, obj, str } from '../pod';
import { parseImage } from '../workload/image';

/** One enforcing image-verification rule, reduced to what decides coverage. */
export interface ImageVerifier {
  /** The policy object (`ClusterPolicy/name`...). */
  readonly policy: string;
  readonly engine: 'kyverno' | 'policy-controller';
  /** Whether it blocks (Kyverno Enforce, policy-controller enforce) and requires a signature. */
  readonly enforcing: boolean;
  /** Why it does not count, when it does not. */
  readonly weakness?: string;
  /** The image patterns as written. */
  readonly patterns: readonly string[];
  /** Whether it applies to workloads of `kind` in `namespace`: true, or why not. */
  appliesTo(kind: string, namespace: string, ctx: RuleContext): true | string;
  /** Whether it verifies `image` (as every normalized form of it). */
  verifies(image: string): boolean;
}

const KYVERNO_KINDS = ['ClusterPolicy', 'Policy'];

/** `*` any characters (also `/`), `?` one: Kyverno's wildcard semantics. */
function wildcard(pattern: string): RegExp {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/** policy-controller globs: `**` any characters, `*` any but `/`, `?` one. */
function glob(pattern: string): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      body += '.*';
      i++;
    } else if (c === '*') {body += '[^/]*';} else if (c === '?') {body += '[^/]';} else {body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');}
  }
  return new RegExp(`^${body}$`, 's');
}

/**
 * The forms an admission controller may compare an image reference in: as written, and with the default registry
 * Docker Hub adds (`docker.io/x`, `docker.io/library/x`, `index.docker.io/...`). A pattern verifies an image only if
 * it matches every form, so no spelling of the same reference slips past a pattern the controller applies differently.
 */
export function imageForms(image: string): string[] {
  const ref = parseImage(image);
  if (ref.registry !== undefined) return [image];
  const suffix = image.slice(ref.repository.length);
  const path = ref.repository;
  const forms = [image, `docker.io/${path}${suffix}`, `index.docker.io/${path}${suffix}`];
  if (!path.includes('/')) forms.push(`docker.io/library/${path}${suffix}`, `index.docker.io/library/${path}${suffix}`);
  return forms;
}

function strings(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

/** Resource filter fields that narrow a match in ways this reader does not evaluate. */
const UNEVALUATED_FILTER_FIELDS = ['selector', 'namespaceSelector', 'name', 'names', 'annotations', 'operations'];
const UNEVALUATED_USER_FIELDS = ['subjects', 'roles', 'clusterRoles'];

function kindMatches(kinds: string[], kind: string): boolean {
  return kinds.some((k) => {
    const bare = k.split('/').pop()!;
    return bare === '*' || bare === 'Pod' || bare === kind;
  });
}

/** A Kyverno resource filter (`{resources: {...}, subjects...}`) certainly matching the workload: true, false or undefined (cannot tell). */
function filterMatches(
  f: Record<string, any>,
  kind: string,
  namespace: string,
  policyNamespace: string | undefined,
  exclude: boolean,
): boolean | undefined {
  const r = obj(f.resources) ?? {};
  const kinds = strings(r.kinds);
  // an exclude filter without kinds excludes every kind
  if (!(exclude && kinds.length === 0) && !kindMatches(kinds, kind)) return false;
  const nss = strings(r.namespaces);
  if (nss.length > 0 && !nss.some((n) => wildcard(n).test(namespace))) return false;
  if (policyNamespace !== undefined && policyNamespace !== namespace) return false;
  if (UNEVALUATED_FILTER_FIELDS.some((k) => r[k] !== undefined) || UNEVALUATED_USER_FIELDS.some((k) => f[k] !== undefined)) return undefined;
  return true;
}

/** Kyverno `match` / `exclude`: `any` (one filter), `all` (every filter), or the legacy single `resources` form. */
function clauseMatches(clause: unknown, kind: string, namespace: string, policyNamespace: string | undefined, exclude = false): boolean | undefined {
  const c = obj(clause);
  if (!c) return false;
  const any = arr(c.any).map(obj).filter((x): x is Record<string, any> => !!x);
  const all = arr(c.all).map(obj).filter((x): x is Record<string, any> => !!x);
  const results: (boolean | undefined)[] = [];
  if (any.length > 0) {
    const r = any.map((f) => filterMatches(f, kind, namespace, policyNamespace, exclude));
    results.push(r.includes(true) ? true : r.includes(undefined) ? undefined : false);
  }
  if (all.length > 0) {
    const r = all.map((f) => filterMatches(f, kind, namespace, policyNamespace, exclude));
    results.push(r.includes(false) ? false : r.includes(undefined) ? undefined : true);
  }
  if (c.resources !== undefined) results.push(filterMatches(c, kind, namespace, policyNamespace, exclude));
  if (results.length === 0) return false;
  return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
}

function kyvernoVerifiers(r: Resource): ImageVerifier[] {
  const body = obj(r.body) ?? {};
  const spec = obj(body.spec) ?? {};
  const policy = `${r.type}/${r.namespace ? `${r.namespace}/` : ''}${str(obj(body.metadata)?.name) ?? ''}`;
  const policyNamespace = r.type === 'Policy' ? r.namespace ?? 'default' : undefined;
  const policyEnforces = /^enforce$/i.test(str(spec.validationFailureAction) ?? 'Audit') && spec.admission !== false;
  const out: ImageVerifier[] = [];
  for (const rule of arr(spec.rules)) {
    const rl = obj(rule);
    if (!rl) continue;
    for (const vi of arr(rl.verifyImages)) {
      const v = obj(vi);
      if (!v) continue;
      const action = str(v.failureAction) ?? str(v.validationFailureAction);
      const enforces = action !== undefined ? /^enforce$/i.test(action) : policyEnforces;
      const attestors = arr(v.attestors).filter((a) => arr(obj(a)?.entries).length > 0);
      const weakness = !enforces ? 'it only audits (validationFailureAction is not Enforce)'
        : v.required === false ? 'it does not require a signature (required: false)'
          : attestors.length === 0 ? 'it names no attestor'
            : rl.preconditions !== undefined || rl.celPreconditions !== undefined ? 'its rule has preconditions, which this check cannot evaluate'
              : undefined;
      const patterns = [...strings(v.imageReferences), ...(typeof v.image === 'string' ? [v.image] : [])];
      const refs = patterns.map(wildcard);
      const skips = strings(v.skipImageReferences).map(wildcard);
      out.push({
        policy,
        engine: 'kyverno',
        patterns,
        enforcing: weakness === undefined,
        weakness,
        appliesTo: (kind, namespace) => {
          const m = clauseMatches(rl.match, kind, namespace, policyNamespace);
          if (m === false) return `its match does not select ${kind} objects in namespace ${namespace}`;
          if (m === undefined) return 'its match uses selectors or user filters that cannot be evaluated offline';
          if (rl.exclude !== undefined) {
            const e = clauseMatches(rl.exclude, kind, namespace, policyNamespace, true);
            if (e === true) return `it excludes namespace ${namespace}`;
            if (e === undefined && obj(rl.exclude) && Object.keys(obj(rl.exclude)!).length > 0) return 'its exclude clause may exclude this workload';
          }
          return true;
        },
        verifies: (image) => imageForms(image).every((f) => refs.some((re) => re.test(f)) && !skips.some((re) => re.test(f))),
      });
    }
  }
  return out;
}

function policyControllerVerifier(r: Resource): ImageVerifier {
  const body = obj(r.body) ?? {};
  const spec = obj(body.spec) ?? {};
  const mode = str(spec.mode) ?? 'enforce';
  const authorities = arr(spec.authorities).map(obj).filter((a): a is Record<string, any> => !!a);
  const passes = authorities.some((a) => obj(a.static) !== undefined && str(obj(a.static)?.action) !== 'fail');
  const weakness = mode !== 'enforce' ? `its mode is ${JSON.stringify(mode)}, not enforce`
    : authorities.length === 0 ? 'it names no authority'
      : passes ? 'an authority is a static pass (no signature is verified)'
        : spec.match !== undefined ? 'its match narrows the resources it checks, which this check cannot evaluate'
          : undefined;
  const patterns = arr(spec.images).map((i) => str(obj(i)?.glob)).filter((g): g is string => !!g);
  const globs = patterns.map(glob);
  return {
    policy: `ClusterImagePolicy/${str(obj(body.metadata)?.name) ?? ''}`,
    engine: 'policy-controller',
    patterns,
    enforcing: weakness === undefined,
    weakness,
    appliesTo: (_kind, namespace, ctx) => {
      const ns = namespaceObjects(ctx).get(namespace);
      if (!ns) return `policy-controller checks only namespaces labelled policy.sigstore.dev/include=true, and no Namespace object ${namespace} is among the checked manifests`;
      if (str(obj(obj(ns.body)?.metadata)?.labels?.['policy.sigstore.dev/include']) !== 'true') return `namespace ${namespace} is not labelled policy.sigstore.dev/include=true`;
      return true;
    },
    verifies: (image) => imageForms(image).every((f) => globs.some((re) => re.test(f))),
  };
}

function namespaceObjects(ctx: RuleContext): Map<string, Resource> {
  return ctx.memo('supply-chain:namespaces', () => new Map(ctx.ofType('Namespace').map((n) => [n.objectName ?? '', n])));
}

/** Every image-verification rule of the run (also non-enforcing ones, with their weakness), once per run. */
export function imageVerifiers(ctx: RuleContext): ImageVerifier[] {
  return ctx.memo('supply-chain:image-verifiers', () => [
    ...KYVERNO_KINDS.flatMap((k) => ctx.ofType(k).filter((r) => /^kyverno\.io\//.test(r.apiVersion ?? '')).flatMap(kyvernoVerifiers)),
    ...ctx.ofType('ClusterImagePolicy').filter((r) => /^policy\.sigstore\.dev\//.test(r.apiVersion ?? '')).map(policyControllerVerifier),
  ]);
}

/** Why `image` of a `kind` workload in `namespace` is not verified (undefined when an enforcing policy verifies it). */
export function unverifiedBecause(ctx: RuleContext, kind: string, namespace: string, image: string): string | undefined {
  const reasons: string[] = [];
  for (const v of imageVerifiers(ctx)) {
    if (!v.verifies(image)) continue;
    const applies = v.appliesTo(kind, namespace, ctx);
    if (applies !== true) reasons.push(`${v.policy}: ${applies}`);
    else if (!v.enforcing) reasons.push(`${v.policy}: ${v.weakness}`);
    else return undefined;
  }
  return reasons.length > 0 ? reasons.join('; ') : 'no image policy of the checked manifests names this image';
}
