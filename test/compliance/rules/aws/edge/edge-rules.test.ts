import { RULES } from '../../../../../lib/compliance/rules/aws/edge';
import { AWS_EDGE_ALB_DESYNC_MITIGATION } from '../../../../../lib/compliance/rules/aws/edge/alb-desync-mitigation';
import { AWS_EDGE_ALB_DROP_INVALID_HEADERS } from '../../../../../lib/compliance/rules/aws/edge/alb-drop-invalid-headers';
import { AWS_EDGE_ALB_MTLS_VERIFY } from '../../../../../lib/compliance/rules/aws/edge/alb-mtls-verify';
import { AWS_EDGE_APIGW_DOMAIN_TLS12 } from '../../../../../lib/compliance/rules/aws/edge/apigw-domain-tls12';
import { AWS_EDGE_APIGW_METHOD_AUTHORIZATION } from '../../../../../lib/compliance/rules/aws/edge/apigw-method-authorization';
import { AWS_EDGE_APIGW_NO_DATA_TRACE } from '../../../../../lib/compliance/rules/aws/edge/apigw-no-data-trace';
import { AWS_EDGE_ELB_LISTENER_TLS12 } from '../../../../../lib/compliance/rules/aws/edge/listener-tls12';
import { AWS_EDGE_ELB_LISTENER_TLS13 } from '../../../../../lib/compliance/rules/aws/edge/listener-tls13';
import { TlsPolicyLevel, apiGatewayPolicyLevel, elbPolicyLevel } from '../../../../../lib/compliance/rules/aws/edge/tls-policies';
import { AWS_EDGE_WAF_RATE_BASED_RULE } from '../../../../../lib/compliance/rules/aws/edge/waf-rate-based-rule';
import { ids, open, outcomes } from '../network/helpers';

const listener = (p: object) => ({ Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: 'arn', Port: 443, Protocol: 'HTTPS', ...p } });

describe('TLS policy classification', () => {
  test.each([
    ['ELBSecurityPolicy-TLS13-1-2-2021-06', TlsPolicyLevel.TLS13],
    ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', TlsPolicyLevel.TLS13],
    ['ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04', TlsPolicyLevel.TLS13],
    ['ELBSecurityPolicy-TLS13-1-1-2021-06', TlsPolicyLevel.BELOW_TLS12],
    ['ELBSecurityPolicy-TLS13-1-0-PQ-2025-09', TlsPolicyLevel.BELOW_TLS12],
    ['ELBSecurityPolicy-TLS-1-2-Ext-2018-06', TlsPolicyLevel.TLS12],
    ['ELBSecurityPolicy-FS-1-2-Res-2020-10', TlsPolicyLevel.TLS12],
    ['ELBSecurityPolicy-2016-08', TlsPolicyLevel.BELOW_TLS12],
    ['ELBSecurityPolicy-FS-1-1-2019-08', TlsPolicyLevel.BELOW_TLS12],
    ['SomethingElse', TlsPolicyLevel.BELOW_TLS12],
  ])('ELB %s is %s', (policy, level) => expect(elbPolicyLevel(policy)).toBe(level));
  test.each([
    ['TLS_1_0', TlsPolicyLevel.BELOW_TLS12], ['TLS_1_2', TlsPolicyLevel.TLS12],
    ['SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09', TlsPolicyLevel.TLS13], ['SecurityPolicy_TLS12_PFS_2025_EDGE', TlsPolicyLevel.TLS12],
  ])('API Gateway %s is %s', (policy, level) => expect(apiGatewayPolicyLevel(policy)).toBe(level));
});

