import { NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, obj } from '../pod';

/** Annotations that make the mesh proxy pass traffic on some ports without mTLS or policy. */
export const SKIP_PORT_ANNOTATIONS: readonly string[] = [
  'config.linkerd.io/skip-inbound-ports',
  'config.linkerd.io/skip-outbound-ports',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
];

function skipped(annotations: unknown, where: string): RuleFinding[] {
  const a = obj(annotations) ?? {};
  const out: RuleFinding[] = [];
  for (const key of SKIP_PORT_ANNOTATIONS) {
    const v = a[key];
    if (v === undefined || v === null || String(v).trim() === '') continue;
    out.push({ id: key, message: `${where} sets ${key}: "${String(v)}": traffic on those ports bypasses the mesh proxy (no mutual TLS, no mesh authorization).` });
  }
  return out;
}

/**
 * Linkerd's skip-inbound/outbound-ports (and Istio's exclude{Inbound,Outbound}Ports) annotations let traffic on
 * the listed ports bypass the proxy. On a Namespace, Linkerd's config annotations apply to every pod of it.
 */
export const K8S_MESH_PROXY_SKIP_PORTS = defineRule({
  id: 'k8s-mesh-proxy-skip-ports',
  title: 'Mesh proxies do not skip ports',
  description: 'A pod template or Namespace sets config.linkerd.io/skip-inbound-ports or skip-outbound-ports (or Istio traffic.sidecar.istio.io/excludeInboundPorts / excludeOutboundPorts), so traffic on those ports bypasses the proxy: no mutual TLS and no mesh authorization.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['Namespace', ...POD_RULE_TARGETS.filter((k) => k !== 'PodTemplate')],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8'],
  remediation: 'Remove the annotation; mark server-speaks-first protocols opaque (config.linkerd.io/opaque-ports, or an appProtocol) instead of skipping the proxy.',
  evaluate: (resource) => {
    if (resource.type === 'Namespace') {
      const f = skipped(obj(obj(resource.body)?.metadata)?.annotations, 'Namespace');
      return f.length === 0 ? NOT_APPLICABLE : fromFindings(f);
    }
    return checkPod(resource, (pod) => skipped(pod.metadata.annotations, pod.metadataPath));
  },
});
