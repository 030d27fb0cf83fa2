import { RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { props } from '../network/cfn-values';
import { describeStatement, isAccountRoot, isAnyone, statements } from '../iam/policy-document';

/**
 * The key policy does not hand the key to the whole account or to everyone: no unconditioned `kms:*` for the
 * account root (which delegates every use of the key to any IAM policy of the account) and no unconditioned
 * wildcard principal.
 */
export const AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE = defineRule({
  id: 'aws-kms-key-policy-least-privilege',
  title: 'KMS key policies separate administration from use',
  description: 'A KMS key policy allows kms:* (or *) to the account root without conditions, or allows any principal ("*") without conditions.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::KMS::Key'],
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-5', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.5.2', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)'],
  remediation: 'Give the account administrative actions only and name key users in the key policy (EncryptionKey does), '
    + 'or scope wildcard principals with conditions such as kms:CallerAccount and kms:ViaService.',
  evaluate: (resource) => {
    const findings: RuleFinding[] = [];
    for (const s of statements(props(resource).KeyPolicy)) {
      if (s.effect !== 'Allow' || Object.keys(s.conditions).length > 0) continue;
      const aws = s.principals.AWS ?? [];
      const allActions = s.notActions.length > 0 || s.actions.some((a) => a === '*' || a === 'kms:*');
      if (aws.some(isAnyone) || s.notPrincipal) {
        findings.push({ id: `statement:${s.index}`, message: `${describeStatement(s)} allows any principal without conditions.` });
      } else if (allActions && aws.some(isAccountRoot)) {
        findings.push({ id: `statement:${s.index}`, message: `${describeStatement(s)} allows every KMS action to the account root without conditions: any IAM policy of the account can then use the key.` });
      }
    }
    return fromFindings(findings);
  },
});
