import { NOT_APPLICABLE, RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod } from '../pod';
import { istioOptOut, istioPodSetting, linkerdPodSetting, namespaceMeshIndex } from './mesh';

/**
 * A pod template that opts out of proxy injection in a namespace that injects (Istio `istio-injection: enabled` /
 * `istio.io/rev`, Linkerd `linkerd.io/inject: enabled`) runs outside the mesh: no mutual TLS, no mesh authorization.
 * The namespace must be a Namespace object of the run (otherwise injection is unknown and the opt-out is harmless).
 */
export const K8S_MESH_SIDECAR_OPT_OUT = defineRule({
  id: 'k8s-mesh-sidecar-opt-out',
  title: 'Pods do not opt out of sidecar injection in meshed namespaces',
  description: 'A pod template sets sidecar.istio.io/inject to "false" (or any value but y/yes/true/on, as Istio reads it; label or annotation) or linkerd.io/inject: disabled in a namespace that injects the mesh proxy, so its pods run without mutual TLS and mesh authorization.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS.filter((k) => k !== 'PodTemplate'),
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8', 'NIST-800-53-R5:AC-4'],
  remediation: 'Remove the opt-out; for Jobs use native sidecars (Kubernetes 1.29+ with Istio 1.19+/Linkerd 2.15+) so the proxy does not block completion.',
  evaluate: (resource, context) => {
    const ns = namespaceMeshIndex(context).get(resource.namespace ?? 'default');
    if (!ns || (!ns.istioInjected && !ns.linkerdInjected)) return NOT_APPLICABLE;
    return checkPod(resource, (pod) => {
      const out: RuleFinding[] = [];
      if (ns.istioInjected && istioOptOut(pod)) {
        out.push({ id: 'sidecar.istio.io/inject', message: `${pod.metadataPath} sets sidecar.istio.io/inject "${istioPodSetting(pod)}" (opts out) in Istio-injected namespace "${resource.namespace ?? 'default'}".` });
      }
      if (ns.linkerdInjected && linkerdPodSetting(pod) === 'disabled') {
        out.push({ id: 'linkerd.io/inject', message: `${pod.metadataPath} sets linkerd.io/inject "disabled" in Linkerd-injected namespace "${resource.namespace ?? 'default'}".` });
      }
      return out;
    });
  },
});
