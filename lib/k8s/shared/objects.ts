import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Label that selects the pods of one hardened workload (unique per workload). */
export const WORKLOAD_LABEL = 'secure-constructs.dev/workload';

/** The namespace a namespaced object will land in: the explicit one, else the chart's. */
export function namespaceOf(scope: IConstruct, explicit: string | undefined): string | undefined {
  return explicit ?? Chart.of(scope).namespace;
}

/**
 * Drops `metadata.namespace` from a cluster-scoped object (cdk8s copies the chart's namespace onto
 * every object, which is meaningless, and rejected by strict schema checks, on cluster-scoped kinds).
 */
export function clusterScoped(obj: ApiObject): void {
  if (Chart.of(obj).namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
