import { listenerPolicies } from './listener-policy';
import { ELB_DEFAULT_POLICY, TlsPolicyLevel, elbPolicyLevel } from './tls-policies';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';

/** HTTPS (ALB) and TLS (NLB) listeners use a policy with TLS 1.2 as the minimum; absent SslPolicy means ELBSecurityPolicy-2016-08 (TLS 1.0). */
export const AWS_EDGE_ELB_LISTENER_TLS12 = defineRule({
  id: 'aws-edge-elb-listener-tls12',
  title: 'Load balancer listeners refuse TLS below 1.2',
  description: 'An HTTPS or TLS listener uses a security policy that accepts TLS 1.0 or 1.1.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-8(1)', 'NIST-800-53-R5:SC-13', 'PCI-DSS-3.2.1:4.1', 'HIPAA:164.312(e)(1)'],
  remediation: 'Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter (MtlsHttpsService defaults to ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09).',
  evaluate: (resource, context) => {
    const alts = listenerPolicies(resource, context);
    if (alts.length === 0) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const a of alts) {
      const l = a.value;
      if (l.unknown) {findings.unverified('policy', 'policy:intrinsic', `the SslPolicy (or Protocol) of the listener is not known before deployment (${display(l.policy)}).`, a);} else if (elbPolicyLevel(l.policy) === TlsPolicyLevel.BELOW_TLS12) {
        findings.fail('policy', `policy:${l.policy}`, l.explicit ? `SslPolicy ${l.policy} accepts TLS versions below 1.2.` : `SslPolicy is not set: the listener uses ${ELB_DEFAULT_POLICY}, which accepts TLS 1.0 and 1.1.`, a);
      }
    }
    return fromFindings(findings.list());
  },
});
