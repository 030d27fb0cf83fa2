import { GroupResource, ROLE_KINDS, checkPolicyRules, describeRule, grantedTargets } from './policy-rules';
import { defineRule } from '../../../rule';

/** Pods and the controllers that create pods from a template (a Deployment's pods run with any service account of the namespace). */
export const POD_CREATING_RESOURCES: readonly GroupResource[] = [
  { group: '', resource: 'pods' },
  { group: '', resource: 'replicationcontrollers' },
  { group: '', resource: 'podtemplates' },
  { group: 'apps', resource: 'deployments' },
  { group: 'apps', resource: 'replicasets' },
  { group: 'apps', resource: 'statefulsets' },
  { group: 'apps', resource: 'daemonsets' },
  { group: 'extensions', resource: 'deployments' },
  { group: 'extensions', resource: 'replicasets' },
  { group: 'extensions', resource: 'daemonsets' },
  { group: 'batch', resource: 'jobs' },
  { group: 'batch', resource: 'cronjobs' },
];

/**
 * CIS 5.1.4: whoever can create pods (directly or through a workload controller) can run any image with any service
 * account of the namespace and mount its secrets. Rules narrowed by resourceNames cannot authorize create.
 */
export const K8S_RBAC_CREATE_PODS = defineRule({
  id: 'k8s-rbac-create-pods',
  title: 'Roles do not grant create on pods or workload controllers',
  description: 'A Role or ClusterRole grants create on pods or on a controller that creates pods (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers), directly or through wildcards; the subject can then run pods with any service account and secret of the namespace.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.4', 'NIST-800-53-R5:AC-6'],
  remediation: 'Leave creating workloads to the deployment pipeline (its own identity, outside application roles); grant applications only the verbs they need on the objects they manage.',
  evaluate: (resource) => checkPolicyRules(resource, (rule) => {
    const hit = grantedTargets(rule, POD_CREATING_RESOURCES, ['create'], true);
    return hit.length > 0 ? `${describeRule(rule)} grants create on ${[...new Set(hit.map((t) => t.resource))].join(', ')}.` : undefined;
  }),
});
