import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/** Kubernetes secrets are envelope-encrypted with a KMS key (not only by the disk encryption of etcd). */
export const AWS_EKS_SECRETS_ENCRYPTION = defineRule({
  id: 'aws-eks-secrets-encryption',
  title: 'EKS clusters envelope-encrypt Kubernetes secrets with KMS',
  description: 'An EKS cluster has no EncryptionConfig for the "secrets" resource with a KMS key (Provider.KeyArn), so Kubernetes secrets are stored in etcd without envelope encryption.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EKS::Cluster'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.4', 'HIPAA:164.312(a)(2)(iv)', 'CIS-K8S:5.4.1', 'AWS-CT:CT.EKS.PR.2'],
  remediation: 'Set EncryptionConfig to [{ Resources: ["secrets"], Provider: { KeyArn: <customer managed key> } }] (SecureCluster does, with an EncryptionKey).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('EncryptionConfig')) {
      const ok = asList(a.value).some((e) => {
        const c = obj(e);
        const key = obj(c?.Provider)?.KeyArn;
        return !!c && asList(c.Resources).includes('secrets') && typeof key === 'string' && key.trim() !== '';
      });
      if (!ok) findings.fail('EncryptionConfig', undefined, a.value === undefined ? 'The cluster has no EncryptionConfig.' : 'No EncryptionConfig entry encrypts "secrets" with a KMS key.', a);
    }
    return fromFindings(findings.list());
  },
});
