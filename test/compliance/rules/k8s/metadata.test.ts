import { FRAMEWORKS, controlPrefix } from '../../../../lib/compliance/frameworks';
import { SEVERITIES } from '../../../../lib/compliance/model';
import { K8S_RULES } from '../../../../lib/compliance/rules/k8s';
import { RULES as MESH } from '../../../../lib/compliance/rules/k8s/mesh';
import { RULES as NETWORK } from '../../../../lib/compliance/rules/k8s/network';
import { RULES as PSS } from '../../../../lib/compliance/rules/k8s/pss';
import { RULES as RBAC } from '../../../../lib/compliance/rules/k8s/rbac';
import { RULES as SECRETS } from '../../../../lib/compliance/rules/k8s/secrets';
import { RULES as WORKLOAD } from '../../../../lib/compliance/rules/k8s/workload';

const AREAS = { pss: PSS, workload: WORKLOAD, network: NETWORK, rbac: RBAC, secrets: SECRETS, mesh: MESH };
const KNOWN_PREFIXES = new Set(FRAMEWORKS.flatMap((f) => f.prefixes));

describe('k8s rule metadata (generated into RULES.md)', () => {
  test('every area rule is in K8S_RULES and ids are unique', () => {
    const all = K8S_RULES.map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    for (const rules of Object.values(AREAS)) for (const r of rules) expect(all).toContain(r.id);
  });

  const cases = Object.entries(AREAS).flatMap(([area, rules]) => rules.map((r) => [r.id, area, r] as const));
  test.each(cases)('%s', (id, area, r) => {
    expect(id).toMatch(area === 'pss' ? /^k8s-pss-[a-z0-9-]+$/ : new RegExp(`^k8s-${area}-[a-z0-9-]+$`));
    expect(r.platform).toBe('k8s');
    expect(SEVERITIES).toContain(r.severity);
    expect(r.appliesTo.length).toBeGreaterThan(0);
    expect(r.title.length).toBeGreaterThan(10);
    expect(r.title.length).toBeLessThanOrEqual(80);
    expect(r.description.length).toBeGreaterThan(30);
    expect(r.remediation.length).toBeGreaterThan(20);
    for (const c of r.controls) {
      expect(c).toMatch(/^[A-Za-z0-9.-]+:\S+$/);
      expect(KNOWN_PREFIXES).toContain(controlPrefix(c));
    }
    // only PSS rules may put a rule into the pss-* packs
    const pss = r.controls.filter((c) => c.startsWith('PSS-'));
    expect(pss.length > 0).toBe(area === 'pss');
  });
});
