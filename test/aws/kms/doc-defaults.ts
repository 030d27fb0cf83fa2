import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');
const DOC = path.join(ROOT, 'docs', 'aws-data-protection.md');

/** `property -> default` of every defaults-table row of the `## <heading>` section of docs/aws-data-protection.md. */
export function documentedDefaults(heading: string): Map<string, string> {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "## ${heading}" in ${DOC}`);
  const end = text.indexOf('\n## ', start + 4);
  const section = text.slice(start, end < 0 ? undefined : end);
  const table = section.slice(section.indexOf('### Defaults'), section.indexOf('\n### ', section.indexOf('### Defaults') + 5));
  const out = new Map<string, string>();
  for (const line of table.split('\n')) {
    const m = /^\| `([\w.[\]()]+)` \| `(.*)` \| .*\|$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/** `prefix + property -> @default` of every optional property of an exported interface (its own members, not inherited). */
export function sourceDefaults(file: string, iface: string, prefix = ''): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const m0 = new RegExp(`export interface ${iface}( extends [\\w, ]+)? \\{`).exec(text);
  if (!m0) throw new Error(`no interface ${iface} in ${file}`);
  const body = text.slice(m0.index, text.indexOf('\n}', m0.index));
  const out = new Map<string, string>();
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly (\w+)\?:/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const d = /@default (.*)/.exec(m[1]);
    if (!d) throw new Error(`${iface}.${m[2]} has no @default`);
    out.set(prefix + m[2], d[1].trim());
  }
  return out;
}

/**
 * Asserts that the documented defaults of a section are exactly the @default tags of the given interfaces, and that
 * every documented default has a check against synthesized output (`checked`), so neither docs nor tests can drift.
 */
export function expectDocumentedDefaults(heading: string, sources: [file: string, iface: string, prefix?: string][], checked: readonly string[]): void {
  const documented = documentedDefaults(heading);
  const source = new Map<string, string>();
  for (const [file, iface, prefix] of sources) for (const [k, v] of sourceDefaults(file, iface, prefix)) source.set(k, v);
  expect([...documented.keys()].sort()).toEqual([...source.keys()].sort());
  for (const [k, v] of source) expect(`${k}: ${documented.get(k)}`).toBe(`${k}: ${v}`);
  expect([...checked].sort()).toEqual([...documented.keys()].sort());
}
