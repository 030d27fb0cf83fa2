import { CDK_NAG_PACKS, CdkNagPackInfo, cdkNagSource } from './cdk-nag';
import { controlPrefix } from './frameworks';
import { Platform, RuleInfo } from './model';

/** A named selection of rules. */
export interface Pack {
  readonly id: string;
  readonly description: string;
  /** The planes whose resources its rules read (to explain a pack that evaluated nothing). */
  readonly platforms: readonly Platform[];
  /** Set for a cdk-nag pack: which one. */
  readonly cdkNag?: CdkNagPackInfo;
  /** Whether a rule (ours or external) belongs to the pack. */
  includes(rule: RuleInfo): boolean;
}

const hasPrefix = (rule: RuleInfo, ...prefixes: string[]) => rule.controls.some((c) => prefixes.includes(controlPrefix(c)));
const ours = (rule: RuleInfo) => (rule.source ?? 'secure-constructs') === 'secure-constructs';

export const PACKS: readonly Pack[] = [
  { id: 'aws', description: 'secure-constructs AWS pack (CloudFormation)', platforms: ['aws'], includes: (r) => ours(r) && r.platform === 'aws' },
  { id: 'k8s', description: 'secure-constructs full Kubernetes pack (PSS, workload, network, RBAC, secrets, service mesh)', platforms: ['k8s'], includes: (r) => ours(r) && r.platform === 'k8s' },
  { id: 'pss-baseline', description: 'Pod Security Standards v1.28 baseline controls only', platforms: ['k8s'], includes: (r) => ours(r) && hasPrefix(r, 'PSS-baseline') },
  {
    id: 'pss-restricted',
    description: 'Pod Security Standards v1.28 restricted controls (includes baseline) only',
    platforms: ['k8s'],
    includes: (r) => ours(r) && hasPrefix(r, 'PSS-baseline', 'PSS-restricted'),
  },
  { id: 'cross-plane', description: 'Rules that read AWS and Kubernetes output together', platforms: ['aws', 'k8s'], includes: (r) => ours(r) && hasPrefix(r, 'CROSS-PLANE') },
  ...CDK_NAG_PACKS.map((info): Pack => ({
    id: info.packId,
    description: `cdk-nag ${info.title} pack (${info.pluginName}): read from a cdk.out's validation report; selected with --pack, also run on templates (docs/cdk-nag.md)`,
    platforms: ['aws'],
    cdkNag: info,
    includes: (r: RuleInfo) => r.source === cdkNagSource(info.pluginName),
  })),
];

export function findPack(id: string): Pack | undefined {
  return PACKS.find((p) => p.id === id.toLowerCase());
}

/** Whether a rule is selected by any of the packs (no packs: everything). */
export function selectedBy(packs: readonly Pack[], rule: RuleInfo): boolean {
  return packs.length === 0 || packs.some((p) => p.includes(rule));
}
