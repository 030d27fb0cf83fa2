import { describeStatement, documentsOf, statementVia } from './policy-document';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, literalText, tokenKind } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';

/**
 * Trust policies name the sts actions they allow: no `*`, `sts:*`, `sts:Assume*` (or any `*` / `?`) and no
 * NotAction in an Allow statement, which would also allow every assume and session-tagging action added later.
 * Finding id `statement:<index>`.
 */
export const AWS_IAM_ROLE_TRUST_WILDCARD_ACTION = defineRule({
  id: 'aws-iam-role-trust-wildcard-action',
  title: 'IAM role trust policies do not use wildcard actions',
  description: 'A role trust policy statement allows a wildcard action ("*", "sts:*", "sts:Assume*") or uses NotAction: the trusted principals get every '
    + 'way to assume the role (web identity, SAML, session tags, source identity), not the one intended.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-3', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)'],
  remediation: 'Allow the exact action: sts:AssumeRole, sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML (plus sts:TagSession where needed); LeastPrivilegeRole does.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const { docs } of documentsOf(resource, context, 'trust')) {
      for (const d of docs) {
        for (const ps of d.statements) {
          for (const s of ps.alts) {
            if (s.effect !== 'Allow') continue;
            const id = `statement:${s.index}`;
            if (s.hasNotAction) {
              findings.fail(id, id, `${describeStatement(s)} allows every action except ${s.notActions.map(display).join(', ')} (NotAction)${statementVia(s)}.`);
              continue;
            }
            for (const a of s.actions) {
              const lit = literalText(a);
              if (lit.includes('*') || lit.includes('?')) findings.fail(id, id, `${describeStatement(s)} allows the wildcard action "${display(a)}"${statementVia(s)}.`);
              else if (hasTokens(a) && tokenKind(a) === 'u') findings.unverified(id, id, `${describeStatement(s)} allows the action ${display(a)}, which is not known before deployment${statementVia(s)}.`);
            }
          }
        }
      }
    }
    return fromFindings(findings.list());
  },
});
