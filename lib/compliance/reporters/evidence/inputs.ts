/** sha256 digests of a run's inputs (files, and every regular file below a folder such as a cdk.out). */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** A file below a folder input. */
export interface InputFileDigest {
  /** Path relative to the folder, with forward slashes. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** One input of the run and its digest. */
export interface InputDigest {
  readonly path: string;
  /**
   * `file`, `directory`, `missing` (gone since the run read it), `other` (not a regular file or folder),
   * `construct-tree` (synth time: objects checked in memory; sha256 of their JSON).
   */
  readonly kind: 'file' | 'directory' | 'missing' | 'other' | 'construct-tree';
  /**
   * A file: the sha256 of its bytes. A folder: the sha256 of its `sha256sum`-style listing (`<sha256>  <path>\n` per
   * regular file, sorted by path), so `find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum` in it reproduces
   * it. Null when missing or other.
   */
  readonly sha256: string | null;
  readonly bytes: number | null;
  /** A folder: its regular files (links and other entries are listed in `skipped`). */
  readonly files?: readonly InputFileDigest[];
  /** A folder: entries not hashed (symbolic links, sockets...), relative paths. */
  readonly skipped?: readonly string[];
}

const MAX_FILES = 100_000;
const CHUNK = 1 << 20;

/** The sha256 of a file, read in chunks (bounded memory whatever its size). */
export function sha256File(file: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let bytes = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

function listFolder(root: string): { files: InputFileDigest[]; skipped: string[] } {
  const files: InputFileDigest[] = [];
  const skipped: string[] = [];
  const visit = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {visit(p, r);} else if (e.isFile()) {
        if (files.length >= MAX_FILES) throw new Error(`${root}: more than ${MAX_FILES} files to hash`);
        files.push({ path: r, ...sha256File(p) });
      } else {skipped.push(r);}
    }
  };
  visit(root, '');
  const byPath = (a: { path: string } | string, b: { path: string } | string) => {
    const x = typeof a === 'string' ? a : a.path;
    const y = typeof b === 'string' ? b : b.path;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return { files: files.sort(byPath), skipped: skipped.sort(byPath) };
}

/** Digests of the inputs (as the report lists them). */
export function digestInputs(inputs: readonly string[]): InputDigest[] {
  return inputs.map((p): InputDigest => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return { path: p, kind: 'missing', sha256: null, bytes: null };
    }
    if (st.isFile()) return { path: p, kind: 'file', ...sha256File(p) };
    if (!st.isDirectory()) return { path: p, kind: 'other', sha256: null, bytes: null };
    const { files, skipped } = listFolder(p);
    const listing = files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
    return {
      path: p,
      kind: 'directory',
      sha256: createHash('sha256').update(listing, 'utf8').digest('hex'),
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      files,
      skipped,
    };
  });
}
