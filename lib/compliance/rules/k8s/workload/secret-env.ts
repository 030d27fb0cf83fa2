import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, arr, checkPod, containersOf, label, obj, str } from '../pod';

/**
 * Secrets should be mounted as files, not exposed as environment variables: environment variables leak into
 * child processes, crash dumps, logs and `kubectl describe`-style tooling.
 */
export const K8S_WORKLOAD_SECRET_ENV = defineRule({
  id: 'k8s-workload-secret-env',
  title: 'Secrets are not exposed as environment variables',
  description: 'A container reads a Secret into environment variables (env[].valueFrom.secretKeyRef or envFrom[].secretRef).',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:secrets', 'CIS-K8S:5.4.1', 'NIST-800-53-R5:SC-28'],
  remediation: 'Mount the Secret as a volume (secret or projected, readOnly) and read the value from the file.',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      const uses: string[] = [];
      for (const e of arr(c.container.env)) {
        const ref = obj(obj(obj(e)?.valueFrom)?.secretKeyRef);
        if (ref) uses.push(`env ${str(obj(e)?.name) ?? '?'} from secret "${str(ref.name) ?? '?'}"`);
      }
      for (const e of arr(c.container.envFrom)) {
        const ref = obj(obj(e)?.secretRef);
        if (ref) uses.push(`envFrom secret "${str(ref.name) ?? '?'}"`);
      }
      if (uses.length > 0) findings.push({ id: c.id, message: `${label(c)} exposes secrets as environment variables: ${uses.join(', ')}.` });
    }
    return findings;
  }),
});
