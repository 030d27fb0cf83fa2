import { RuleContext } from '../../model';
import { POD_TEMPLATE_TRAIT, POD_KINDS, podsOf } from '../k8s/pod';

/**
 * `system:serviceaccount:ns:name` subjects used by some workload, once per run: every pod spec of the built-in pod
 * kinds and of any object that carries a pod template (Argo Rollout, Knative Service, ...), as the pod rules see them.
 */
export function usedSubjects(ctx: RuleContext): Set<string> {
  return ctx.memo('cross:used-service-accounts', () => {
    const s = new Set<string>();
    const seen = new Set<unknown>();
    for (const kind of [...POD_KINDS, POD_TEMPLATE_TRAIT]) {
      for (const r of ctx.ofType(kind)) {
        if (seen.has(r)) continue;
        seen.add(r);
        for (const pod of podsOf(r)) {
          const name = typeof pod.spec.serviceAccountName === 'string' ? pod.spec.serviceAccountName : typeof pod.spec.serviceAccount === 'string' ? pod.spec.serviceAccount : 'default';
          s.add(`system:serviceaccount:${r.namespace ?? 'default'}:${name}`);
        }
      }
    }
    return s;
  });
}
