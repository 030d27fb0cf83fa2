/**
 * The one container image reference parser (the distribution/OCI reference grammar), shared by the Kubernetes
 * constructs and the compliance rules, so that they always agree on what an image reference is, where its registry
 * ends and whether it is pinned by digest.
 *
 * Grammar (github.com/distribution/reference):
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ domain "/" ] path-component ( "/" path-component )*
 *   domain     := host [ ":" port ]          (the first component is a domain when it has a "." or a ":", is
 *                                            "localhost" or an IPv6 literal in brackets, and more components follow)
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest     := algorithm ":" encoded
 *
 * Pinned by digest means a digest of a registered OCI algorithm in its exact form (OCI image-spec, descriptor.md):
 * `sha256:` and 64 lowercase hex digits, or `sha512:` and 128 lowercase hex digits. Any other algorithm, uppercase
 * hex or another length is not a pin (a runtime may reject it, or resolve it in ways that cannot be checked).
 */

/** The parts of an image reference. Never throws; `problem` says why a reference is not valid. */
export interface ImageReference {
  /** The reference as given (trimmed). */
  readonly image: string;
  /** The registry host (with port) as written, when the reference names one: `registry.example.com:5000`. */
  readonly registry?: string;
  /** The repository path, without the registry: `team/app`. */
  readonly path: string;
  /** Registry and path as written: `registry.example.com:5000/team/app` (what `docker pull` calls the name). */
  readonly repository: string;
  /** Tag, if any. */
  readonly tag?: string;
  /** Digest as written (`sha256:...`), if any. */
  readonly digest?: string;
  /** Whether the digest is a well-formed digest of a registered algorithm (sha256, sha512). */
  readonly pinned: boolean;
  /** Why the reference is not valid, when it is not (undefined: valid). */
  readonly problem?: string;
}

/** Registered OCI digest algorithms and the exact form of their encoded part. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, RegExp>> = Object.freeze({
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/,
});

const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/** The general digest grammar (any algorithm); a digest must match it and a registered algorithm to pin. */
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** The longest reference considered (docker's limit on a name is 255; tags and digests add at most ~200). */
const MAX_LENGTH = 1024;

/** Why a digest does not pin an image, or undefined when it does. */
export function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  if (colon < 0 || !DIGEST_GRAMMAR.test(digest)) return `"${digest}" is not a digest (algorithm:hex)`;
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const form = Object.prototype.hasOwnProperty.call(DIGEST_ALGORITHMS, algorithm) ? DIGEST_ALGORITHMS[algorithm] : undefined;
  if (!form) return `digest algorithm "${algorithm}" is not a registered OCI algorithm (sha256, sha512)`;
  if (form.test(encoded)) return undefined;
  if (/[A-F]/.test(encoded)) return `the ${algorithm} digest has uppercase hex digits (the OCI form is lowercase)`;
  const length = algorithm === 'sha256' ? 64 : 128;
  return `the ${algorithm} digest has ${encoded.length} characters, not ${length} lowercase hex digits`;
}

/** Whether a digest string pins an image: `sha256:` + 64 or `sha512:` + 128 lowercase hex digits. */
export function isPinnedDigest(digest: string | undefined): boolean {
  return digest !== undefined && digestProblem(digest) === undefined;
}

function isDomain(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}

/**
 * Parses an image reference (`[registry[:port]/]path[:tag][@digest]`). Lenient: any string gives a result, split the
 * way a container runtime splits it; `problem` is set when the reference breaks the grammar, and `pinned` only
 * when the digest is a registered algorithm in its exact form.
 */
export function parseImageReference(input: string): ImageReference {
  // the same references are read by several rules (digest, tag, registry, pull policy, signatures) and repeat across
  // objects: parsed once each (the results are read-only), in a bounded cache
  if (typeof input !== 'string') return parseUncached(input);
  let hit = PARSED.get(input);
  if (hit === undefined) {
    if (PARSED.size >= MAX_CACHED) PARSED.clear();
    PARSED.set(input, (hit = parseUncached(input)));
  }
  return hit;
}

const PARSED = new Map<string, ImageReference>();
const MAX_CACHED = 10_000;

function parseUncached(input: string): ImageReference {
  const image = typeof input === 'string' ? input.trim() : '';
  let rest = image;
  let problem: string | undefined;
  if (image === '') problem = 'the image reference is empty';
  else if (image.length > MAX_LENGTH) problem = `the image reference is longer than ${MAX_LENGTH} characters`;
  else if (typeof input === 'string' && input !== image) problem = 'the image reference has leading or trailing white space';
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (digest === '') {
      digest = undefined;
      problem ??= 'the image reference ends with "@" but has no digest';
    } else {
      const dp = digestProblem(digest);
      if (dp) problem ??= dp;
    }
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') {
      tag = undefined;
      problem ??= 'the image reference ends with ":" but has no tag';
    } else if (!TAG.test(tag)) {problem ??= `tag "${tag}" is not valid (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;}
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  let path = rest;
  if (parts.length > 1 && isDomain(parts[0])) {
    registry = parts[0];
    path = parts.slice(1).join('/');
    if (!DOMAIN.test(registry)) problem ??= `registry "${registry}" is not a valid host[:port]`;
  }
  if (!PATH.test(path)) problem ??= `repository "${path}" is not valid (lowercase letters, digits and separators ".", "_", "__", "-", components joined by "/")`;
  return { image, registry, path, repository: rest, tag, digest, pinned: isPinnedDigest(digest), problem };
}

/** Docker Hub's host names, all the same registry. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** The registry and path a runtime pulls from: `nginx` is `docker.io/library/nginx`; host names lowercased. */
export function canonicalName(ref: ImageReference): { readonly registry: string; readonly path: string } {
  const host = (ref.registry ?? 'docker.io').toLowerCase();
  if (DOCKER_HUB.has(host)) return { registry: 'docker.io', path: ref.path.includes('/') ? ref.path : `library/${ref.path}` };
  return { registry: host, path: ref.path };
}
