import { NOT_APPLICABLE, Resource, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

/** Whether a key can rotate automatically: symmetric encryption keys only (KMS refuses rotation for the others). */
export function isSymmetricEncryptionKey(resource: Resource, context?: Parameters<typeof valuesOf>[1]): boolean {
  if (!context) {
    const p = obj(obj(resource.body)?.Properties) ?? {};
    return (p.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' && (p.KeyUsage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT';
  }
  // symmetric in some possible value (or unknown): rotation applies
  const v = valuesOf(resource, context);
  const spec = v.alts('KeySpec').some((a) => a.value === undefined || a.value === 'SYMMETRIC_DEFAULT' || (typeof a.value === 'string' && hasTokens(a.value)));
  const usage = v.alts('KeyUsage').some((a) => a.value === undefined || a.value === 'ENCRYPT_DECRYPT' || (typeof a.value === 'string' && hasTokens(a.value)));
  return spec && usage;
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
  evaluate: (resource, context) => {
    if (!isSymmetricEncryptionKey(resource, context)) return NOT_APPLICABLE;
    const findings = new Findings();
    findings.check('EnableKeyRotation', valuesOf(resource, context).alts('EnableKeyRotation'), (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      bad: (x) => `EnableKeyRotation is ${x === undefined ? 'not set' : display(x)}, not true.`,
      unknown: (x) => `EnableKeyRotation is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
