import { albAttributes } from './alb-attributes';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';

/**
 * Application Load Balancers mitigate HTTP desync (request smuggling) in `defensive` (the AWS default when the
 * attribute is absent) or `strictest` mode; `monitor` lets ambiguous requests through.
 */
export const AWS_EDGE_ALB_DESYNC_MITIGATION = defineRule({
  id: 'aws-edge-alb-desync-mitigation',
  title: 'Application Load Balancers mitigate HTTP desync',
  description: 'The load balancer runs desync mitigation in monitor mode and forwards ambiguous (smuggling-prone) requests.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  controls: ['NIST-800-53-R5:SI-10', 'NIST-800-53-R5:SC-7', 'AWS-CT:CT.ELASTICLOADBALANCING.PR.3'],
  remediation: 'Set routing.http.desync_mitigation_mode to strictest (MtlsHttpsService does) or defensive.',
  evaluate: (resource, context) => {
    const alts = albAttributes(resource, context);
    if (alts.length === 0) return NOT_APPLICABLE;
    const findings = new Findings();
    findings.check('mode', alts.map((a) => ({ value: a.value.get('routing.http.desync_mitigation_mode') ?? 'defensive', via: a.via })), (m) => (m === 'defensive' || m === 'strictest' ? true : typeof m === 'string' && hasTokens(m) ? undefined : false), {
      id: (m) => `mode:${display(m)}`,
      bad: (m) => `routing.http.desync_mitigation_mode is ${display(m)}.`,
      unknown: (m) => `routing.http.desync_mitigation_mode is ${display(m)}.`,
    });
    return fromFindings(findings.list());
  },
});
