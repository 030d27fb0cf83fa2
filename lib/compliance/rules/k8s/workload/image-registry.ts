import { canonicalName } from '../../../../core/image-reference';
import { NOT_APPLICABLE, RuleContext, RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, containersOf, label } from '../pod';
import { imageOf, parseImage } from './image';

export const IMAGE_REGISTRY_RULE_ID = 'k8s-workload-image-registry';

/** One allowed registry: an exact host (with port), optionally narrowed to a repository path prefix. */
export interface AllowedRegistry {
  /** As configured. */
  readonly entry: string;
  /** Lowercased host[:port]; Docker Hub's aliases are `docker.io`. */
  readonly host: string;
  /** Repository path prefix, matched at `/` boundaries (empty: the whole registry). */
  readonly path: string;
  /** Docker Hub, one name (`docker.io/nginx`): the official image's path too (`library/nginx`). */
  readonly officialPath?: string;
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;
const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * Parses one allowlist entry: `host[:port]` or `host[:port]/path/prefix[/]`. Returns the problem for an entry that
 * is not one (a scheme, a wildcard, white space, an empty host): those would not match what a user expects.
 */
export function parseAllowedRegistry(entry: string): AllowedRegistry | string {
  if (typeof entry !== 'string') return `${JSON.stringify(entry)} is not a string`;
  const e = entry.trim();
  if (e === '') return 'an entry is empty';
  if (e.includes('://')) return `"${e}" has a scheme; give the registry host, e.g. "ghcr.io/acme/"`;
  if (/[\s*?@]/.test(e)) return `"${e}" has white space, a wildcard or "@"; entries are exact hosts, optionally with a repository prefix`;
  const slash = e.indexOf('/');
  const host = (slash < 0 ? e : e.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : e.slice(slash + 1).replace(/\/+$/, '');
  if (!HOST.test(host)) return `"${host}" is not a registry host[:port]`;
  if (path !== '' && !PATH.test(path)) return `"${path}" is not a repository path prefix`;
  const hub = DOCKER_HUB.has(host);
  // one name on Docker Hub (`docker.io/nginx`) is read both ways: the official image docker.io/library/nginx (as docker
  // reads that string in an image reference) and the organization nginx (as a path prefix)
  const official = hub && path !== '' && path !== 'library' && !path.includes('/') ? `library/${path}` : undefined;
  return { entry: e, host: hub ? 'docker.io' : host, path, ...(official ? { officialPath: official } : {}) };
}

/** The configured allowlist (undefined: not configured); a malformed setting throws, so the run reports it as an error. */
export function allowedRegistries(ctx: RuleContext): readonly AllowedRegistry[] | undefined {
  const options = ctx.optionsFor(IMAGE_REGISTRY_RULE_ID);
  if (options === undefined) return undefined;
  return ctx.memo(`${IMAGE_REGISTRY_RULE_ID}:allowlist`, () => {
    const list = options.registries;
    if (!Array.isArray(list)) throw new Error(`settings of ${IMAGE_REGISTRY_RULE_ID}: "registries" must be a list of registry hosts (got ${JSON.stringify(list)})`);
    return list.map((e) => {
      const r = parseAllowedRegistry(e);
      if (typeof r === 'string') throw new Error(`settings of ${IMAGE_REGISTRY_RULE_ID}: ${r}`);
      return r;
    });
  });
}

/** Whether an allowlist entry covers a (canonical) registry and path: the host exactly, the path at a `/` boundary. */
export function registryAllows(a: AllowedRegistry, registry: string, path: string): boolean {
  if (registry !== a.host) return false;
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  return a.path === '' || under(a.path) || (a.officialPath !== undefined && under(a.officialPath));
}

/**
 * Images come only from the registries the user allows. Off until configured: with no settings for this rule it is
 * not applicable and reports nothing. Settings: `{ registries: ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ghcr.io/acme/'] }`
 * (CLI: `--allowed-registries a,b`). The registry host must match exactly (so `ghcr.io.evil.com` is not `ghcr.io`), a
 * path prefix matches whole path components (`ghcr.io/acme/` is not `ghcr.io/acme-evil/`), and an image without a
 * registry is on Docker Hub (`nginx` is `docker.io/library/nginx`; a one-name Docker Hub entry such as `docker.io/nginx`
 * allows that official image and the organization of that name). An image reference that cannot be parsed is a
 * finding: its registry cannot be told.
 */
export const K8S_WORKLOAD_IMAGE_REGISTRY = defineRule({
  id: IMAGE_REGISTRY_RULE_ID,
  title: 'Container images come from an allowed registry',
  description: 'A container image is pulled from a registry (or repository) that is not on the configured allowlist. The rule is off until an allowlist is configured.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:supply-chain', 'CIS-K8S:5.5.1', 'NIST-800-53-R5:CM-7', 'NIST-800-53-R5:SR-3', 'NIST-800-53-R5:SA-9'],
  options: { registries: 'The allowlist: registry hosts, optionally with a repository prefix (e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com, ghcr.io/acme/); the rule is off until it is set.' },
  remediation: 'Mirror the image into an allowed registry and reference it there, or add its registry to the allowlist (--allowed-registries or the rule settings) if it is trusted.',
  evaluate: (resource, ctx) => {
    const allowed = allowedRegistries(ctx);
    if (allowed === undefined) return NOT_APPLICABLE;
    const list = allowed.map((a) => a.entry).join(', ') || '(none)';
    return checkPod(resource, (pod) => {
      const findings: RuleFinding[] = [];
      for (const c of containersOf(pod)) {
        const image = imageOf(c.container);
        if (!image) {
          findings.push({ id: c.id, message: `${label(c)} has no image, so its registry cannot be checked against the allowlist.` });
          continue;
        }
        const ref = parseImage(image);
        if (ref.problem !== undefined) {
          findings.push({ id: c.id, message: `${label(c)} image "${image}" is not a valid image reference (${ref.problem}), so its registry cannot be told.` });
          continue;
        }
        const { registry, path } = canonicalName(ref);
        if (!allowed.some((a) => registryAllows(a, registry, path))) {
          findings.push({ id: c.id, message: `${label(c)} image "${image}" comes from ${registry}/${path}, which is not on the allowed registries (${list}).` });
        }
      }
      return findings;
    });
  },
});
