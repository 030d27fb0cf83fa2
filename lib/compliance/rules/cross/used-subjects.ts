import { RuleContext } from '../../model';

const POD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'];

function podSpec(body: any): any {
  switch (body?.kind) {
    case 'Pod': return body.spec;
    case 'CronJob': return body.spec?.jobTemplate?.spec?.template?.spec;
    case 'PodTemplate': return body.template?.spec;
    default: return body?.spec?.template?.spec;
  }
}

/** `system:serviceaccount:ns:name` subjects used by some workload, once per run. */
export function usedSubjects(ctx: RuleContext): Set<string> {
  return ctx.memo('cross:used-service-accounts', () => {
    const s = new Set<string>();
    for (const kind of POD_KINDS) {
      for (const r of ctx.ofType(kind)) {
        const spec = podSpec(r.body);
        if (!spec) continue;
        s.add(`system:serviceaccount:${r.namespace ?? 'default'}:${spec.serviceAccountName ?? 'default'}`);
      }
    }
    return s;
  });
}

