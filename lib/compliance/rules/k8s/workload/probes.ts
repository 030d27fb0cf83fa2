import { NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { BATCH_KINDS, POD_RULE_TARGETS, containersOf, isSet, label, locateFinding, podsOf } from '../pod';

/**
 * Long-running containers should declare liveness and readiness probes. Not applied to Jobs and CronJobs,
 * nor to pods whose restartPolicy is Never or OnFailure (batch pods); init and ephemeral containers are not checked.
 */
export const K8S_WORKLOAD_PROBES = defineRule({
  id: 'k8s-workload-probes',
  title: 'Containers declare liveness and readiness probes',
  description: 'A container of a long-running workload has no liveness or no readiness probe, so hung processes are not restarted and unready pods receive traffic.',
  severity: 'info',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS.filter((k) => !BATCH_KINDS.includes(k)),
  controls: ['NIST-800-53-R5:CP-10'],
  remediation: 'Add livenessProbe and readinessProbe (httpGet, tcpSocket, grpc or exec) to every container.',
  evaluate: (resource) => {
    const pods = podsOf(resource);
    // batch pods (restartPolicy Never or OnFailure) run to completion: no probes needed
    const running = pods.filter((pod) => pod.spec.restartPolicy !== 'Never' && pod.spec.restartPolicy !== 'OnFailure');
    if (running.length === 0) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const pod of running) {
      for (const c of containersOf(pod, ['container'])) {
        const missing = ['livenessProbe', 'readinessProbe'].filter((p) => !isSet(c.container[p]));
        if (missing.length > 0) findings.push(locateFinding(resource, pod, { id: c.id, message: `${label(c)} has no ${missing.join(' and no ')}.` }, pods.length));
      }
    }
    return fromFindings(findings);
  },
});
