import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Oldest Kubernetes minor version accepted without a recorded reason (the next to leave EKS standard support). */
export const MIN_EKS_VERSION = '1.35';

function older(v: string, min: string): boolean | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  if (!m) return undefined;
  const [a, b] = min.split('.').map(Number);
  return Number(m[1]) !== a ? Number(m[1]) < a : Number(m[2]) < b;
}

/** The cluster runs a current Kubernetes version (unset: EKS creates it with its current default). */
export const AWS_EKS_KUBERNETES_VERSION = defineRule({
  id: 'aws-eks-kubernetes-version',
  title: 'EKS clusters run a current Kubernetes version',
  description: `An EKS cluster runs a Kubernetes version older than ${MIN_EKS_VERSION}, which soon leaves (or has left) EKS standard support and its security fixes.`,
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::EKS::Cluster'],
  controls: ['NIST-800-53-R5:SI-2', 'NIST-800-53-R5:SA-22', 'PCI-DSS-3.2.1:6.2'],
  remediation: 'Upgrade the cluster (Version) to a version in EKS standard support (SecureCluster defaults to the newest aws-cdk-lib knows), or record why with SecureCluster versionReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('Version')) {
      const v = a.value;
      if (v === undefined) continue;
      if (typeof v === 'string' && hasTokens(v)) {
        findings.unverified('Version', undefined, `Version is ${display(v)}.`, a);
        continue;
      }
      const o = older(String(v), MIN_EKS_VERSION);
      if (o === undefined) findings.fail('Version', undefined, `Version ${JSON.stringify(display(v))} is not a Kubernetes minor version.`, a);
      else if (o) findings.fail('Version', undefined, `Version ${String(v)} is older than ${MIN_EKS_VERSION}.`, a);
    }
    return fromFindings(findings.list());
  },
});
