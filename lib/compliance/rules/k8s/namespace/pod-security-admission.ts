import { COMPLIANT, fromFindings, RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';

const MODES = ['enforce', 'audit', 'warn'] as const;

/**
 * A Namespace must enforce, audit and warn at the Pod Security Standards `restricted` level,
 * with the version pinned (not `latest`), so that the admission controller keeps checking what
 * our constructs set.
 */
export const namespacePodSecurityAdmission = defineRule({
  id: 'k8s-namespace-pod-security-admission',
  title: 'Namespace enforces Pod Security Standards restricted (pinned)',
  description: 'The Namespace does not set the Pod Security Admission labels enforce, audit and warn to "restricted" with a pinned version.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Namespace'],
  controls: ['NSA-CISA:pod-security', 'CIS-K8S:5.2.1', 'NIST-800-53-R5:CM-7'],
  remediation:
    'Label the namespace pod-security.kubernetes.io/{enforce,audit,warn}=restricted and pod-security.kubernetes.io/{enforce,audit,warn}-version=v1.28 (SecureNamespace does this).',
  evaluate(resource) {
    const name = resource.objectName ?? '';
    // System namespaces are managed by the cluster, not by application manifests.
    if (['kube-system', 'kube-public', 'kube-node-lease'].includes(name)) return COMPLIANT;
    const labels: Record<string, unknown> = resource.body.metadata?.labels ?? {};
    const findings: RuleFinding[] = [];
    for (const mode of MODES) {
      const level = labels[`pod-security.kubernetes.io/${mode}`];
      if (level !== 'restricted') {
        findings.push({ id: `label:${mode}`, message: `pod-security.kubernetes.io/${mode} is ${level === undefined ? 'not set' : JSON.stringify(level)}, expected "restricted".` });
      }
      const version = labels[`pod-security.kubernetes.io/${mode}-version`];
      if (typeof version !== 'string' || !/^v1\.\d+$/.test(version)) {
        findings.push({ id: `version:${mode}`, message: `pod-security.kubernetes.io/${mode}-version is ${version === undefined ? 'not set' : JSON.stringify(version)}, expected a pinned version such as "v1.28".` });
      }
    }
    return fromFindings(findings);
  },
});
