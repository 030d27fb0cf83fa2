import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { alwaysHas, conditionKeys, documentsOf, isFalseValue, principalIsAnyone, statementCovers } from '../iam/policy-document';

/**
 * The key policy limits KMS grants to AWS services acting for AWS resources (AWS Control Tower CT.KMS.PR.3):
 * a Deny of kms:CreateGrant for everyone when both kms:GrantIsForAWSResource and aws:PrincipalIsAWSService are false.
 */
export const AWS_KMS_KEY_GRANT_RESTRICTION = defineRule({
  id: 'aws-kms-key-grant-restriction',
  title: 'KMS key grants are limited to AWS services',
  description: 'The key policy has no statement that denies kms:CreateGrant unless the grant is for an AWS resource or the caller is an AWS service.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::KMS::Key'],
  controls: ['AWS-CT:CT.KMS.PR.3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-3', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(a)(1)'],
  remediation: 'Add a Deny of kms:CreateGrant for Principal "*" with BoolIfExists { kms:GrantIsForAWSResource: false, aws:PrincipalIsAWSService: false } '
    + '(EncryptionKey does).',

  evaluate: (resource, context) => {
    const docs = documentsOf(resource, context, 'key').flatMap((l) => l.docs);
    const ok = alwaysHas(docs, (s) => {
      if (s.effect !== 'Deny' || s.effectUnknown || statementCovers(s, 'kms:CreateGrant') !== true || principalIsAnyone(s) !== true || s.notPrincipal) return false;
      const keys = conditionKeys(s);
      const falseIfExists = (k: string) => (keys.get(k) ?? []).some((c) => c.operator === 'BoolIfExists' && isFalseValue(c.value));
      return falseIfExists('kms:grantisforawsresource') && falseIfExists('aws:principalisawsservice');
    });
    return ok ? COMPLIANT : nonCompliant({ message: 'No key policy statement (present in every possible value of the policy) denies kms:CreateGrant for non-AWS-resource grants by non-service principals.' });
  },
});
