import { TlsPolicyLevel, apiGatewayPolicyLevel } from './tls-policies';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Alt, display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

function judge(findings: Findings, where: string, alts: readonly Alt[]): void {
  for (const a of alts) {
    const policy = a.value;
    if (policy === undefined) findings.fail(where, `${where}:unset`, `SecurityPolicy is not set${where === 'domain' ? '' : ` (${where})`}; set TLS_1_2 (or a TLS 1.3 policy) explicitly.`, a);
    else if (typeof policy !== 'string' || hasTokens(policy)) findings.unverified(where, `${where}:intrinsic`, `SecurityPolicy is ${display(policy)}.`, a);
    else if (apiGatewayPolicyLevel(policy) === TlsPolicyLevel.BELOW_TLS12) findings.fail(where, `${where}:${policy}`, `SecurityPolicy ${policy} accepts TLS 1.0/1.1.`, a);
  }
}

/** API Gateway custom domains (REST and HTTP/WebSocket) use TLS 1.2 or newer, set explicitly. */
export const AWS_EDGE_APIGW_DOMAIN_TLS12 = defineRule({
  id: 'aws-edge-apigw-domain-tls12',
  title: 'API Gateway custom domains require TLS 1.2 or newer',
  description: 'An API Gateway custom domain accepts TLS 1.0/1.1 or does not set its security policy.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::DomainName', 'AWS::ApiGatewayV2::DomainName'],
  controls: ['NIST-800-53-R5:SC-8', 'NIST-800-53-R5:SC-13', 'PCI-DSS-3.2.1:4.1', 'HIPAA:164.312(e)(1)', 'AWS-CT:CT.APIGATEWAY.PR.6'],
  remediation: 'Set SecurityPolicy to TLS_1_2 (or an enhanced SecurityPolicy_TLS13_* policy); SecureRestApi does.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::ApiGateway::DomainName') judge(findings, 'domain', v.alts('SecurityPolicy'));
    else for (const item of v.items('DomainNameConfigurations')) judge(findings, `configuration[${item.index}]`, item.alts.map((a) => ({ value: obj(a.value)?.SecurityPolicy, via: a.via })));
    return fromFindings(findings.list());
  },
});
