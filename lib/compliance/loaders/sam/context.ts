/**
 * The state of one template's expansion: the resources produced so far, where each came from (for file, line and
 * suppressions), and what could not be expanded (unchecked notes, reported by `aws-template-unchecked-resource`).
 */
import { InputError } from '../errors';
import { obj } from './common';

/** Metadata key, on an expanded resource, that lists what could not be checked on it. */
export const UNCHECKED_METADATA_KEY = 'secure-constructs:unchecked';
/** Metadata key, on a generated resource, that names the SAM resource(s) it was generated from. */
export const EXPANDED_FROM_METADATA_KEY = 'secure-constructs:expanded-from';

/** Something the expansion could not turn into checkable CloudFormation. */
export interface UncheckedNote {
  /** Finding id, stable across runs: e.g. `type:AWS::Serverless::StateMachine`, `policy-template:FooPolicy`. */
  readonly id: string;
  /** What was not expanded and why it matters. */
  readonly reason: string;
  /** `error`: not checked at all; `warning`: expanded on an assumption that cannot be verified offline. */
  readonly severity: 'error' | 'warning';
}

/** Resource attributes SAM copies to every resource it generates. */
const PASSTHROUGH_ATTRIBUTES = ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy'] as const;

/** The SAM-side view of one template resource. */
export interface SamResource {
  readonly id: string;
  readonly type: string;
  /** Properties after Globals were merged in. */
  readonly props: Record<string, any>;
  /** The resource entry as written (attributes, Metadata). */
  readonly entry: Record<string, any>;
}

export class Expansion {
  /** The expanded Resources, in output order. */
  public readonly resources: Record<string, any> = {};
  public readonly lines = new Map<string, number>();
  /** Generated logical id -> the SAM resources it came from (suppressions declared there apply to it). */
  public readonly origins = new Map<string, string[]>();
  /** Notes about the template as a whole (macros, includes). */
  public readonly templateNotes: UncheckedNote[] = [];
  private readonly generated = new Set<string>();
  /** Notes about resources not added yet (recorded when they are). */
  private readonly pending = new Map<string, UncheckedNote[]>();

  constructor(public readonly file: string, public readonly inputLines: Map<string, number>, public readonly input: Record<string, any>) {}

  /** Copies a resource of the input as it is. */
  public keep(id: string, entry: any): void {
    this.resources[id] = entry;
    const line = this.inputLines.get(id);
    if (line !== undefined) this.lines.set(id, line);
    this.flush(id);
  }

  /**
   * Adds a generated resource. `main` marks the resource that keeps the SAM resource's own logical id (it gets
   * DependsOn, Metadata and UpdatePolicy as SAM does); all get Condition, DeletionPolicy and UpdateReplacePolicy.
   */
  public add(
    id: string,
    type: string,
    properties: Record<string, any> | undefined,
    from: SamResource | SamResource[],
    opts: { main?: boolean; attributes?: Record<string, any> } = {},
  ): Record<string, any> {
    const sources = Array.isArray(from) ? from : [from];
    if (this.generated.has(id) || (id in this.input && !sources.some((s) => s.id === id))) {
      throw new InputError(this.file, `SAM would generate the resource ${id} (from ${sources.map((s) => s.id).join(', ')}), but the template already has a resource with that logical id`, this.inputLines.get(id));
    }
    this.generated.add(id);
    const first = sources[0];
    const entry: Record<string, any> = { Type: type };
    for (const a of PASSTHROUGH_ATTRIBUTES) if (first && first.entry[a] !== undefined) entry[a] = first.entry[a];
    const md: Record<string, any> = {};
    if (opts.main && first) {
      if (first.entry.DependsOn !== undefined) entry.DependsOn = first.entry.DependsOn;
      if (first.entry.UpdatePolicy !== undefined) entry.UpdatePolicy = first.entry.UpdatePolicy;
      Object.assign(md, withoutSuppressions(first.entry.Metadata));
    }
    // stand-ins (the implicit APIs) are not template resources: name the resources the user wrote
    const named = sources.filter((s) => s.id in this.input);
    md[EXPANDED_FROM_METADATA_KEY] = named.length === 1 ? named[0].id : named.map((s) => s.id);
    entry.Metadata = md;
    Object.assign(entry, opts.attributes ?? {});
    if (properties !== undefined) entry.Properties = properties;
    this.resources[id] = entry;
    this.origins.set(id, named.map((s) => s.id));
    const line = sources.map((s) => this.inputLines.get(s.id)).find((l) => l !== undefined);
    if (line !== undefined) this.lines.set(id, line);
    this.flush(id);
    return entry;
  }

  private flush(id: string): void {
    const notes = this.pending.get(id);
    this.pending.delete(id);
    for (const n of notes ?? []) this.note(id, n);
  }

  /** Logical ids that were noted on but never added (a bug in the expansion if not empty). */
  public unresolvedNotes(): string[] {
    return [...this.pending.keys()];
  }

  /** Records that (part of) an output resource could not be checked. */
  public note(id: string, note: UncheckedNote): void {
    let entry = this.resources[id];
    if (!entry) {
      this.pending.set(id, [...(this.pending.get(id) ?? []), note]);
      return;
    }
    if (entry === this.input[id]) {
      // a kept input resource: never write into the parsed template
      entry = this.resources[id] = { ...entry, Metadata: { ...(obj(entry.Metadata) ?? {}) } };
    }
    const md = obj(entry.Metadata) ? entry.Metadata : (entry.Metadata = {});
    const list: UncheckedNote[] = Array.isArray(md[UNCHECKED_METADATA_KEY]) ? md[UNCHECKED_METADATA_KEY] : (md[UNCHECKED_METADATA_KEY] = []);
    if (!list.some((n) => n.id === note.id)) list.push(note);
  }

  /** Records that the template as a whole could not be fully checked. */
  public noteTemplate(note: UncheckedNote): void {
    if (!this.templateNotes.some((n) => n.id === note.id)) this.templateNotes.push(note);
  }
}

/** Metadata without our suppressions and cdk-nag's (they are shared with every generated resource instead). */
function withoutSuppressions(md: unknown): Record<string, any> {
  const m = obj(md);
  if (!m) return {};
  const out: Record<string, any> = { ...m };
  delete out.cdk_nag;
  const ours = obj(out['secure-constructs']);
  if (ours) {
    const rest = { ...ours };
    delete rest.suppressions;
    if (Object.keys(rest).length > 0) out['secure-constructs'] = rest;
    else delete out['secure-constructs'];
  }
  return out;
}
