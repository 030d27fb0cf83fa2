import { NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';

function disabled(policy: unknown, where: string, out: RuleFinding[]): void {
  const p = obj(policy);
  if (!p) return;
  if (str(obj(p.tls)?.mode) === 'DISABLE') out.push({ id: `${where}tls`, message: `${where}trafficPolicy.tls.mode DISABLE sends plain text to the host.` });
  arr(p.portLevelSettings).forEach((s, i) => {
    const setting = obj(s);
    if (str(obj(setting?.tls)?.mode) !== 'DISABLE') return;
    const port = obj(setting?.port)?.number ?? i;
    out.push({ id: `${where}port:${String(port)}`, message: `${where}trafficPolicy.portLevelSettings port ${String(port)}: tls.mode DISABLE sends plain text on that port.` });
  });
}

/** A DestinationRule with `tls.mode: DISABLE` turns Istio mutual TLS off for traffic to its host (also per port and per subset). */
export const K8S_MESH_ISTIO_DESTINATION_RULE_TLS = defineRule({
  id: 'k8s-mesh-istio-destination-rule-tls',
  title: 'Istio DestinationRules do not disable TLS',
  description: 'An Istio DestinationRule sets trafficPolicy.tls.mode DISABLE (for the host, a port in portLevelSettings, or a subset), so sidecars send plain text to that destination.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['DestinationRule'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8'],
  remediation: 'Use tls.mode ISTIO_MUTUAL for mesh destinations (or leave tls out and let auto mTLS apply); SIMPLE or MUTUAL for destinations outside the mesh.',
  evaluate: (resource) => {
    if (!(resource.apiVersion ?? '').startsWith('networking.istio.io/')) return NOT_APPLICABLE;
    const spec = obj(obj(resource.body)?.spec) ?? {};
    const findings: RuleFinding[] = [];
    disabled(spec.trafficPolicy, '', findings);
    arr(spec.subsets).forEach((s, i) => disabled(obj(s)?.trafficPolicy, `subset:${str(obj(s)?.name) ?? i}/`, findings));
    return fromFindings(findings);
  },
});
