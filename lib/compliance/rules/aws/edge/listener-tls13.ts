import { listenerPolicies } from './listener-policy';
import { TlsPolicyLevel, elbPolicyLevel } from './tls-policies';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';

/** HTTPS/TLS listeners with a TLS 1.2-minimum policy also offer TLS 1.3 (policies below 1.2 are reported by aws-edge-elb-listener-tls12 only). */
export const AWS_EDGE_ELB_LISTENER_TLS13 = defineRule({
  id: 'aws-edge-elb-listener-tls13',
  title: 'Load balancer listeners support TLS 1.3',
  description: 'An HTTPS or TLS listener uses a TLS 1.2-only security policy (no TLS 1.3).',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-13'],
  remediation: 'Use an ELBSecurityPolicy-TLS13-1-2-* policy (TLS 1.3 and 1.2), or record why clients need the old policy (MtlsHttpsService sslPolicyReason).',
  evaluate: (resource, context) => {
    // unknown policies are reported (cannot verify) by aws-edge-elb-listener-tls12 only; below 1.2 is its error
    const alts = listenerPolicies(resource, context).filter((a) => !a.value.unknown && elbPolicyLevel(a.value.policy) !== TlsPolicyLevel.BELOW_TLS12);
    if (alts.length === 0) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const a of alts) {
      if (elbPolicyLevel(a.value.policy) !== TlsPolicyLevel.TLS13) findings.fail('policy', `policy:${a.value.policy}`, `SslPolicy ${a.value.policy} does not support TLS 1.3.`, a);
    }
    return fromFindings(findings.list());
  },
});
