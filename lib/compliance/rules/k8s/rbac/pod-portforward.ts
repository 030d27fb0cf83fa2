import { ROLE_KINDS, checkPolicyRules, describeRule, grants } from './policy-rules';
import { defineRule } from '../../../rule';

/** pods/portforward opens a tunnel to any port of a pod, past NetworkPolicies and the Service in front of it. */
export const K8S_RBAC_POD_PORTFORWARD = defineRule({
  id: 'k8s-rbac-pod-portforward',
  title: 'Roles do not grant pods/portforward',
  description: 'A Role or ClusterRole grants create or get on pods/portforward (directly or through wildcards), letting the subject tunnel to any port of a pod past NetworkPolicies.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-4'],
  remediation: 'Remove pods/portforward; expose what must be reachable through a Service with NetworkPolicies, and grant debug access just in time.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) =>
    (grants(rule, '', 'pods/portforward', ['create', 'get']) ? `${describeRule(rule)} grants pods/portforward.` : undefined)),
});
