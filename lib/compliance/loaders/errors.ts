import * as fs from 'fs';

/**
 * An input that cannot be read or parsed. The CLI turns it into exit code 2 with a message that
 * names the file and, where known, the position; never a stack trace.
 */
export class InputError extends Error {
  constructor(public readonly file: string, public readonly detail: string, public readonly line?: number, public readonly column?: number) {
    super(`${file}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${detail}`);
    this.name = 'InputError';
    Object.setPrototypeOf(this, InputError.prototype);
  }
}

/** Files larger than this are refused (bounded memory). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Whether a buffer looks binary (NUL byte in the first 8 KiB). */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/**
 * Reads an input file as UTF-8 text with bounded size; refuses binary files.
 * @param expected what the file should be, for the message (e.g. "Kubernetes YAML")
 */
export function readInputText(file: string, expected: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (stat.size > MAX_INPUT_BYTES) throw new InputError(file, `file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
  const buf = fs.readFileSync(file);
  if (looksBinary(buf)) throw new InputError(file, `binary file, expected ${expected}`);
  return buf.toString('utf8');
}
