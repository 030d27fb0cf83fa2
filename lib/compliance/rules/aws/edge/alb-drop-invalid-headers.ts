import { albAttributes } from './alb-attributes';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/** Application Load Balancers drop HTTP headers with invalid names instead of forwarding them (request smuggling, header injection). */
export const AWS_EDGE_ALB_DROP_INVALID_HEADERS = defineRule({
  id: 'aws-edge-alb-drop-invalid-headers',
  title: 'Application Load Balancers drop invalid HTTP headers',
  description: 'The load balancer forwards headers with invalid names to its targets (routing.http.drop_invalid_header_fields.enabled is not true).',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  controls: ['NIST-800-53-R5:SI-10', 'NIST-800-53-R5:SC-8', 'PCI-DSS-3.2.1:6.5.1', 'AWS-CT:CT.ELASTICLOADBALANCING.PR.4'],
  remediation: 'Set the load balancer attribute routing.http.drop_invalid_header_fields.enabled to true (dropInvalidHeaderFields; MtlsHttpsService does).',
  evaluate: (resource, context) => {
    const alts = albAttributes(resource, context);
    if (alts.length === 0) return NOT_APPLICABLE;
    const findings = new Findings();
    findings.check('drop', alts.map((a) => ({ value: a.value.get('routing.http.drop_invalid_header_fields.enabled'), via: a.via })), (v) => (isTrue(v) ? true : typeof v === 'string' && hasTokens(v) ? undefined : false), {
      bad: () => 'routing.http.drop_invalid_header_fields.enabled is not true.',
      unknown: (v) => `routing.http.drop_invalid_header_fields.enabled is ${display(v)}.`,
    });
    return fromFindings(findings.list());
  },
});
