/**
 * A written reason for weakening a secure default.
 *
 * Every option that weakens a default takes one of these. The reason must be at least
 * 10 characters; it is recorded on the synthesized object (annotation
 * `secure-constructs.dev/overrides`) and shows up in the compliance report.
 */
export interface Justification {
  /** Why the weaker setting is acceptable. At least 10 characters. */
  readonly reason: string;
}
