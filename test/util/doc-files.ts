import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** The blocks of a document marked `<!-- file: NAME -->` (the fenced block right after the marker), by name. */
export function docFiles(doc: string): Map<string, string> {
  const text = fs.readFileSync(path.join(root, doc), 'utf8');
  const out = new Map<string, string>();
  const re = /<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.set(m[1], m[2]);
  return out;
}

/** A temporary folder (removed by the returned cleanup) holding files. */
export function tempFolder(
  prefix: string,
  files: ReadonlyMap<string, string> | Record<string, string> = {},
): { dir: string; write: (name: string, content: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const write = (name: string, content: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  };
  for (const [name, content] of files instanceof Map ? files : Object.entries(files)) write(name, content);
  return { dir, write, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
