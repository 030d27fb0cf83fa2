import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, podsOf } from '../pod';
import { MESH_EXEMPT_NAMESPACES, namespaceMeshIndex, podEnrolled, runUsesMesh } from './mesh';

const WORKLOAD_KINDS = POD_RULE_TARGETS.filter((k) => k !== 'PodTemplate');

/** Workloads outside the mesh, by namespace (built once per run). */
function unenrolledByNamespace(context: RuleContext): Map<string, string[]> {
  return context.memo('k8s-mesh-namespace-enrolment:unenrolled', () => {
    const index = namespaceMeshIndex(context);
    const out = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const kind of WORKLOAD_KINDS) {
      for (const r of context.ofType(kind)) {
        if (seen.has(r.key)) continue;
        seen.add(r.key);
        const ns = r.namespace ?? 'default';
        const pods = podsOf(r);
        if (pods.length === 0 || pods.every((p) => podEnrolled(p, index.get(ns)))) continue;
        out.set(ns, [...(out.get(ns) ?? []), `${r.type}/${r.objectName ?? ''}`]);
      }
    }
    return out;
  });
}

/**
 * When the bundle uses a service mesh (an Istio or Linkerd object, or a namespace that injects the proxy), every
 * namespace that runs workloads should be in it: workloads outside the mesh talk plain text and escape mesh
 * authorization. Reported on the Namespace object when it is in the run (listing its workloads outside the mesh),
 * otherwise on each such workload. Cluster and mesh control-plane namespaces are exempt.
 */
export const K8S_MESH_NAMESPACE_ENROLMENT = defineRule({
  id: 'k8s-mesh-namespace-enrolment',
  title: 'Namespaces with workloads are enrolled in the mesh the bundle uses',
  description: 'The bundle uses a service mesh (Istio or Linkerd objects, or injected namespaces), but a namespace runs workloads that are not enrolled: the namespace does not inject the proxy (istio-injection: enabled, istio.io/rev, istio.io/dataplane-mode: ambient, linkerd.io/inject: enabled) and the pod templates do not opt in.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['Namespace', ...WORKLOAD_KINDS],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8', 'NIST-800-53-R5:AC-4'],
  remediation: 'Label the namespace for injection (istio-injection: enabled or istio.io/rev; Linkerd: annotate linkerd.io/inject: enabled), or opt the pod templates in; SecureNamespace does this with meshControlPlane.',
  evaluate: (resource: Resource, context: RuleContext) => {
    if (!runUsesMesh(context)) return NOT_APPLICABLE;
    const namespaces = namespaceMeshIndex(context);
    if (resource.type === 'Namespace') {
      const ns = resource.objectName ?? '';
      if (ns === '' || MESH_EXEMPT_NAMESPACES.includes(ns)) return NOT_APPLICABLE;
      const out = unenrolledByNamespace(context).get(ns) ?? [];
      if (out.length === 0) return COMPLIANT;
      return nonCompliant({ id: `namespace:${ns}`, message: `Namespace "${ns}" runs workloads outside the mesh: ${out.slice(0, 10).join(', ')}${out.length > 10 ? `, and ${out.length - 10} more` : ''}.` });
    }
    const ns = resource.namespace ?? 'default';
    if (MESH_EXEMPT_NAMESPACES.includes(ns) || namespaces.has(ns)) return NOT_APPLICABLE; // reported on the Namespace
    const pods = podsOf(resource);
    if (pods.length === 0) return NOT_APPLICABLE;
    if (pods.every((p) => podEnrolled(p, undefined))) return COMPLIANT;
    return nonCompliant({ id: `namespace:${ns}`, message: `The workload runs outside the mesh: namespace "${ns}" is not in the checked manifests (so not known to inject) and the pod template does not opt in.` });
  },
});
