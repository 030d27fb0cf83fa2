import { ROLE_KINDS, checkPolicyRules, describeRule, grants } from './policy-rules';
import { defineRule } from '../../../rule';

/** pods/exec and pods/attach give a shell in running containers, with their service account and mounted secrets. */
export const K8S_RBAC_POD_EXEC = defineRule({
  id: 'k8s-rbac-pod-exec',
  title: 'Roles do not grant pods/exec or pods/attach',
  description: 'A Role or ClusterRole grants create or get on pods/exec or pods/attach (directly or through wildcards), allowing commands to run inside containers.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove pods/exec and pods/attach; use ephemeral debug access granted just in time instead.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const subs = ['pods/exec', 'pods/attach'].filter((r) => grants(rule, '', r, ['create', 'get']));
    return subs.length > 0 ? `${describeRule(rule)} grants ${subs.join(' and ')}.` : undefined;
  }),
});
