import { NOT_APPLICABLE, Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';
import { referencers, referencingIndex } from '../shared/refs';

/** The WAF web ACL associations (WAFv2 and WAF Regional) of a run, by the resources their ResourceArn references. */
export function webAclAssociations(context: RuleContext): Map<string, Resource[]> {
  return referencingIndex(context, 'waf-associations', ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'], ['ResourceArn']);
}

/**
 * Internet-facing Application Load Balancers have a WAF web ACL: an `AWS::WAFv2::WebACLAssociation` (or WAF Regional
 * association) whose ResourceArn references the load balancer. `Scheme` absent means internet-facing. Internal load
 * balancers are not applicable. Finding id `no-web-acl`.
 */
export const AWS_EDGE_ALB_WAF = defineRule({
  id: 'aws-edge-alb-waf',
  title: 'Internet-facing Application Load Balancers have a WAF web ACL',
  description: 'An internet-facing Application Load Balancer has no WAF web ACL associated: injection, known-bad inputs and request floods reach the targets.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:SI-4', 'NIST-800-53-R5:SC-5', 'PCI-DSS-3.2.1:6.6', 'HIPAA:164.312(e)(1)'],
  remediation: 'Associate a WAFv2 web ACL with the load balancer (AWS::WAFv2::WebACLAssociation; MtlsHttpsService adds a SecureWebAcl), or keep it internal.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    let applicable = false;
    const associated = referencers(webAclAssociations(context), resource).length > 0;
    for (const a of valuesOf(resource, context).alts([])) {
      const p = obj(a.value) ?? {};
      const type = p.Type;
      if (typeof type === 'string' && !hasTokens(type) && type.trim().toLowerCase() !== 'application') continue;
      const scheme = p.Scheme;
      const schemeUnknown = typeof scheme === 'string' && hasTokens(scheme);
      if (!schemeUnknown && typeof scheme === 'string' && scheme.trim().toLowerCase() === 'internal') continue;
      applicable = true;
      if (associated) continue;
      if (schemeUnknown || (typeof type === 'string' && hasTokens(type))) findings.unverified('waf', 'no-web-acl', `the load balancer has no web ACL, and its Scheme (${display(scheme)}) or Type is not known before deployment.`, a);
      else findings.fail('waf', 'no-web-acl', `The ${scheme === undefined ? 'load balancer (Scheme not set: internet-facing)' : 'internet-facing load balancer'} has no WAF web ACL associated.`, a);
    }
    return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
  },
});