describe('aws-edge-elb-listener-tls12 / -tls13', () => {
  test('TLS 1.3 policies pass both; HTTP listeners are not applicable', () => {
    const res = { Good: listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }), Http: listener({ Protocol: 'HTTP', Port: 80 }) };
    expect(outcomes(AWS_EDGE_ELB_LISTENER_TLS12, res)).toEqual({ Good: 'compliant', Http: 'not-applicable' });
    expect(outcomes(AWS_EDGE_ELB_LISTENER_TLS13, res)).toEqual({ Good: 'compliant', Http: 'not-applicable' });
  });
  test('below TLS 1.2 (explicit, absent = ELBSecurityPolicy-2016-08, NLB TLS) is an error of -tls12 only', () => {
    const res = {
      Old: listener({ SslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' }),
      Unset: listener({}),
      Nlb: listener({ Protocol: 'TLS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' }),
    };
    const f = open(AWS_EDGE_ELB_LISTENER_TLS12, res);
    expect(ids(f).sort()).toEqual([
      'aws-edge-elb-listener-tls12[policy:ELBSecurityPolicy-2016-08] Unset',
      'aws-edge-elb-listener-tls12[policy:ELBSecurityPolicy-TLS-1-1-2017-01] Old',
      'aws-edge-elb-listener-tls12[policy:ELBSecurityPolicy-TLS13-1-0-2021-06] Nlb',
    ]);
    expect(f.every((x) => x.severity === 'error')).toBe(true);
    expect(f.find((x) => x.resource.logicalId === 'Unset')!.message).toContain('not set');
    expect(open(AWS_EDGE_ELB_LISTENER_TLS13, res)).toEqual([]);
  });
  test('TLS 1.2-only policies are a warning of -tls13', () => {
    const f = open([AWS_EDGE_ELB_LISTENER_TLS12, AWS_EDGE_ELB_LISTENER_TLS13], { L: listener({ SslPolicy: 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06' }) });
    expect(ids(f)).toEqual(['aws-edge-elb-listener-tls13[policy:ELBSecurityPolicy-TLS-1-2-Ext-2018-06] L']);
    expect(f[0].severity).toBe('warning');
  });
  test('an intrinsic policy cannot be verified', () => {
    expect(ids(open(AWS_EDGE_ELB_LISTENER_TLS12, { L: listener({ SslPolicy: { Ref: 'Policy' } }) }))).toEqual(['aws-edge-elb-listener-tls12[policy:intrinsic] L']);
  });
});

describe('aws-edge-alb-drop-invalid-headers / -desync-mitigation', () => {
  const lb = (attrs: Record<string, string> | undefined, type?: string) => ({
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: {
      ...(type ? { Type: type } : {}),
      ...(attrs ? { LoadBalancerAttributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) } : {}),
    },
  });
  test('compliant: drop enabled, strictest/defensive (or absent = defensive); NLBs are not applicable', () => {
    const res = {
      Strict: lb({ 'routing.http.drop_invalid_header_fields.enabled': 'true', 'routing.http.desync_mitigation_mode': 'strictest' }),
      Nlb: lb(undefined, 'network'),
    };
    expect(outcomes(AWS_EDGE_ALB_DROP_INVALID_HEADERS, res)).toEqual({ Strict: 'compliant', Nlb: 'not-applicable' });
    expect(outcomes(AWS_EDGE_ALB_DESYNC_MITIGATION, { ...res, Default: lb({}) })).toEqual({ Strict: 'compliant', Nlb: 'not-applicable', Default: 'compliant' });
  });
  test('non-compliant: headers forwarded, monitor mode', () => {
    const res = { Lax: lb({ 'routing.http.drop_invalid_header_fields.enabled': 'false', 'routing.http.desync_mitigation_mode': 'monitor' }), Bare: lb(undefined, 'application') };
    expect(ids(open(AWS_EDGE_ALB_DROP_INVALID_HEADERS, res)).sort()).toEqual(['aws-edge-alb-drop-invalid-headers[] Bare', 'aws-edge-alb-drop-invalid-headers[] Lax']);
    expect(ids(open(AWS_EDGE_ALB_DESYNC_MITIGATION, res))).toEqual(['aws-edge-alb-desync-mitigation[mode:monitor] Lax']);
  });
});

describe('aws-edge-alb-mtls-verify', () => {
  test('compliant: verify with a trust store; not applicable without mutual TLS', () => {
    expect(outcomes(AWS_EDGE_ALB_MTLS_VERIFY, {
      Verify: listener({ MutualAuthentication: { Mode: 'verify', TrustStoreArn: 'arn:ts', IgnoreClientCertificateExpiry: false } }),
      Plain: listener({}),
      Off: listener({ MutualAuthentication: { Mode: 'off' } }),
    })).toEqual({ Verify: 'compliant', Plain: 'not-applicable', Off: 'not-applicable' });
  });
  test('non-compliant: passthrough, off with a trust store, expired certificates accepted', () => {
    expect(ids(open(AWS_EDGE_ALB_MTLS_VERIFY, {
      Pass: listener({ MutualAuthentication: { Mode: 'passthrough' } }),
      OffTs: listener({ MutualAuthentication: { Mode: 'off', TrustStoreArn: 'arn:ts' } }),
      Expired: listener({ MutualAuthentication: { Mode: 'verify', TrustStoreArn: 'arn:ts', IgnoreClientCertificateExpiry: true } }),
    })).sort()).toEqual(['aws-edge-alb-mtls-verify[ignore-expiry] Expired', 'aws-edge-alb-mtls-verify[mode:off] OffTs', 'aws-edge-alb-mtls-verify[mode:passthrough] Pass']);
  });
});

describe('aws-edge-waf-rate-based-rule', () => {
  const acl = (rules: object[]) => ({ Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'REGIONAL', DefaultAction: { Allow: {} }, Rules: rules } });
  const rate = (action: object) => ({ Name: 'r', Priority: 0, Action: action, Statement: { RateBasedStatement: { Limit: 100, AggregateKeyType: 'IP' } } });
  const managed = { Name: 'm', Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } };
  test('compliant: a blocking (or challenging) rate-based rule', () => {
    expect(open(AWS_EDGE_WAF_RATE_BASED_RULE, { A: acl([rate({ Block: {} }), managed]), B: acl([rate({ Challenge: {} })]) })).toEqual([]);
  });
  test('non-compliant: no rate rule, or one that only counts', () => {
    expect(ids(open(AWS_EDGE_WAF_RATE_BASED_RULE, { None: acl([managed]), Count: acl([rate({ Count: {} })]), Empty: { Type: 'AWS::WAFv2::WebACL', Properties: {} } })).sort())
      .toEqual(['aws-edge-waf-rate-based-rule[count-only] Count', 'aws-edge-waf-rate-based-rule[missing] Empty', 'aws-edge-waf-rate-based-rule[missing] None']);
  });
});

describe('aws-edge-apigw-domain-tls12', () => {
  test('compliant: TLS_1_2 and enhanced TLS 1.3 policies (REST and V2)', () => {
    expect(open(AWS_EDGE_APIGW_DOMAIN_TLS12, {
      Rest: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'a.example.com', SecurityPolicy: 'TLS_1_2' } },
      Rest13: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'b.example.com', SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09' } },
      V2: { Type: 'AWS::ApiGatewayV2::DomainName', Properties: { DomainName: 'c.example.com', DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_2' }] } },
    })).toEqual([]);
  });
  test('non-compliant: TLS_1_0, unset, intrinsic', () => {
    expect(ids(open(AWS_EDGE_APIGW_DOMAIN_TLS12, {
      Old: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'a.example.com', SecurityPolicy: 'TLS_1_0' } },
      Unset: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'b.example.com' } },
      V2: { Type: 'AWS::ApiGatewayV2::DomainName', Properties: { DomainName: 'c.example.com', DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_0' }, { SecurityPolicy: { Ref: 'P' } }] } },
    })).sort()).toEqual([
      'aws-edge-apigw-domain-tls12[configuration[0]:TLS_1_0] V2',
      'aws-edge-apigw-domain-tls12[configuration[1]:intrinsic] V2',
      'aws-edge-apigw-domain-tls12[domain:TLS_1_0] Old',
      'aws-edge-apigw-domain-tls12[domain:unset] Unset',
    ]);
  });
});

