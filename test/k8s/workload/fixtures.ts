import { HardenedContainerProps, HealthProbe } from '../../../lib/k8s/workload';
import { IMAGE } from '../helpers';

/** A minimal long-running container: pinned image, a port, both probes. */
export function webContainer(overrides: Partial<HardenedContainerProps> = {}): HardenedContainerProps {
  return {
    name: 'web',
    image: IMAGE,
    ports: [{ name: 'http', containerPort: 8080 }],
    livenessProbe: HealthProbe.httpGet('/healthz', 8080),
    readinessProbe: HealthProbe.httpGetNamedPort('/ready', 'http'),
    ...overrides,
  };
}

/** A minimal batch container. */
export function batchContainer(overrides: Partial<HardenedContainerProps> = {}): HardenedContainerProps {
  return { name: 'task', image: IMAGE, command: ['/app/run'], ...overrides };
}

/** The pod spec of a synthesized workload object. */
export function podSpecOf(obj: any): any {
  return obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
}
