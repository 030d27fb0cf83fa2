import { ValidationError } from '../../lib/core/errors';

/** The ValidationError `fn` throws; fails the test when it throws something else or nothing. */
export function errorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw new Error(`expected a ValidationError, got ${String(e)}`);
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}
