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

/** What a path is, for messages about inputs that are not regular files. */
export function fileTypeName(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a file with bounded memory: only regular files (checked on the opened descriptor, so a path swapped for a
 * pipe or a device cannot block or stream forever), at most `max` bytes whatever the file system reports.
 */
export function readInputBytes(file: string, max = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new InputError(file, `${fileTypeName(stat)}, not a regular file: only regular files are read`);
    if (stat.size > max) throw new InputError(file, `file is larger than ${max / 1024 / 1024} MiB`);
    // read into one buffer of the reported size (plus one byte, to see a file that grew); never more than max + 1
    let buf = Buffer.allocUnsafe(Math.min(max + 1, stat.size + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > max) throw new InputError(file, `file is larger than ${max / 1024 / 1024} MiB (it grew while being read)`);
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(buf.length * 2, 65536)));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > max) throw new InputError(file, `file is larger than ${max / 1024 / 1024} MiB (it grew while being read)`);
    return buf.subarray(0, total);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Position (1-based line and column) of the first byte that is not valid UTF-8. */
function invalidUtf8At(buf: Buffer): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    let n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n > 1) {
      try {
        strictDecoder.decode(buf.subarray(i, i + n));
      } catch {
        n = 0;
      }
    }
    if (n === 0 || i + n > buf.length) return { line, column: i - lineStart + 1 };
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += n;
  }
  return { line, column: 1 };
}

/** Options of readInputText. */
export interface ReadTextOptions {
  /** Refuse bytes that are not UTF-8 (go-yaml refuses them) instead of replacing them with U+FFFD. */
  readonly strictUtf8?: boolean;
}

/**
 * Reads an input file as UTF-8 text with bounded size; refuses binary files and anything but regular files.
 * @param expected what the file should be, for the message (e.g. "Kubernetes YAML")
 */
export function readInputText(file: string, expected: string, options: ReadTextOptions = {}): string {
  return decodeInputText(file, readInputBytes(file), expected, options);
}

/** A JSON file (a cloud assembly's manifest, CDK's validation report...), parsed; an InputError when it is not JSON. */
export function readJsonInput(file: string): any {
  const text = readInputText(file, 'a JSON file');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `invalid JSON: ${(e as Error).message}`);
  }
}

/** The text of bytes read with readInputBytes; refuses binary content (and invalid UTF-8 with `strictUtf8`). */
export function decodeInputText(file: string, buf: Buffer, expected: string, options: ReadTextOptions = {}): string {
  if (looksBinary(buf)) throw new InputError(file, `binary file, expected ${expected}`);
  if (!options.strictUtf8) return buf.toString('utf8');
  try {
    return strictDecoder.decode(buf);
  } catch {
    const at = invalidUtf8At(buf);
    throw new InputError(file, `not valid UTF-8 text (kubectl's YAML reader refuses it), expected ${expected}`, at.line, at.column);
  }
}
