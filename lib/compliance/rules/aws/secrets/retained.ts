import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';
import { judgeRetained } from '../shared/retained';

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
  evaluate: (resource, context) => {
    const findings = new Findings();
    judgeRetained(resource, context, findings);
    return fromFindings(findings.list());
  },
});
