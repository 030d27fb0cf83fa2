import { ROLE_KINDS, checkPolicyRules, describeRule, grants } from './policy-rules';
import { defineRule } from '../../../rule';

/**
 * pods/exec and pods/attach give a shell in running containers, with their service account and mounted secrets; so
 * does update or patch on pods/ephemeralcontainers (what `kubectl debug` uses): it adds a container of any image to a
 * running pod, in the pod's namespaces and with its volumes.
 */
export const K8S_RBAC_POD_EXEC = defineRule({
  id: 'k8s-rbac-pod-exec',
  title: 'Roles do not grant pods/exec, pods/attach or pods/ephemeralcontainers',
  description: 'A Role or ClusterRole grants create or get on pods/exec or pods/attach, or update or patch on pods/ephemeralcontainers (directly or through wildcards), allowing commands to run inside running pods.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove pods/exec, pods/attach and pods/ephemeralcontainers; grant debug access just in time (a short-lived binding) instead.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const subs = ['pods/exec', 'pods/attach'].filter((r) => grants(rule, '', r, ['create', 'get']));
    if (grants(rule, '', 'pods/ephemeralcontainers', ['update', 'patch'])) subs.push('pods/ephemeralcontainers (update/patch)');
    return subs.length > 0 ? `${describeRule(rule)} grants ${subs.join(' and ')}.` : undefined;
  }),
});
