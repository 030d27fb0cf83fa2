import { WORKLOAD_DEFAULTS as D } from './defaults';
import { ReplicatedWorkloadProps, WhenUnsatisfiable } from './types';
import { PropValidator } from '../../core/errors';
import { PendingOverride, checkJustification } from '../shared/overrides';

/** Validated replication settings of a long-running workload. */
export interface Replication {
  readonly replicas: number;
  /** Whether a PodDisruptionBudget is created. */
  readonly pdb: boolean;
  readonly maxUnavailable: number;
  /** Whether topology spread constraints are added. */
  readonly spread: boolean;
  readonly zone: WhenUnsatisfiable;
  readonly hostname: WhenUnsatisfiable;
  readonly maxSkew: number;
  readonly overrides: PendingOverride[];
}

/** Validates replicas, PodDisruptionBudget and topology spread props. */
export function checkReplication(v: PropValidator, props: ReplicatedWorkloadProps, defaultReplicas: number): Replication {
  const replicas = props.replicas ?? defaultReplicas;
  v.require(Number.isInteger(replicas) && replicas >= 0, 'replicas', `${JSON.stringify(replicas)} is not a whole number >= 0.`, 'Use e.g. 2.');
  const replicated = replicas > 1;
  const maxUnavailable = props.maxUnavailable ?? D.pdbMaxUnavailable;
  v.require(Number.isInteger(maxUnavailable) && maxUnavailable >= 1, 'maxUnavailable', `${JSON.stringify(maxUnavailable)} is not a whole number >= 1.`, 'Use e.g. 1 (0 would block node drains forever).');
  if (Number.isInteger(replicas) && props.maxUnavailable !== undefined) v.require(maxUnavailable < replicas, 'maxUnavailable', `is ${maxUnavailable}, which allows every one of the ${replicas} replicas to be down.`, 'Use a value smaller than replicas.');
  const noPdb = checkJustification(v, 'withoutPodDisruptionBudget', props.withoutPodDisruptionBudget);
  const noSpread = checkJustification(v, 'withoutTopologySpread', props.withoutTopologySpread);
  const t = props.topologySpread ?? {};
  const zone = t.zone ?? (D.zoneWhenUnsatisfiable as WhenUnsatisfiable);
  const hostname = t.hostname ?? (D.hostnameWhenUnsatisfiable as WhenUnsatisfiable);
  const maxSkew = t.maxSkew ?? D.maxSkew;
  for (const [k, w] of [['zone', zone], ['hostname', hostname]] as const) {
    v.require(Object.values(WhenUnsatisfiable).includes(w), `topologySpread.${k}`, `${JSON.stringify(w)} is not a WhenUnsatisfiable value.`, 'Use WhenUnsatisfiable.DO_NOT_SCHEDULE or SCHEDULE_ANYWAY.');
  }
  v.require(Number.isInteger(maxSkew) && maxSkew >= 1, 'topologySpread.maxSkew', `${JSON.stringify(maxSkew)} is not a whole number >= 1.`, 'Use e.g. 1.');
  if (props.withoutTopologySpread !== undefined && props.topologySpread !== undefined) v.fail('topologySpread', 'is set together with withoutTopologySpread.', 'Drop one of them.');
  const overrides: PendingOverride[] = [];
  if (noPdb && replicated) overrides.push(noPdb);
  if (noSpread && replicated) overrides.push(noSpread);
  if (!replicated && (props.withoutPodDisruptionBudget || props.withoutTopologySpread)) {
    v.fail(props.withoutPodDisruptionBudget ? 'withoutPodDisruptionBudget' : 'withoutTopologySpread', `is set but the workload has ${replicas} replica(s), which gets none anyway.`, 'Remove it.');
  }
  return { replicas, pdb: replicated && !noPdb, maxUnavailable, spread: replicated && !noSpread, zone, hostname, maxSkew, overrides };
}

/** Topology spread constraints over zones and nodes. */
export function topologySpread(r: Replication, selector: Record<string, string>, matchLabelKeys?: string[]): Record<string, any>[] {
  if (!r.spread) return [];
  const c = (topologyKey: string, whenUnsatisfiable: string) => ({
    maxSkew: r.maxSkew,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: { ...selector } },
    ...(matchLabelKeys ? { matchLabelKeys: [...matchLabelKeys] } : {}),
  });
  return [c('topology.kubernetes.io/zone', r.zone), c('kubernetes.io/hostname', r.hostname)];
}
