import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { albAttributes } from './alb-attributes';

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
  evaluate: (resource) => {
    const attrs = albAttributes(resource);
    if (!attrs) return NOT_APPLICABLE;
    const mode = attrs.get('routing.http.desync_mitigation_mode') ?? 'defensive';
    return mode === 'defensive' || mode === 'strictest' ? COMPLIANT : nonCompliant({ id: `mode:${mode}`, message: `routing.http.desync_mitigation_mode is ${mode}.` });
  },
});
