import * as fs from 'fs';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.join(__dirname, '..', '..');

/**
 * `property -> default` of every defaults-table row (`| \`prop\` | \`default\` | ... |`) of the `## <heading>`
 * section of a document under docs/. With `subsection`, only rows under that `###` heading count.
 */
export function documentedDefaults(doc: string, heading: string, subsection?: string): Map<string, string> {
  const file = path.join(ROOT, 'docs', doc);
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "## ${heading}" in ${file}`);
  const end = text.indexOf('\n## ', start + 4);
  let section = text.slice(start, end < 0 ? undefined : end);
  if (subsection !== undefined) {
    const s = section.indexOf(subsection);
    section = section.slice(s, section.indexOf('\n### ', s + 5));
  }
  const out = new Map<string, string>();
  for (const line of section.split('\n')) {
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

/** The @default tags of several interfaces, merged. */
export function sourcesDefaults(sources: [file: string, iface: string, prefix?: string][]): Map<string, string> {
  const source = new Map<string, string>();
  for (const [file, iface, prefix] of sources) for (const [k, v] of sourceDefaults(file, iface, prefix)) source.set(k, v);
  return source;
}
