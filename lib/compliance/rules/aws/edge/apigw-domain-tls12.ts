import { COMPLIANT, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, props, str } from '../network/cfn-values';
import { TlsPolicyLevel, apiGatewayPolicyLevel } from './tls-policies';

function check(policy: unknown, where: string): RuleFinding | undefined {
  if (policy === undefined) return { id: `${where}:unset`, message: `SecurityPolicy is not set${where === 'domain' ? '' : ` (${where})`}; set TLS_1_2 (or a TLS 1.3 policy) explicitly.` };
  const p = str(policy);
  if (p === undefined) return { id: `${where}:intrinsic`, message: 'SecurityPolicy is not a literal and cannot be verified.' };
  if (apiGatewayPolicyLevel(p) === TlsPolicyLevel.BELOW_TLS12) return { id: `${where}:${p}`, message: `SecurityPolicy ${p} accepts TLS 1.0/1.1.` };
  return undefined;
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
  evaluate: (resource) => {
    const p = props(resource);
    if (resource.type === 'AWS::ApiGateway::DomainName') {
      const f = check(p.SecurityPolicy, 'domain');
      return f ? fromFindings([f]) : COMPLIANT;
    }
    const configs = arr(p.DomainNameConfigurations);
    const findings = configs.map((c, i) => check(obj(c)?.SecurityPolicy, `configuration[${i}]`)).filter((f): f is RuleFinding => !!f);
    return fromFindings(findings);
  },
});
