import { ROLE_KINDS, checkPolicyRules, describeRule } from './policy-rules';
import { defineRule } from '../../../rule';

/** Verbs that let a subject gain permissions it does not hold. */
export const ESCALATION_VERBS: readonly string[] = ['escalate', 'bind', 'impersonate'];

/** escalate, bind and impersonate bypass RBAC's privilege-escalation prevention. (A `*` verb is reported by k8s-rbac-wildcard.) */
export const K8S_RBAC_ESCALATION_VERBS = defineRule({
  id: 'k8s-rbac-escalation-verbs',
  title: 'Roles do not grant escalate, bind or impersonate',
  description: 'A Role or ClusterRole grants the escalate, bind or impersonate verb, which lets the subject obtain permissions beyond its own.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.8', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove escalate, bind and impersonate; grant the needed roles directly through RoleBindings managed by administrators.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const verbs = rule.verbs.filter((v) => ESCALATION_VERBS.includes(v));
    return verbs.length > 0 ? `${describeRule(rule)} grants ${verbs.join(', ')}.` : undefined;
  }),
});
