import { ROLE_KINDS, checkPolicyRules, describeRule, grants } from './policy-rules';
import { defineRule } from '../../../rule';

/**
 * CIS 5.1.13: create on serviceaccounts/token mints tokens for service accounts (every one in scope, or those named
 * by resourceNames), so the subject acts with their permissions.
 */
export const K8S_RBAC_TOKEN_CREATE = defineRule({
  id: 'k8s-rbac-token-create',
  title: 'Roles do not grant creation of service account tokens',
  description: 'A Role or ClusterRole grants create on serviceaccounts/token (directly or through wildcards), letting the subject mint tokens for service accounts and use their permissions.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.13', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-5'],
  remediation: 'Remove create on serviceaccounts/token; pods receive their own token through a projected volume.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    if (!grants(rule, '', 'serviceaccounts/token', ['create'])) return undefined;
    const scope = rule.resourceNames.length > 0 ? `service accounts ${rule.resourceNames.join(', ')}` : 'every service account in scope';
    return `${describeRule(rule)} grants create on serviceaccounts/token (${scope}).`;
  }),
});
