/**
 * The one reader of the JSON lists this library keeps in Kubernetes annotations
 * (`secure-constructs.dev/suppressions`, `secure-constructs.dev/overrides`). The loader reports what it cannot read
 * as an input problem; the writers (the constructs, at synth) refuse to append to content they cannot read, so
 * nothing written by hand through an escape hatch is silently dropped.
 */

/** The items of an annotation list, or why it is not one. */
export type AnnotationList =
  | { readonly items: readonly unknown[]; readonly error?: undefined }
  | { readonly items?: undefined; readonly error: string };

/** Reads an annotation value that must hold a JSON array (absent = empty). */
export function parseAnnotationList(value: unknown): AnnotationList {
  if (value === undefined || value === null) return { items: [] };
  if (typeof value !== 'string') return { error: 'is not a string (annotation values are strings holding a JSON list)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { error: 'is not valid JSON' };
  }
  if (!Array.isArray(parsed)) return { error: 'must be a JSON list' };
  return { items: parsed };
}

/**
 * The items of an annotation list that a construct is about to extend. Throws when the current content cannot be
 * read (instead of replacing it), naming where it was found.
 */
export function annotationListForAppend(value: unknown, where: string, key: string): unknown[] {
  const list = parseAnnotationList(value);
  if (list.error !== undefined) {
    throw new Error(`${where}: annotation ${key} ${list.error}, so the entries this library adds cannot be merged into it. `
      + 'Fix: write it as a JSON list of {"id", "reason"} (suppressions) or {"property", "reason"} (overrides), or remove it.');
  }
  return [...list.items];
}
