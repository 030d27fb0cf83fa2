import { GroupResource, ROLE_KINDS, WRITE_VERBS, checkPolicyRules, describeRule, grantedTargets } from './policy-rules';
import { defineRule } from '../../../rule';

/** Admission configuration: webhooks see (and mutating ones change) every object they match; policies decide what is admitted. */
export const ADMISSION_RESOURCES: readonly GroupResource[] = [
  'validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies',
  'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings',
].map((resource) => ({ group: 'admissionregistration.k8s.io', resource }));

/**
 * CIS 5.1.12: whoever writes admission configuration can disable the cluster's admission policies, or register a
 * webhook that receives (and rewrites) every object sent to the API, secrets included.
 */
export const K8S_RBAC_ADMISSION_WEBHOOKS = defineRule({
  id: 'k8s-rbac-admission-webhooks',
  title: 'Roles do not grant write access to admission configuration',
  description: 'A Role or ClusterRole grants create, update, patch or delete on ValidatingWebhookConfigurations, MutatingWebhookConfigurations or (Validating/Mutating) AdmissionPolicies and their bindings, letting the subject switch off admission control or intercept every API request.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.12', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:CM-5'],
  remediation: 'Keep admission configuration in the platform pipeline; grant read-only access (get, list, watch) where a controller needs to see it.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const hit = grantedTargets(rule, ADMISSION_RESOURCES, WRITE_VERBS);
    return hit.length > 0 ? `${describeRule(rule)} grants write access to ${hit.map((t) => t.resource).join(', ')}.` : undefined;
  }),
});
