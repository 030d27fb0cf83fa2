import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { obj } from '../network/cfn-values';

/** Secrets survive stack deletion and replacement. */
export const AWS_SECRETS_RETAINED = defineRule({
  id: 'aws-secrets-retained',
  title: 'Secrets are retained when removed from the stack',
  description: 'A Secrets Manager secret is deleted with its stack (DeletionPolicy not Retain): applications lose their credentials with no way back.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::SecretsManager::Secret'],
  controls: ['NIST-800-53-R5:CP-9', 'NIST-800-53-R5:SI-12', 'HIPAA:164.308(a)(7)(ii)(A)'],
  remediation: 'Set DeletionPolicy and UpdateReplacePolicy to Retain (SecretsStore does), or record why with SecretsStore removalPolicyReason.',
  evaluate: (resource) => {
    const d = obj(resource.body)?.DeletionPolicy;
    return d === 'Retain' || d === 'RetainExceptOnCreate' ? COMPLIANT : nonCompliant({ message: `DeletionPolicy is ${JSON.stringify(d ?? 'Delete')}, not Retain.` });
  },
});
