import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isFalse } from '../../../values/json';

/**
 * Cluster access is managed with access entries only (authentication mode `API`): the aws-auth ConfigMap, which any
 * holder of edit rights in kube-system can change and which CloudFormation cannot see, grants nothing. The principal
 * that creates the cluster should not stay cluster admin (finding `creator-admin`, a warning).
 */
export const AWS_EKS_ACCESS_ENTRIES = defineRule({
  id: 'aws-eks-access-entries',
  title: 'EKS clusters use access entries, not the aws-auth ConfigMap',
  description: 'An EKS cluster\'s AccessConfig.AuthenticationMode is not API (CONFIG_MAP or API_AND_CONFIG_MAP, or unset), so the aws-auth ConfigMap can grant cluster access outside CloudFormation; or the creating principal is made cluster admin.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EKS::Cluster'],
  controls: ['NIST-800-53-R5:AC-2', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-2', 'CIS-K8S:5.5.1'],
  remediation: 'Set AccessConfig.AuthenticationMode to API and BootstrapClusterCreatorAdminPermissions to false, and grant access with AWS::EKS::AccessEntry (SecureCluster does).',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    findings.check('mode', v.alts('AccessConfig.AuthenticationMode'), (m) => (m === 'API' ? true : typeof m === 'string' && hasTokens(m) ? undefined : false), {
      id: 'authentication-mode',
      bad: (m) => `AccessConfig.AuthenticationMode is ${m === undefined ? 'not set' : JSON.stringify(display(m))}: the aws-auth ConfigMap can grant access.`,
      unknown: (m) => `AccessConfig.AuthenticationMode is ${display(m)}.`,
    });
    for (const a of v.alts('AccessConfig.BootstrapClusterCreatorAdminPermissions')) {
      if (!isFalse(a.value)) {
        findings.fail('creator', 'creator-admin', 'The principal that creates the cluster is made cluster admin (BootstrapClusterCreatorAdminPermissions is not false).', a);
      }
    }
    const list = findings.list().map((f) => (f.id === 'creator-admin' ? { ...f, severity: 'warning' as const } : f));
    return fromFindings(list);
  },
});
