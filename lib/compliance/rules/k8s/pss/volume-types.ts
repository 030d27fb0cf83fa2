import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, arr, checkPod, isSet, obj, str } from '../pod';

/**
 * Volume sources allowed by the restricted level. `image` is allowed by the upstream check at every policy
 * version (the source only exists from Kubernetes 1.31, so a v1.28 cluster rejects it anyway).
 */
export const RESTRICTED_ALLOWED_VOLUME_SOURCES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];

/** Volume sources the restricted level forbids by name (the upstream list). */
export const RESTRICTED_FORBIDDEN_VOLUME_SOURCES: readonly string[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
  'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume',
  'photonPersistentDisk', 'scaleIO', 'storageos',
];

/** The source type of a forbidden volume, or undefined when the volume is allowed. */
export function forbiddenVolumeSource(volume: Record<string, any>): string | undefined {
  if (RESTRICTED_ALLOWED_VOLUME_SOURCES.some((k) => isSet(volume[k]))) return undefined;
  const known = RESTRICTED_FORBIDDEN_VOLUME_SOURCES.find((k) => isSet(volume[k]));
  if (known) return known;
  // Other keys: an unknown source (forbidden, as upstream). A volume with only a name (and null sources)
  // is defaulted to emptyDir by the API server, hence allowed.
  const other = Object.keys(volume).find((k) => k !== 'name' && isSet(volume[k]));
  return other === undefined ? undefined : `unknown (${other})`;
}

/** PSS restricted "Volume Types". */
export const K8S_PSS_VOLUME_TYPES = defineRule({
  id: 'k8s-pss-volume-types',
  title: 'Pods must only use restricted volume types',
  description: 'The pod declares a volume type outside configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret (Pod Security Standards restricted).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-restricted:volumeTypes', 'NSA-CISA:pod-security'],
  remediation: 'Use a persistentVolumeClaim (with a StorageClass or PersistentVolume) or an ephemeral, emptyDir, configMap, secret, projected, downwardAPI or csi volume instead.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    arr(pod.spec.volumes).forEach((v, i) => {
      const volume = obj(v);
      if (!volume) return;
      const source = forbiddenVolumeSource(volume);
      if (source === undefined) return;
      const name = str(volume.name) ?? `#${i}`;
      findings.push({ id: `volume:${name}`, message: `volume "${name}" uses the restricted volume type ${source} (${pod.specPath}.volumes[${i}]).` });
    });
    return findings;
  }),
});
