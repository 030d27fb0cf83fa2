import { ROLE_KINDS, checkPolicyRules, describeRule } from './policy-rules';
import { defineRule } from '../../../rule';

/** Roles must not use `*` in verbs, resources, apiGroups or nonResourceURLs: wildcards grant today's and tomorrow's permissions. */
export const K8S_RBAC_WILDCARD = defineRule({
  id: 'k8s-rbac-wildcard',
  title: 'Roles do not use wildcards',
  description: 'A Role or ClusterRole rule uses "*" in verbs, resources, apiGroups or nonResourceURLs, granting every current and future permission of that kind.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.3', 'NIST-800-53-R5:AC-6'],
  remediation: 'List the exact verbs, resources and API groups the subject needs instead of "*".',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const fields = (['verbs', 'resources', 'apiGroups', 'nonResourceURLs'] as const).filter((f) => rule[f].includes('*'));
    return fields.length > 0 ? `${describeRule(rule)} uses "*" in ${fields.join(', ')}.` : undefined;
  }),
});
