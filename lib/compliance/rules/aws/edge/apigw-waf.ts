import { webAclAssociations } from './alb-waf';
import { restStages } from './apigw-stages';
import { NOT_APPLICABLE, Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, literalText, referencedResource } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';
import { referencers, stackKey } from '../shared/refs';

/** Whether some web ACL association of the run targets this stage: it references the stage, or the API and names the stage. */
function associated(stage: Resource, context: RuleContext, restApiId: unknown, stageName: unknown): boolean {
  const index = webAclAssociations(context);
  if (stage.type === 'AWS::ApiGateway::Stage' && referencers(index, stage).length > 0) return true;
  const api = referencedResource(restApiId);
  if (!api || typeof stageName !== 'string' || hasTokens(stageName)) return false;
  return (index.get(stackKey(stage.stack, api)) ?? []).some((a) => valuesOf(a, context).alts('ResourceArn').every((x) => typeof x.value === 'string' && literalText(x.value).endsWith(`/stages/${stageName}`)));
}

/**
 * REST API stages are protected by a WAF web ACL: an `AWS::WAFv2::WebACLAssociation` (or WAF Regional association)
 * whose ResourceArn references the stage, or the API with the literal stage name (`.../restapis/<api>/stages/<name>`).
 * HTTP and WebSocket APIs cannot be associated with WAF and are out of scope. Finding id `no-web-acl`.
 */
export const AWS_EDGE_APIGW_WAF = defineRule({
  id: 'aws-edge-apigw-waf',
  title: 'API Gateway REST stages have a WAF web ACL',
  description: 'An API Gateway REST stage has no WAF web ACL associated: injection, known-bad inputs and request floods reach the integrations.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:SI-4', 'NIST-800-53-R5:SC-5', 'PCI-DSS-3.2.1:6.6', 'HIPAA:164.312(e)(1)'],
  remediation: 'Associate a WAFv2 web ACL with the stage ARN (AWS::WAFv2::WebACLAssociation; SecureRestApi adds a SecureWebAcl).',
  evaluate: (resource, context) => {
    const stages = restStages(resource, context);
    if (stages.length === 0) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts([])) {
      const p = obj(a.value) ?? {};
      if (resource.type === 'AWS::ApiGateway::Deployment' && (p.StageName === undefined || p.StageName === '')) continue;
      if (!associated(resource, context, p.RestApiId, p.StageName)) findings.fail('waf', 'no-web-acl', `The stage ${display(p.StageName)} has no WAF web ACL associated.`, a);
    }
    return fromFindings(findings.list());
  },
});
