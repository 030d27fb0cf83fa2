import { documentedDefaults, sourcesDefaults } from '../../util/doc-defaults';

/**
 * Asserts that the documented defaults of a section are exactly the @default tags of the given interfaces, and that
 * every documented default has a check against synthesized output (`checked`), so neither docs nor tests can drift.
 */
export function expectDocumentedDefaults(
  heading: string,
  sources: [file: string, iface: string, prefix?: string][],
  checked: readonly string[],
): void {
  const documented = documentedDefaults('aws-data-protection.md', heading, '### Defaults');
  const source = sourcesDefaults(sources);
  expect([...documented.keys()].sort()).toEqual([...source.keys()].sort());
  for (const [k, v] of source) expect(`${k}: ${documented.get(k)}`).toBe(`${k}: ${v}`);
  expect([...checked].sort()).toEqual([...documented.keys()].sort());
}
