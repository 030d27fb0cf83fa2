import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { valuesOf } from '../../../values/cfn-values';
import { arr, obj } from '../../../values/json';

function hasRateStatement(statement: unknown, depth = 0): boolean {
  const s = obj(statement);
  if (!s || depth > 5) return false;
  if (obj(s.RateBasedStatement)) return true;
  // a rate-based statement can only be top level in WAFv2, but managed/nested wrappers are walked defensively
  for (const k of ['AndStatement', 'OrStatement']) if (arr(obj(s[k])?.Statements).some((x) => hasRateStatement(x, depth + 1))) return true;
  return hasRateStatement(obj(s.NotStatement)?.Statement, depth + 1);
}

/** WAFv2 web ACLs contain a rate-based rule (that blocks or challenges), limiting request floods per client. */
export const AWS_EDGE_WAF_RATE_BASED_RULE = defineRule({
  id: 'aws-edge-waf-rate-based-rule',
  title: 'WAF web ACLs have a rate-based rule',
  description: 'The web ACL has no rate-based rule, so a single client can flood the protected resource.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::WAFv2::WebACL'],
  controls: ['NIST-800-53-R5:SC-5', 'NIST-800-53-R5:SC-7', 'PCI-DSS-3.2.1:6.6'],
  remediation: 'Add a rule with a RateBasedStatement (aggregate by IP) and a Block or Challenge action; SecureWebAcl adds one (rateLimit).',
  evaluate: (resource, context) => {
    const lists = valuesOf(resource, context).lists('Rules');
    const enforcingAlways = lists.length > 0 && lists.every((l) => l.value.some((i) => !i.optional && i.alts.length > 0 && i.alts.every((a) => {
      const rule = obj(a.value);
      if (!rule || !hasRateStatement(rule.Statement)) return false;
      const action = obj(rule.Action) ?? {};
      return 'Block' in action || 'Challenge' in action || 'Captcha' in action;
    })));
    if (enforcingAlways) return COMPLIANT;
    const countOnly = lists.some((l) => l.value.some((i) => i.alts.some((a) => hasRateStatement(obj(a.value)?.Statement))));
    return nonCompliant(countOnly
      ? { id: 'count-only', message: 'The rate-based rule only counts requests (no Block, Challenge or CAPTCHA action), or is not present in every possible value of Rules.' }
      : { id: 'missing', message: 'The web ACL has no rate-based rule.' });
  },
});
