import { str } from '../pod';

/** The parts of a container image reference. */
export interface ImageRef {
  /** Repository, with the registry if any: `registry.example.com:5000/team/app`. */
  readonly repository: string;
  readonly tag?: string;
  /** Digest, e.g. `sha256:abc...`. */
  readonly digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Parses an image reference (`[registry[:port]/]repo[:tag][@digest]`). */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag: tag === '' ? undefined : tag, digest: digest === '' ? undefined : digest };
}

/** Whether an image reference is pinned by a well-formed digest. */
export function pinnedByDigest(ref: ImageRef): boolean {
  return ref.digest !== undefined && DIGEST.test(ref.digest);
}

/** The image of a container, when it is a non-empty string. */
export function imageOf(container: Record<string, any>): string | undefined {
  const image = str(container.image)?.trim();
  return image ? image : undefined;
}
