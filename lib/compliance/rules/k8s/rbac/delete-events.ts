import { ROLE_KINDS, checkPolicyRules, describeRule, grantedTargets } from './policy-rules';
import { defineRule } from '../../../rule';

/** Events of the core group and of events.k8s.io (the same objects, served twice). */
const EVENTS = [{ group: '', resource: 'events' }, { group: 'events.k8s.io', resource: 'events' }];

/**
 * Events are how a cluster tells what happened (a pod created, an image pulled, a probe failed); deleting them hides
 * an attacker's traces (MITRE ATT&CK for Kubernetes "Delete Kubernetes events", kubescape C-0031). Only the
 * controllers and the API server's own TTL need to remove them.
 */
export const K8S_RBAC_DELETE_EVENTS = defineRule({
  id: 'k8s-rbac-delete-events',
  title: 'Roles do not grant deletion of events',
  description: 'A Role or ClusterRole grants delete or deletecollection on events (core or events.k8s.io, directly or through wildcards), letting the subject erase the record of what happened in the cluster.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'NIST-800-53-R5:AU-9', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove delete and deletecollection on events; the API server expires events itself (--event-ttl), and audit logs are the lasting record.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const hit = grantedTargets(rule, EVENTS, ['delete', 'deletecollection']);
    return hit.length > 0 ? `${describeRule(rule)} grants delete on events${hit.length === 1 && hit[0].group !== '' ? ' (events.k8s.io)' : ''}.` : undefined;
  }),
});
