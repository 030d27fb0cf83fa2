import { controlPrefix } from './frameworks';
import { RuleInfo } from './model';

/** A named selection of rules. */
export interface Pack {
  readonly id: string;
  readonly description: string;
  /** Whether a rule (ours or external) belongs to the pack. */
  includes(rule: RuleInfo): boolean;
}

const hasPrefix = (rule: RuleInfo, ...prefixes: string[]) => rule.controls.some((c) => prefixes.includes(controlPrefix(c)));
const ours = (rule: RuleInfo) => (rule.source ?? 'secure-constructs') === 'secure-constructs';

/** cdk-nag pack names as they appear in CDK's validation report. */
export const CDK_NAG_PACKS: Record<string, string> = {
  'cdk-nag-aws-solutions': 'AwsSolutions',
  'cdk-nag-nist-800-53-r5': 'NIST.800.53.R5',
  'cdk-nag-hipaa': 'HIPAA.Security',
  'cdk-nag-pci-dss-3.2.1': 'PCI.DSS.321',
};

export const PACKS: readonly Pack[] = [
  { id: 'aws', description: 'secure-constructs AWS pack (CloudFormation)', includes: (r) => ours(r) && r.platform === 'aws' },
  { id: 'k8s', description: 'secure-constructs full Kubernetes pack (PSS, workload, network, RBAC, secrets)', includes: (r) => ours(r) && r.platform === 'k8s' },
  { id: 'pss-baseline', description: 'Pod Security Standards v1.28 baseline controls only', includes: (r) => ours(r) && hasPrefix(r, 'PSS-baseline') },
  {
    id: 'pss-restricted',
    description: 'Pod Security Standards v1.28 restricted controls (includes baseline) only',
    includes: (r) => ours(r) && hasPrefix(r, 'PSS-baseline', 'PSS-restricted'),
  },
  { id: 'cross-plane', description: 'Rules that read AWS and Kubernetes output together', includes: (r) => ours(r) && hasPrefix(r, 'CROSS-PLANE') },
  ...Object.entries(CDK_NAG_PACKS).map(([id, name]) => ({
    id,
    description: `cdk-nag ${name} pack (results read from CDK's validation report)`,
    includes: (r: RuleInfo) => r.source === `cdk-nag:${name}`,
  })),
];

export function findPack(id: string): Pack | undefined {
  return PACKS.find((p) => p.id === id.toLowerCase());
}

/** Whether a rule is selected by any of the packs (no packs: everything). */
export function selectedBy(packs: readonly Pack[], rule: RuleInfo): boolean {
  return packs.length === 0 || packs.some((p) => p.includes(rule));
}
