import { RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, props, resolveRef } from '../network/cfn-values';
import { flatten } from '../iam/policy-document';

function awsManaged(v: unknown): boolean {
  return /alias\/aws\/secretsmanager$/.test(flatten(v));
}

/** Secrets (and their replicas) are encrypted with a customer managed key, not the AWS managed aws/secretsmanager key. */
export const AWS_SECRETS_CMK_ENCRYPTION = defineRule({
  id: 'aws-secrets-cmk-encryption',
  title: 'Secrets are encrypted with a customer managed key',
  description: 'A Secrets Manager secret or one of its replicas has no KmsKeyId (or uses alias/aws/secretsmanager): the AWS managed key cannot be '
    + 'scoped by a key policy you control, nor shared across accounts.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::SecretsManager::Secret'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.4', 'PCI-DSS-3.2.1:3.5', 'HIPAA:164.312(a)(2)(iv)'],
  remediation: 'Set KmsKeyId (and KmsKeyId of every ReplicaRegions entry) to a customer managed key (SecretsStore does).',
  evaluate: (resource, context) => {
    const p = props(resource);
    const findings: RuleFinding[] = [];
    const key = p.KmsKeyId;
    const target = resolveRef(resource, key, context);
    if (key === undefined || awsManaged(key)) {
      findings.push({ id: 'KmsKeyId', message: 'The secret is encrypted with the AWS managed key aws/secretsmanager.' });
    } else if (target && target.type !== 'AWS::KMS::Key' && target.type !== 'AWS::KMS::Alias' && target.type !== 'AWS::KMS::ReplicaKey') {
      findings.push({ id: 'KmsKeyId', message: `KmsKeyId references ${target.type}, not a KMS key.` });
    }
    for (const r of arr(p.ReplicaRegions)) {
      const region = typeof obj(r)?.Region === 'string' ? obj(r)!.Region : flatten(obj(r)?.Region);
      if (obj(r)?.KmsKeyId === undefined || awsManaged(obj(r)?.KmsKeyId)) {
        findings.push({ id: `replica:${region}`, message: `The replica in ${region} is encrypted with the AWS managed key.` });
      }
    }
    return fromFindings(findings);
  },
});
