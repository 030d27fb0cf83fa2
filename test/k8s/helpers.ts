import { Chart, Testing } from 'cdk8s';
import { ValidationError } from '../../lib/core/errors';

/** Synthesizes a chart into its list of objects. */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The objects of one kind (optionally with one name). */
export function objectsOf(manifest: any[], kind: string, name?: string): any[] {
  return manifest.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
}

/** The one object of a kind (optionally with a name); fails when there is not exactly one. */
export function only(manifest: any[], kind: string, name?: string): any {
  const list = objectsOf(manifest, kind, name);
  if (list.length !== 1) throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${list.length}: ${manifest.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return list[0];
}

/** Runs `fn` and returns the ValidationError it throws (fails when it throws nothing or something else). */
export function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw new Error(`expected a ValidationError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

/** Asserts that `fn` throws a ValidationError for `path` naming `property` (and matching `problem`, if given). */
export function expectInvalid(fn: () => unknown, path: string, property: string, problem?: RegExp): ValidationError {
  const err = validationError(fn);
  expect(err.constructPath).toBe(path);
  const props = err.problems.map((p) => p.property);
  expect(props).toContain(property);
  expect(err.message).toContain(path);
  expect(err.message).toContain(property);
  if (problem) expect(err.problems.filter((p) => p.property === property).map((p) => `${p.problem} ${p.fix}`).join('\n')).toMatch(problem);
  return err;
}

/** Parsed `secure-constructs.dev/overrides` annotation of an object. */
export function overridesOf(obj: any): { property: string; reason: string }[] {
  const raw = obj?.metadata?.annotations?.['secure-constructs.dev/overrides'];
  return raw ? JSON.parse(raw) : [];
}

/** Parsed `secure-constructs.dev/suppressions` annotation of an object. */
export function suppressionsOf(obj: any): { id: string; reason: string }[] {
  const raw = obj?.metadata?.annotations?.['secure-constructs.dev/suppressions'];
  return raw ? JSON.parse(raw) : [];
}

/** A sha256 digest for pinned test images. */
export const DIGEST = `sha256:${'a'.repeat(64)}`;
/** A digest-pinned test image. */
export const IMAGE = `registry.example.com/team/app:1.2.3@${DIGEST}`;
