import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ValidationError } from '../../../lib/core/errors';

const ROOT = path.join(__dirname, '..', '..', '..');
const DOC = path.join(ROOT, 'docs', 'aws-network-edge-audit.md');

/** `property -> default` of every defaults-table row in the `## <heading>` section of docs/aws-network-edge-audit.md. */
export function documentedDefaults(heading: string): Map<string, string> {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "## ${heading}" in ${DOC}`);
  const end = text.indexOf('\n## ', start + 4);
  const section = text.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([\w.]+)` \| `(.*)` \| .*\|$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/** `prefix + property -> @default` of every optional property of an exported interface in a source file. */
export function sourceDefaults(file: string, iface: string, prefix = ''): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(`export interface ${iface} {`);
  if (start < 0) throw new Error(`no interface ${iface} in ${file}`);
  const body = text.slice(start, text.indexOf('\n}', start));
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

/** Asserts that the documented defaults of a section are exactly the @default tags of the given interfaces. */
export function expectDocumentedDefaultsMatchSource(heading: string, sources: [file: string, iface: string, prefix?: string][]): Map<string, string> {
  const documented = documentedDefaults(heading);
  const source = new Map<string, string>();
  for (const [file, iface, prefix] of sources) for (const [k, v] of sourceDefaults(file, iface, prefix)) source.set(k, v);
  expect([...documented.keys()].sort()).toEqual([...source.keys()].sort());
  for (const [k, v] of source) expect(`${k}: ${documented.get(k)}`).toBe(`${k}: ${v}`);
  return documented;
}

/** Synthesizes one stack (eu-west-1) and returns its template and the stack. */
export function synthTemplate(build: (stack: Stack) => void): { template: Template; stack: Stack; json: any } {
  const app = new App();
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(stack);
  const template = Template.fromStack(stack);
  return { template, stack, json: template.toJSON() };
}

/** Resources of a type in a template JSON. */
export function resourcesOf(json: any, type: string): [string, any][] {
  return Object.entries<any>(json.Resources ?? {}).filter(([, r]) => r.Type === type);
}

/** Runs `fn` and asserts it throws one ValidationError naming the construct path and (each of) the properties. */
export function expectInvalid(fn: () => unknown, constructPath: string, ...properties: string[]): ValidationError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const v = error as ValidationError;
  expect(v.constructPath).toBe(constructPath);
  expect(v.message).toContain(constructPath);
  for (const p of properties) {
    expect(v.problems.map((x) => x.property)).toContain(p);
    expect(v.message).toContain(`${p}:`);
  }
  for (const x of v.problems) expect(x.fix.length).toBeGreaterThan(5);
  return v;
}

/** Recorded overrides (`Metadata.secure-constructs.overrides`) of a template resource. */
export function overridesOf(resource: any): { property: string; reason: string }[] {
  return resource?.Metadata?.['secure-constructs']?.overrides ?? [];
}
