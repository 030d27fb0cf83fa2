import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

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
  evaluate: (resource, context) => {
    const findings = new Findings();
    let applicable = false;
    for (const a of valuesOf(resource, context).alts('MutualAuthentication')) {
      if (typeof a.value === 'string' && hasTokens(a.value)) {
        applicable = true;
        findings.unverified('mode', 'mode:unknown', `MutualAuthentication is ${display(a.value)}.`, a);
        continue;
      }
      const ma = obj(a.value);
      if (!ma) continue;
      const rawMode = ma.Mode;
      const mode = typeof rawMode === 'string' ? rawMode.trim().toLowerCase() : 'off';
      const hasTrustStore = ma.TrustStoreArn !== undefined;
      if (mode === 'off' && !hasTrustStore) continue;
      applicable = true;
      if (typeof rawMode === 'string' && hasTokens(rawMode)) findings.unverified('mode', 'mode:unknown', `Mode is ${display(rawMode)}.`, a);
      else if (mode !== 'verify') findings.fail('mode', `mode:${mode}`, mode === 'passthrough' ? 'Mode is passthrough: the load balancer forwards client certificates unverified.' : `Mode is ${mode} although a trust store is configured.`, a);
      else if (isTrue(ma.IgnoreClientCertificateExpiry)) findings.fail('expiry', 'ignore-expiry', 'IgnoreClientCertificateExpiry is true: expired client certificates are accepted.', a);
      else if (typeof ma.IgnoreClientCertificateExpiry === 'string' && hasTokens(ma.IgnoreClientCertificateExpiry)) findings.unverified('expiry', 'ignore-expiry', `IgnoreClientCertificateExpiry is ${display(ma.IgnoreClientCertificateExpiry)}.`, a);
    }
    return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
  },
});
