import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, props } from '../network/cfn-values';

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
  evaluate: (resource) => {
    const rules = arr(props(resource).Rules);
    const enforcing = rules.some((r) => {
      const rule = obj(r);
      if (!rule || !hasRateStatement(rule.Statement)) return false;
      const action = obj(rule.Action) ?? {};
      return 'Block' in action || 'Challenge' in action || 'Captcha' in action;
    });
    if (enforcing) return COMPLIANT;
    const countOnly = rules.some((r) => hasRateStatement(obj(r)?.Statement));
    return nonCompliant(countOnly
      ? { id: 'count-only', message: 'The rate-based rule only counts requests (no Block, Challenge or CAPTCHA action).' }
      : { id: 'missing', message: 'The web ACL has no rate-based rule.' });
  },
});
