import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Images are encrypted with a customer managed KMS key (whose policy you control), not AES256 or the AWS managed key. */
export const AWS_ECR_KMS_ENCRYPTION = defineRule({
  id: 'aws-ecr-kms-encryption',
  title: 'ECR repositories are encrypted with a customer managed KMS key',
  description: 'An ECR repository is encrypted with AES256 (the default) or the AWS managed key aws/ecr, so no key policy of yours controls who can read its images.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.4', 'HIPAA:164.312(a)(2)(iv)'],
  remediation: 'Set EncryptionConfiguration to EncryptionType KMS with KmsKey a customer managed key (SecureRepository does, with an EncryptionKey).',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    for (const a of v.alts('EncryptionConfiguration.EncryptionType')) {
      const t = a.value;
      if (t === 'KMS' || t === 'KMS_DSSE') continue;
      if (typeof t === 'string' && hasTokens(t)) findings.unverified('type', 'type', `EncryptionConfiguration.EncryptionType is ${display(t)}.`, a);
      else findings.fail('type', 'type', `EncryptionConfiguration.EncryptionType is ${t === undefined ? 'not set (AES256)' : JSON.stringify(display(t))}, not KMS.`, a);
    }
    if (v.alts('EncryptionConfiguration.EncryptionType').some((a) => a.value === 'KMS' || a.value === 'KMS_DSSE')) {
      for (const a of v.alts('EncryptionConfiguration.KmsKey')) {
        const k = a.value;
        if (k === undefined || k === '') findings.fail('key', 'key', 'EncryptionConfiguration.KmsKey is not set: images are encrypted with the AWS managed key aws/ecr.', a);
        else if (typeof k === 'string' && /(^|:)alias\/aws\/ecr$/.test(k)) findings.fail('key', 'key', 'EncryptionConfiguration.KmsKey is the AWS managed key alias/aws/ecr.', a);
      }
    }
    return fromFindings(findings.list());
  },
});
