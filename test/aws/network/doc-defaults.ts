import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ValidationError } from '../../../lib/core/errors';
import { documentedDefaults, sourcesDefaults } from '../../util/doc-defaults';

/** Asserts that the documented defaults of a section are exactly the @default tags of the given interfaces. */
export function expectDocumentedDefaultsMatchSource(heading: string, sources: [file: string, iface: string, prefix?: string][]): Map<string, string> {
  const documented = documentedDefaults('aws-network-edge-audit.md', heading);
  const source = sourcesDefaults(sources);
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
