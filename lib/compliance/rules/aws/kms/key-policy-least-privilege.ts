import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';
import { KMS_BINDING_KEYS, bindsCaller, describeStatement, documentsOf, isAccountRoot, principalIsAnyone, statementCovers, statementVia } from '../iam/policy-document';

/**
 * A made-up KMS action name: a pattern that covers it covers every KMS action (`kms:*`, `*`, `kms:?*`, a NotAction
 * list), while patterns for named actions (`kms:Create*`, `kms:Decrypt`) do not.
 */
const ANY_KMS_ACTION = 'kms:AnyActionWhatsoever';

/**
 * The key policy does not hand the key to the whole account or to everyone: no unconditioned `kms:*` for the
 * account root (which delegates every use of the key to any IAM policy of the account) and no unconditioned
 * wildcard principal.
 */
export const AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE = defineRule({
  id: 'aws-kms-key-policy-least-privilege',
  title: 'KMS key policies separate administration from use',
  description: 'A KMS key policy allows every KMS action (kms:*, *, kms:?*, NotAction) to the account root without conditions, or allows any principal ("*", NotPrincipal) without a condition that binds the caller.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::KMS::Key'],
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-5', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.5.2', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)'],
  remediation: 'Give the account administrative actions only and name key users in the key policy (EncryptionKey does), '
    + 'or scope wildcard principals with conditions such as kms:CallerAccount and kms:ViaService.',

  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const { docs } of documentsOf(resource, context, 'key')) {
      for (const d of docs) {
        for (const ps of d.statements) {
          for (const s of ps.alts) {
            if (s.effect !== 'Allow') continue;
            const id = `statement:${s.index}`;
            const anyone = principalIsAnyone(s);
            if (anyone !== false) {
              const binds = bindsCaller(s, KMS_BINDING_KEYS);
              if (anyone === true && binds === false) findings.fail(id, id, `${describeStatement(s)} allows ${s.notPrincipal ? 'every principal but the NotPrincipal ones' : 'any principal'} without a condition that binds the caller (kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID...)${statementVia(s)}.`);
              else if (binds !== true) findings.unverified(id, id, `${describeStatement(s)} may allow any principal: its principal or conditions are not known before deployment${statementVia(s)}.`);
              continue;
            }
            if (Object.keys(s.conditions).length > 0 || s.conditionsUnknown) continue;
            const all = statementCovers(s, ANY_KMS_ACTION);
            if (all !== false && (s.principals.AWS ?? []).some(isAccountRoot)) {
              findings.fail(id, id, `${describeStatement(s)} allows every KMS action to the account root without conditions: any IAM policy of the account can then use the key${statementVia(s)}.`);
            }
          }
        }
      }
    }
    return fromFindings(findings.list());
  },
});
