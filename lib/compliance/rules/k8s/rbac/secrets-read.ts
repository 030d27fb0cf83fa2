import { ROLE_KINDS, checkPolicyRules, describeRule, grants } from './policy-rules';
import { defineRule } from '../../../rule';

/**
 * get/list/watch on secrets (directly or through wildcards) reads every Secret in scope. A rule narrowed by
 * resourceNames (read one named Secret) is not reported.
 */
export const K8S_RBAC_SECRETS_READ = defineRule({
  id: 'k8s-rbac-secrets-read',
  title: 'Roles do not grant read access to all secrets',
  description: 'A Role or ClusterRole grants get, list or watch on secrets without resourceNames, exposing every Secret in its scope.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.2', 'NIST-800-53-R5:AC-6'],
  remediation: 'Drop read access to secrets, or narrow the rule with resourceNames to the Secrets the subject must read (prefer mounting them into the pod).',
  evaluate: (resource) => checkPolicyRules(resource, (rule) =>
    (rule.resourceNames.length === 0 && grants(rule, '', 'secrets', ['get', 'list', 'watch']) ? `${describeRule(rule)} grants read access to secrets.` : undefined)),
});
