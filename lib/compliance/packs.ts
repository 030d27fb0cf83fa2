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

/** A pack id that names no pack. */
export class UnknownPackError extends Error {
  constructor(public readonly packId: string, known: readonly Pack[]) {
    super(`unknown pack "${packId}"; known packs: ${known.map((p) => p.id).join(', ')}`);
    this.name = 'UnknownPackError';
    Object.setPrototypeOf(this, UnknownPackError.prototype);
  }
}

/**
 * The one pack resolver (CLI `--pack`, `K8sCompliance.enable({packs})`, the cdk8s-cli plugin's `properties.packs`):
 * ids to packs, each id once. `platform` limits the packs to those reading that plane (synth-time Kubernetes
 * checks cannot run AWS packs). Throws {@link UnknownPackError}.
 */
export function resolvePacks(ids: readonly string[], platform?: Platform): Pack[] {
  const allowed = platform ? PACKS.filter((p) => p.platforms.length === 1 && p.platforms[0] === platform) : PACKS;
  const out: Pack[] = [];
  for (const id of ids) {
    const p = allowed.find((x) => x.id === id.toLowerCase());
    if (!p) throw new UnknownPackError(id, allowed);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
