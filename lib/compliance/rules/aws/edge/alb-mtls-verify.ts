import { COMPLIANT, NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { isTrue, obj, props, str } from '../network/cfn-values';

/**
 * Listeners with mutual TLS verify client certificates at the load balancer: a listener with a trust store (or in
 * passthrough mode) must use Mode `verify`, and must not accept expired client certificates.
 */
export const AWS_EDGE_ALB_MTLS_VERIFY = defineRule({
  id: 'aws-edge-alb-mtls-verify',
  title: 'Mutual TLS listeners verify client certificates',
  description: 'A listener with mutual TLS does not verify client certificates itself (passthrough, off with a trust store) or accepts expired ones.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
  controls: ['NIST-800-53-R5:IA-3', 'NIST-800-53-R5:IA-5(2)', 'NIST-800-53-R5:SC-8', 'PCI-DSS-3.2.1:8.1'],
  remediation: 'Set MutualAuthentication Mode to verify with the trust store and IgnoreClientCertificateExpiry false (MtlsHttpsService mutualTls does), or record why targets verify certificates (mutualTls.passthroughReason).',
  evaluate: (resource) => {
    const ma = obj(props(resource).MutualAuthentication);
    if (!ma) return NOT_APPLICABLE;
    const mode = str(ma.Mode) ?? 'off';
    const hasTrustStore = ma.TrustStoreArn !== undefined;
    if (mode === 'off' && !hasTrustStore) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    if (mode !== 'verify') findings.push({ id: `mode:${mode}`, message: mode === 'passthrough' ? 'Mode is passthrough: the load balancer forwards client certificates unverified.' : `Mode is ${mode} although a trust store is configured.` });
    if (mode === 'verify' && isTrue(ma.IgnoreClientCertificateExpiry)) findings.push({ id: 'ignore-expiry', message: 'IgnoreClientCertificateExpiry is true: expired client certificates are accepted.' });
    return findings.length === 0 ? COMPLIANT : fromFindings(findings);
  },
});
