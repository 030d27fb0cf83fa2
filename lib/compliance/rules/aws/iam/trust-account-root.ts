import { Statement, describeStatement, documentsOf, isAccountRoot, statementVia } from './policy-document';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { containsUnknown, display, literalText } from '../../../values/cfn-resolve';
import { Findings, Verdict } from '../../../values/cfn-values';
import { asList, isTrue } from '../../../values/json';

/** Condition keys that narrow who in a trusted account may assume a role (lower case; `aws:principaltag/` is a prefix). */
const NARROWING_KEYS = ['sts:externalid', 'aws:principalarn', 'aws:userid', 'aws:username', 'aws:sourceidentity', 'sts:sourceidentity'];

/** Whether a condition value names something: for an ARN, its resource part (`role/ci`) must not be only wildcards. */
function narrowValue(v: string): boolean {
  const parts = v.split(':');
  const named = parts[0] === 'arn' && parts.length >= 6 ? parts.slice(5).join(':') : v;
  return named.replace(/[*?:/]/g, '').length > 0;
}

/**
 * Whether a statement's conditions narrow who may assume the role beyond "any principal of the account": a positive
 * test (`StringEquals`/`StringLike`/`ArnEquals`/`ArnLike`, not `...IfExists`, not negated, not `ForAllValues:`) of
 * `sts:ExternalId`, `aws:PrincipalArn`, `aws:userid`, `aws:username`, `aws:PrincipalTag/...` or the source identity,
 * with values that are not only wildcards; or `Bool` `aws:MultiFactorAuthPresent: true`. undefined when unknown.
 */
export function narrowsAccountPrincipals(s: Statement): Verdict {
  let unknown = s.conditionsUnknown;
  for (const [operator, entries] of Object.entries(s.conditions)) {
    const op = operator.replace(/^ForAnyValue:/i, '');
    for (const [key, value] of Object.entries(entries)) {
      const k = key.toLowerCase();
      const values = asList(value);
      if (values.length === 0) continue;
      if (k === 'aws:multifactorauthpresent' && /^Bool$/i.test(op)) {
        if (values.every(isTrue)) return true;
        if (values.some((x) => typeof x === 'string' && containsUnknown(x))) unknown = true;
        continue;
      }
      if (!/^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i.test(op)) continue;
      if (!NARROWING_KEYS.includes(k) && !k.startsWith('aws:principaltag/')) continue;
      const verdicts = values.map((x): Verdict => {
        if (typeof x !== 'string') return false;
        if (containsUnknown(x)) return undefined;
        return narrowValue(literalText(x));
      });
      if (verdicts.every((x) => x === true)) return true;
      if (verdicts.some((x) => x === undefined)) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/**
 * A trust policy that trusts an account root (`123456789012`, `arn:aws:iam::123456789012:root`, any notation)
 * carries a condition that narrows who in that account may assume the role (external id, principal ARN, tag, MFA).
 * Without one, every principal of the account whose own IAM policy allows sts:AssumeRole on the role can assume it.
 * Finding id `root:<principal>`.
 */
export const AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT = defineRule({
  id: 'aws-iam-role-trust-account-root',
  title: 'IAM roles do not trust a whole account without conditions',
  description: 'A role trust policy trusts the root of an account without a condition that narrows who may assume it (sts:ExternalId, aws:PrincipalArn, '
    + 'aws:PrincipalTag, aws:MultiFactorAuthPresent): any principal of that account allowed by its own IAM policies can assume the role.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-8', 'PCI-DSS-3.2.1:7.2.1', 'PCI-DSS-3.2.1:8.1.1', 'HIPAA:164.312(a)(1)'],
  remediation: 'Trust the exact role or user ARNs (LeastPrivilegeRole: RoleTrust.account(id, { principalArns })), or require sts:ExternalId across accounts '
    + '(RoleTrust.account(id, { externalId })); record why the whole account is trusted with anyPrincipalReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const { docs } of documentsOf(resource, context, 'trust')) {
      for (const d of docs) {
        for (const ps of d.statements) {
          for (const s of ps.alts) {
            if (s.effect !== 'Allow' || s.notPrincipal) continue;
            const roots = (s.principals.AWS ?? []).filter(isAccountRoot);
            if (roots.length === 0) continue;
            const narrow = narrowsAccountPrincipals(s);
            if (narrow === true) continue;
            for (const root of roots) {
              const id = `root:${display(root)}`;
              if (narrow === false) findings.fail(id, id, `${describeStatement(s)} trusts every principal of ${display(root)} without a condition that narrows who may assume the role${statementVia(s)}.`);
              else findings.unverified(id, id, `${describeStatement(s)} trusts ${display(root)}; its conditions are not known before deployment${statementVia(s)}.`);
            }
          }
        }
      }
    }
    return fromFindings(findings.list());
  },
});
