import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, PSS_HELP, arr, checkPod, isSet, obj, str } from '../pod';

/** PSS baseline "HostPath Volumes". */
export const K8S_PSS_HOST_PATH_VOLUMES = defineRule({
  id: 'k8s-pss-host-path-volumes',
  title: 'Pods must not mount hostPath volumes',
  description: 'The pod declares a hostPath volume, giving it access to the node filesystem (Pod Security Standards baseline).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['PSS-baseline:hostPathVolumes', 'NSA-CISA:pod-security', 'CIS-K8S:5.2.12'],
  remediation: 'Replace the hostPath volume with an emptyDir, configMap, secret, projected or persistentVolumeClaim volume.',
  helpUri: PSS_HELP,
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    arr(pod.spec.volumes).forEach((v, i) => {
      const volume = obj(v);
      if (!volume || !isSet(volume.hostPath)) return;
      const name = str(volume.name) ?? `#${i}`;
      findings.push({ id: `volume:${name}`, message: `volume "${name}" is a hostPath volume (${pod.specPath}.volumes[${i}]).` });
    });
    return findings;
  }),
});
