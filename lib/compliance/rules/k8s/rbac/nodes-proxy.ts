import { ROLE_KINDS, checkPolicyRules, describeRule, grants } from './policy-rules';
import { defineRule } from '../../../rule';

/**
 * CIS 5.1.10: nodes/proxy reaches the kubelet API of every node, which runs commands in any container of the node
 * and bypasses admission and audit of the API server. Even `get` is enough (the kubelet authorizes its websocket
 * exec as get), so any verb is reported.
 */
export const K8S_RBAC_NODES_PROXY = defineRule({
  id: 'k8s-rbac-nodes-proxy',
  title: 'Roles do not grant access to nodes/proxy',
  description: 'A Role or ClusterRole grants a verb on nodes/proxy (directly or through wildcards), giving access to the kubelet API: commands in any container of the node, without API-server admission or audit.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.10', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove nodes/proxy; monitoring agents read metrics through nodes/metrics or nodes/stats instead.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) =>
    (rule.verbs.length > 0 && grants(rule, '', 'nodes/proxy', rule.verbs) ? `${describeRule(rule)} grants access to nodes/proxy.` : undefined)),
});
