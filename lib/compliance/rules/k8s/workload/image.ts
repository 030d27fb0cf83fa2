import { ImageReference, parseImageReference } from '../../../../core/image-reference';
import { ContainerRef, PodInfo, containersOf, str } from '../pod';

/**
 * The parts of a container image reference, as the rules read them. The parsing is the shared one of
 * lib/core/image-reference.ts (the constructs use the same parser).
 */
export type ImageRef = ImageReference;

/** Parses an image reference (`[registry[:port]/]repo[:tag][@digest]`); never throws. */
export function parseImage(image: string): ImageRef {
  return parseImageReference(image);
}

/** Whether an image reference is pinned by a digest of a registered algorithm (sha256: 64, sha512: 128 lowercase hex digits). */
export function pinnedByDigest(ref: ImageRef): boolean {
  return ref.pinned;
}

/** The image of a container, when it is a non-empty string. */
export function imageOf(container: Record<string, any>): string | undefined {
  const image = str(container.image)?.trim();
  return image ? image : undefined;
}

/** A container of a pod spec that names an image, with the image parsed. */
export interface ContainerImage {
  readonly container: ContainerRef;
  readonly image: string;
  readonly ref: ImageRef;
}

/**
 * The containers of a pod spec that name an image, each with its parsed reference: what the image rules iterate.
 * Containers without an image are left to the rules that report them (registry allowlist, signed images).
 */
export function containerImages(pod: PodInfo): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const c of containersOf(pod)) {
    const image = imageOf(c.container);
    if (image) out.push({ container: c, image, ref: parseImage(image) });
  }
  return out;
}