describe('aws-edge-apigw-method-authorization', () => {
  const method = (p: object) => ({ Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: 'a', ResourceId: 'r', HttpMethod: 'GET', ...p } });
  test('compliant: IAM, Cognito, custom authorizers; CORS preflight (OPTIONS + MOCK) is exempt', () => {
    expect(open(AWS_EDGE_APIGW_METHOD_AUTHORIZATION, {
      Iam: method({ AuthorizationType: 'AWS_IAM' }),
      Cognito: method({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: 'x' }),
      Custom: method({ AuthorizationType: 'CUSTOM', AuthorizerId: 'x' }),
      Preflight: method({ HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } }),
    })).toEqual([]);
  });
  test('non-compliant: NONE, unset, and OPTIONS reaching a backend', () => {
    expect(ids(open(AWS_EDGE_APIGW_METHOD_AUTHORIZATION, {
      None: method({ AuthorizationType: 'NONE' }),
      Unset: method({ HttpMethod: 'POST' }),
      Options: method({ HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', Integration: { Type: 'HTTP_PROXY' } }),
    })).sort()).toEqual([
      'aws-edge-apigw-method-authorization[method:GET] None',
      'aws-edge-apigw-method-authorization[method:OPTIONS] Options',
      'aws-edge-apigw-method-authorization[method:POST] Unset',
    ]);
  });
});

describe('aws-edge-apigw-no-data-trace', () => {
  test('compliant: data tracing off or unset', () => {
    expect(open(AWS_EDGE_APIGW_NO_DATA_TRACE, {
      Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false, LoggingLevel: 'ERROR' }] } },
      Deploy: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: 'a' } },
    })).toEqual([]);
  });
  test('non-compliant: stage method settings and deployment stage descriptions with data tracing', () => {
    expect(ids(open(AWS_EDGE_APIGW_NO_DATA_TRACE, {
      Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: true }] } },
      Deploy: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: 'a', StageDescription: { DataTraceEnabled: 'true' } } },
    })).sort()).toEqual(['aws-edge-apigw-no-data-trace[data-trace:* /*] Stage', 'aws-edge-apigw-no-data-trace[data-trace:stage] Deploy']);
  });
});

test('every edge rule is registered once', () => {
  expect(RULES.map((r) => r.id).sort()).toEqual([
    'aws-edge-alb-desync-mitigation', 'aws-edge-alb-drop-invalid-headers', 'aws-edge-alb-http-redirect', 'aws-edge-alb-mtls-verify', 'aws-edge-alb-waf',
    'aws-edge-apigw-access-logs', 'aws-edge-apigw-cache-encrypted', 'aws-edge-apigw-domain-tls12', 'aws-edge-apigw-execution-logging',
    'aws-edge-apigw-method-authorization', 'aws-edge-apigw-no-data-trace', 'aws-edge-apigw-request-validation', 'aws-edge-apigw-route-authorization',
    'aws-edge-apigw-waf', 'aws-edge-elb-access-logs', 'aws-edge-elb-listener-tls12', 'aws-edge-elb-listener-tls13', 'aws-edge-lambda-url-authorization',
    'aws-edge-waf-logging', 'aws-edge-waf-rate-based-rule',
  ]);
});
