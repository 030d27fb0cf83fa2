import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../lib/compliance/rules';
import { renderRulesDoc } from '../scripts/rules-doc';

describe('rule metadata and RULES.md', () => {
  test('RULES.md is generated from the rule metadata and up to date (run `npm run rules-doc`)', () => {
    const current = fs.readFileSync(path.join(__dirname, '..', 'RULES.md'), 'utf8');
    expect(current).toBe(renderRulesDoc());
  });

  test('every rule has complete metadata and a unique id', () => {
    const ids = new Set<string>();
    for (const r of ALL_RULES) {
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(r.id.startsWith(r.platform === 'aws' ? 'aws-' : r.platform === 'k8s' ? 'k8s-' : '')).toBe(true);
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(r.controls.length).toBeGreaterThan(0);
      for (const c of r.controls) expect(c).toMatch(/^[A-Za-z0-9.-]+:.+/);
      expect(r.appliesTo.length).toBeGreaterThan(0);
    }
  });
});
