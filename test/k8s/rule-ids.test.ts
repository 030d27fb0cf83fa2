import { ALL_RULES } from '../../lib/compliance/rules';
import { K8S_RULE_IDS } from '../../lib/k8s/shared/rule-ids';

test('every rule id the k8s constructs suppress exists in the rule catalogue', () => {
  const known = new Set(ALL_RULES.filter((r) => r.platform === 'k8s').map((r) => r.id));
  expect(Object.values(K8S_RULE_IDS).filter((id) => !known.has(id))).toEqual([]);
});
