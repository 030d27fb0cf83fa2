import { COMPLIANT, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, obj, podsOf, str } from '../pod';

interface Use {
  /** Pod-bearing objects that run as the ServiceAccount. */
  readonly users: string[];
  /** Those of them whose pods do not set automountServiceAccountToken: false. */
  readonly mounting: string[];
}

/** The pods of the checked manifests that run as each ServiceAccount (`namespace/name`), once per run. */
function serviceAccountUses(ctx: RuleContext): Map<string, Use> {
  return ctx.memo('k8s-workload-service-account-automount:uses', () => {
    const uses = new Map<string, Use>();
    const seen = new Set<unknown>();
    for (const kind of POD_RULE_TARGETS) {
      for (const r of ctx.ofType(kind)) {
        if (seen.has(r)) continue; // a resource of a pod kind may also carry the pod-template trait
        seen.add(r);
        for (const pod of podsOf(r)) {
          const name = str(pod.spec.serviceAccountName) || str(pod.spec.serviceAccount) || 'default';
          const key = `${r.namespace || 'default'}/${name}`;
          let u = uses.get(key);
          if (!u) uses.set(key, (u = { users: [], mounting: [] }));
          if (!u.users.includes(r.key)) u.users.push(r.key);
          if (pod.spec.automountServiceAccountToken !== false && !u.mounting.includes(r.key)) u.mounting.push(r.key);
        }
      }
    }
    return uses;
  });
}

/**
 * ServiceAccounts do not automount their API token into pods. A ServiceAccount without
 * automountServiceAccountToken: false hands a token to every pod that runs as it and does not opt out itself.
 *
 * Compliant when the ServiceAccount sets automountServiceAccountToken: false, or when pods of the checked manifests
 * run as it and every one of them sets automountServiceAccountToken: false (then no pod here gets the token; the
 * pod-level rule k8s-workload-service-account-token checks the pods). A ServiceAccount no checked pod uses is
 * reported: whatever pod uses it later gets a token by default.
 */
export const K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT = defineRule({
  id: 'k8s-workload-service-account-automount',
  title: 'ServiceAccounts do not automount API tokens',
  description: 'The ServiceAccount does not set automountServiceAccountToken: false, so every pod running as it gets an API token mounted unless the pod opts out.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['ServiceAccount'],
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.6', 'NIST-800-53-R5:AC-6'],
  remediation: 'Set automountServiceAccountToken: false on the ServiceAccount; pods that call the API set it to true on the pod (or mount a projected, audience-bound token).',
  evaluate: (resource, ctx) => {
    const body = obj(resource.body);
    const value = body?.automountServiceAccountToken;
    if (value === false) return COMPLIANT;
    const use = serviceAccountUses(ctx).get(`${resource.namespace || 'default'}/${resource.objectName ?? ''}`);
    if (use && use.mounting.length === 0) return COMPLIANT;
    const setting = value === true ? 'sets automountServiceAccountToken: true' : 'does not set automountServiceAccountToken: false (the default is true)';
    const who = !use ? 'no pod of the checked manifests runs as it yet' : `${use.mounting.join(', ')} run${use.mounting.length === 1 ? 's' : ''} as it without opting out`;
    return nonCompliant({ id: 'automountServiceAccountToken', message: `ServiceAccount ${resource.name} ${setting}; ${who}.` });
  },
});
