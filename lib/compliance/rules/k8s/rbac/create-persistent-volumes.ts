import { ROLE_KINDS, checkPolicyRules, describeRule, grantedTargets } from './policy-rules';
import { defineRule } from '../../../rule';

/**
 * CIS 5.1.9: a PersistentVolume may be a hostPath volume; whoever creates PVs can mount any node directory into a
 * pod through a claim, bypassing Pod Security's hostPath ban.
 */
export const K8S_RBAC_CREATE_PERSISTENT_VOLUMES = defineRule({
  id: 'k8s-rbac-create-persistent-volumes',
  title: 'Roles do not grant create on PersistentVolumes',
  description: 'A Role or ClusterRole grants create on persistentvolumes (directly or through wildcards); a hostPath PersistentVolume bound to a claim mounts node directories into pods despite Pod Security.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.9', 'NIST-800-53-R5:AC-6'],
  remediation: 'Provision volumes through StorageClasses (dynamic provisioning) and grant create on persistentvolumeclaims instead.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) =>
    (grantedTargets(rule, [{ group: '', resource: 'persistentvolumes' }], ['create'], true).length > 0 ? `${describeRule(rule)} grants create on persistentvolumes.` : undefined)),
});
