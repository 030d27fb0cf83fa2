import { COMPLIANT, NOT_APPLICABLE, Resource, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { isTrue, props } from '../network/cfn-values';

/** Whether a key can rotate automatically: symmetric encryption keys only (KMS refuses rotation for the others). */
export function isSymmetricEncryptionKey(resource: Resource): boolean {
  const p = props(resource);
  const spec = p.KeySpec ?? 'SYMMETRIC_DEFAULT';
  const usage = p.KeyUsage ?? 'ENCRYPT_DECRYPT';
  return spec === 'SYMMETRIC_DEFAULT' && usage === 'ENCRYPT_DECRYPT';
}

/** Symmetric customer managed keys rotate their key material automatically. */
export const AWS_KMS_KEY_ROTATION = defineRule({
  id: 'aws-kms-key-rotation',
  title: 'KMS keys rotate their key material',
  description: 'A symmetric encryption KMS key does not have automatic key rotation enabled (EnableKeyRotation).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::KMS::Key'],
  controls: ['NIST-800-53-R5:SC-12', 'NIST-800-53-R5:SC-28', 'PCI-DSS-3.2.1:3.6.4', 'HIPAA:164.312(a)(2)(iv)', 'CIS-AWS:3.6', 'AWS-CT:CT.KMS.PR.1'],
  remediation: 'Set EnableKeyRotation to true (EncryptionKey does by default), or record why with EncryptionKey rotationOptOutReason.',
  evaluate: (resource) => {
    if (!isSymmetricEncryptionKey(resource)) return NOT_APPLICABLE;
    return isTrue(props(resource).EnableKeyRotation) ? COMPLIANT : nonCompliant({ message: 'EnableKeyRotation is not true.' });
  },
});
