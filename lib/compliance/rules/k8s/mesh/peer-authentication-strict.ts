import { COMPLIANT, NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { obj, str } from '../pod';

const RULE_ID = 'k8s-mesh-istio-peer-authentication-strict';
/** Istio's default root namespace (meshConfig.rootNamespace): a PeerAuthentication there without selector is mesh-wide. */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

/**
 * Istio accepts plain text unless mutual TLS is STRICT. PERMISSIVE and DISABLE (for the policy or a port of
 * portLevelMtls) are reported; UNSET inherits from the parent policy, except mesh-wide (root namespace, no selector),
 * where it means Istio's default, PERMISSIVE. Setting: `rootNamespace` (default istio-system).
 */
export const K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT = defineRule({
  id: RULE_ID,
  title: 'Istio PeerAuthentication requires STRICT mutual TLS',
  description: 'An Istio PeerAuthentication (mesh-wide in the root namespace, namespace-wide, or for selected workloads) sets mtls.mode PERMISSIVE or DISABLE, or a port of portLevelMtls does, or the mesh-wide policy leaves the mode UNSET (PERMISSIVE), so the workloads accept plain-text traffic. Setting: rootNamespace (default istio-system).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['PeerAuthentication'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-8', 'NIST-800-53-R5:IA-3'],
  options: { rootNamespace: 'The Istio root namespace, where a PeerAuthentication without selector is mesh-wide (default istio-system).' },
  remediation: 'Set spec.mtls.mode: STRICT (mesh-wide in istio-system, or per namespace) and remove PERMISSIVE/DISABLE port overrides once every client is in the mesh.',
  evaluate: (resource, context) => {
    if (!(resource.apiVersion ?? '').startsWith('security.istio.io/')) return NOT_APPLICABLE;
    const root = str(context.optionsFor(RULE_ID)?.rootNamespace) ?? ISTIO_ROOT_NAMESPACE;
    const spec = obj(obj(resource.body)?.spec) ?? {};
    const meshWide = (resource.namespace ?? '') === root && spec.selector === undefined;
    const findings: RuleFinding[] = [];
    const mode = str(obj(spec.mtls)?.mode) ?? 'UNSET';
    const scope = meshWide ? 'mesh-wide' : spec.selector === undefined ? `namespace "${resource.namespace ?? 'default'}"` : 'selected workloads';
    if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
      findings.push({ id: `mtls:${mode}`, message: `mtls.mode ${mode} (${scope}) accepts plain-text traffic.`, severity: mode === 'PERMISSIVE' ? 'warning' : 'error' });
    } else if (mode === 'UNSET' && meshWide) {
      findings.push({ id: 'mtls:UNSET', message: 'The mesh-wide PeerAuthentication leaves mtls.mode UNSET: Istio\'s default PERMISSIVE accepts plain-text traffic.', severity: 'warning' });
    }
    for (const [port, setting] of Object.entries(obj(spec.portLevelMtls) ?? {})) {
      const m = str(obj(setting)?.mode);
      if (m === 'PERMISSIVE' || m === 'DISABLE') findings.push({ id: `port:${port}:${m}`, message: `portLevelMtls ${port}: mode ${m} accepts plain-text traffic on that port.`, severity: m === 'PERMISSIVE' ? 'warning' : 'error' });
    }
    return findings.length === 0 ? COMPLIANT : fromFindings(findings);
  },
});
