import { parseImageReference } from '../../core/image-reference';

/** How an image reference is pinned. */
export interface ParsedImage {
  /** Registry and repository. */
  readonly repository: string;
  /** Tag, if any. */
  readonly tag?: string;
  /** Digest (`sha256:...`), if any. */
  readonly digest?: string;
}

/**
 * Parses an image reference with the shared parser (lib/core/image-reference.ts, also used by the rules);
 * returns undefined when it is not a valid reference (see imageProblem for why).
 */
export function parseImageRef(image: string): ParsedImage | undefined {
  if (typeof image !== 'string') return undefined;
  const ref = parseImageReference(image);
  if (ref.problem !== undefined) return undefined;
  return { repository: ref.repository, tag: ref.tag, digest: ref.digest };
}

/** Why an image reference is not valid (undefined when it is). */
export function imageProblem(image: unknown): string | undefined {
  if (typeof image !== 'string') return 'the image is not a string';
  return parseImageReference(image).problem;
}
