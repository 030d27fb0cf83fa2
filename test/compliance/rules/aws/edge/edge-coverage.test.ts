import { AWS_EDGE_ALB_HTTP_REDIRECT } from '../../../../../lib/compliance/rules/aws/edge/alb-http-redirect';
import { AWS_EDGE_ALB_WAF } from '../../../../../lib/compliance/rules/aws/edge/alb-waf';
import { AWS_EDGE_APIGW_ACCESS_LOGS } from '../../../../../lib/compliance/rules/aws/edge/apigw-access-logs';
import { AWS_EDGE_APIGW_CACHE_ENCRYPTED } from '../../../../../lib/compliance/rules/aws/edge/apigw-cache-encrypted';
import { AWS_EDGE_APIGW_EXECUTION_LOGGING } from '../../../../../lib/compliance/rules/aws/edge/apigw-execution-logging';
import { AWS_EDGE_APIGW_METHOD_AUTHORIZATION } from '../../../../../lib/compliance/rules/aws/edge/apigw-method-authorization';
import { AWS_EDGE_APIGW_REQUEST_VALIDATION } from '../../../../../lib/compliance/rules/aws/edge/apigw-request-validation';
import { AWS_EDGE_APIGW_ROUTE_AUTHORIZATION } from '../../../../../lib/compliance/rules/aws/edge/apigw-route-authorization';
import { AWS_EDGE_APIGW_WAF } from '../../../../../lib/compliance/rules/aws/edge/apigw-waf';
import { AWS_EDGE_ELB_ACCESS_LOGS } from '../../../../../lib/compliance/rules/aws/edge/elb-access-logs';
import { AWS_EDGE_LAMBDA_URL_AUTHORIZATION } from '../../../../../lib/compliance/rules/aws/edge/lambda-url-authorization';
import { AWS_EDGE_WAF_LOGGING } from '../../../../../lib/compliance/rules/aws/edge/waf-logging';
import { Res, findingIds, outcomesOf } from '../template';

const REDIRECT = [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }];
const FORWARD = [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }];
const listener = (Protocol: unknown, DefaultActions: unknown): Res => ({ Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Lb' }, Port: 80, Protocol, DefaultActions } });
const lb = (props: Record<string, unknown> = {}): Res => ({ Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: props });
const LOGS = [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: { Ref: 'Logs' } }];

describe('aws-edge-alb-http-redirect', () => {
  test('HTTP listeners that only redirect to HTTPS and HTTPS listeners pass; forward, fixed-response, redirect to HTTP fail', () => {
    expect(findingIds(AWS_EDGE_ALB_HTTP_REDIRECT, {
      Redirect: listener('HTTP', REDIRECT),
      Https: listener('HTTPS', FORWARD),
      Forward: listener('HTTP', FORWARD),
      Fixed: listener('http', [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }]),
      ToHttp: listener('HTTP', [{ Type: 'redirect', RedirectConfig: { Protocol: '#{protocol}', Port: '8080' } }]),
    })).toEqual([
      'aws-edge-alb-http-redirect[default-actions] Forward',
      'aws-edge-alb-http-redirect[default-actions] Fixed',
      'aws-edge-alb-http-redirect[default-actions] ToHttp',
    ]);
  });

  test('a listener rule that forwards on an HTTP listener is reported (the escape past the redirect); rules of HTTPS listeners are fine', () => {
    const rule = (listenerId: string, Actions: unknown): Res => ({ Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: listenerId }, Priority: 1, Conditions: [], Actions } });
    expect(findingIds(AWS_EDGE_ALB_HTTP_REDIRECT, {
      Http: listener('HTTP', REDIRECT),
      Https: listener('HTTPS', FORWARD),
      Sneaky: rule('Http', FORWARD),
      Fine: rule('Https', FORWARD),
      Imported: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { 'Fn::ImportValue': 'listener' }, Priority: 1, Actions: FORWARD } },
    })).toEqual(['aws-edge-alb-http-redirect[actions] Sneaky']);
  });

  test('a protocol from a parameter: the HTTP default is judged; an unknown protocol with a forward cannot be verified', () => {
    expect(findingIds(AWS_EDGE_ALB_HTTP_REDIRECT, {
      Parameters: { P: { Type: 'String', Default: 'HTTP', AllowedValues: ['HTTP', 'HTTPS'] }, Free: { Type: 'String' } },
      Resources: { Param: listener({ Ref: 'P' }, FORWARD), Unknown: listener({ Ref: 'Free' }, FORWARD), UnknownRedirect: listener({ Ref: 'Free' }, REDIRECT) },
    })).toEqual(['aws-edge-alb-http-redirect[default-actions] Param', 'aws-edge-alb-http-redirect[default-actions] Unknown (unverified)']);
  });
});

describe('aws-edge-elb-access-logs', () => {
  test('enabled with a bucket passes; off, missing, enabled without a bucket fail; gateway load balancers are not applicable; classic ELBs', () => {
    expect(outcomesOf(AWS_EDGE_ELB_ACCESS_LOGS, {
      On: lb({ LoadBalancerAttributes: LOGS }),
      Nlb: lb({ Type: 'network', LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: true }, { Key: 'access_logs.s3.bucket', Value: 'logs' }] }),
      Off: lb({ LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'false' }, { Key: 'access_logs.s3.bucket', Value: 'logs' }] }),
      Missing: lb(),
      NoBucket: lb({ LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }] }),
      Gateway: lb({ Type: 'gateway' }),
      Classic: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { AccessLoggingPolicy: { Enabled: true, S3BucketName: 'logs' } } },
      ClassicOff: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: {} },
    })).toEqual({
      On: 'compliant', Nlb: 'compliant', Off: 'non-compliant', Missing: 'non-compliant', NoBucket: 'non-compliant', Gateway: 'not-applicable', Classic: 'compliant', ClassicOff: 'non-compliant',
    });
  });

  test('attributes behind a condition: the branch without logs is reported', () => {
    expect(findingIds(AWS_EDGE_ELB_ACCESS_LOGS, {
      Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] } },
      Resources: { Lb: lb({ LoadBalancerAttributes: { 'Fn::If': ['Prod', LOGS, []] } }) },
    })).toEqual(['aws-edge-elb-access-logs[access-logs] Lb']);
  });
});

describe('aws-edge-alb-waf', () => {
  const assoc = (arn: unknown, extra: object = {}): Res => ({ Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: arn, WebACLArn: { 'Fn::GetAtt': ['Acl', 'Arn'] } }, ...extra });
  test('internet-facing (explicit or by default) without an association fails; internal, NLB and associated ALBs pass', () => {
    expect(outcomesOf(AWS_EDGE_ALB_WAF, {
      Public: lb({ Scheme: 'internet-facing' }),
      Default: lb(),
      Internal: lb({ Scheme: 'internal' }),
      Nlb: lb({ Type: 'network' }),
      Protected: lb({ Scheme: 'internet-facing' }),
      Association: assoc({ Ref: 'Protected' }),
    })).toEqual({ Public: 'non-compliant', Default: 'non-compliant', Internal: 'not-applicable', Nlb: 'not-applicable', Protected: 'compliant' });
  });

  test('an association that may not be created does not count', () => {
    expect(findingIds(AWS_EDGE_ALB_WAF, {
      Parameters: { Waf: { Type: 'String', Default: 'off', AllowedValues: ['on', 'off'] } },
      Conditions: { WithWaf: { 'Fn::Equals': [{ Ref: 'Waf' }, 'on'] } },
      Resources: { Lb: lb(), Association: assoc({ Ref: 'Lb' }, { Condition: 'WithWaf' }) },
    })).toEqual(['aws-edge-alb-waf[no-web-acl] Lb']);
  });
});

describe('API Gateway stages', () => {
  const WIDE = { HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false };
  const stage = (props: Record<string, unknown> = {}): Res => ({
    Type: 'AWS::ApiGateway::Stage',
    Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: 'd', StageName: 'prod', AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['Logs', 'Arn'] }, Format: '{}' }, MethodSettings: [WIDE], ...props },
  });
  const deployment = (props: Record<string, unknown>): Res => ({ Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' }, ...props } });

  test('aws-edge-apigw-access-logs: REST stages, inline deployment stages and V2 stages', () => {
    expect(findingIds(AWS_EDGE_APIGW_ACCESS_LOGS, {
      Good: stage(),
      NoLogs: stage({ AccessLogSetting: undefined }),
      Empty: stage({ AccessLogSetting: { Format: '{}' } }),
      DeploymentOnly: deployment({}),
      Inline: deployment({ StageName: 'v1', StageDescription: { LoggingLevel: 'ERROR' } }),
      InlineLogged: deployment({ StageName: 'v1', StageDescription: { AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x' } } }),
      Http: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: 'a', StageName: '$default' } },
      HttpLogged: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: 'a', StageName: '$default', AccessLogSettings: { DestinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x', Format: '$context.requestId' } } },
    })).toEqual([
      'aws-edge-apigw-access-logs[access-logs] NoLogs',
      'aws-edge-apigw-access-logs[access-logs] Empty',
      'aws-edge-apigw-access-logs[access-logs] Inline',
      'aws-edge-apigw-access-logs[access-logs] Http',
    ]);
  });

  test('aws-edge-apigw-execution-logging: stage-wide ERROR/INFO needed, no method OFF; WebSocket default route; HTTP APIs not applicable', () => {
    const api = (ProtocolType: string): Res => ({ Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'x', ProtocolType } });
    expect(findingIds(AWS_EDGE_APIGW_EXECUTION_LOGGING, {
      Parameters: { Level: { Type: 'String', Default: 'OFF', AllowedValues: ['OFF', 'ERROR'] } },
      Resources: {
        Good: stage(),
        Info: stage({ MethodSettings: [{ ...WIDE, LoggingLevel: 'info' }] }),
        None: stage({ MethodSettings: undefined }),
        Off: stage({ MethodSettings: [{ ...WIDE, LoggingLevel: 'OFF' }] }),
        OneOff: stage({ MethodSettings: [WIDE, { HttpMethod: 'GET', ResourcePath: '/~1admin', LoggingLevel: 'OFF' }] }),
        Param: stage({ MethodSettings: [{ ...WIDE, LoggingLevel: { Ref: 'Level' } }] }),
        Inline: deployment({ StageName: 'v1', StageDescription: { LoggingLevel: 'ERROR' } }),
        InlineOff: deployment({ StageName: 'v1', StageDescription: {} }),
        Ws: api('WEBSOCKET'),
        WsStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Ws' }, StageName: 'prod' } },
        WsLogged: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Ws' }, StageName: 'prod', DefaultRouteSettings: { LoggingLevel: 'ERROR' } } },
        Http: api('HTTP'),
        HttpStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Http' }, StageName: '$default' } },
      },
    })).toEqual([
      'aws-edge-apigw-execution-logging[logging-level] None',
      'aws-edge-apigw-execution-logging[logging-level] Off',
      'aws-edge-apigw-execution-logging[logging-off:GET /~1admin] OneOff',
      'aws-edge-apigw-execution-logging[logging-level] Param',
      'aws-edge-apigw-execution-logging[logging-level] InlineOff',
      'aws-edge-apigw-execution-logging[logging-level] WsStage',
    ]);
  });

  test('aws-edge-apigw-waf: a stage with an association (by stage reference, or by API and literal stage name) passes', () => {
    const assoc = (arn: unknown): Res => ({ Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: arn, WebACLArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1' } });
    expect(findingIds(AWS_EDGE_APIGW_WAF, {
      ByRef: stage(),
      ByRefAssoc: assoc({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1::/restapis/', { Ref: 'Api' }, '/stages/', { Ref: 'ByRef' }]] }),
      ByName: stage({ RestApiId: { Ref: 'Api2' }, StageName: 'live' }),
      ByNameAssoc: assoc({ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api2}/stages/live' }),
      Unprotected: stage({ RestApiId: { Ref: 'Api3' } }),
      OtherStage: stage({ RestApiId: { Ref: 'Api2' }, StageName: 'test' }),
      Inline: deployment({ StageName: 'v1' }),
      Api2: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'x' } },
    })).toEqual(['aws-edge-apigw-waf[no-web-acl] Unprotected', 'aws-edge-apigw-waf[no-web-acl] OtherStage', 'aws-edge-apigw-waf[no-web-acl] Inline']);
  });

  test('aws-edge-apigw-cache-encrypted: caching without encryption fails, per method and stage-wide', () => {
    expect(findingIds(AWS_EDGE_APIGW_CACHE_ENCRYPTED, {
      NoCache: stage(),
      Encrypted: stage({ CacheClusterEnabled: true, MethodSettings: [{ ...WIDE, CachingEnabled: true, CacheDataEncrypted: true }] }),
      Plain: stage({ CacheClusterEnabled: true, MethodSettings: [{ ...WIDE, CachingEnabled: true, CacheDataEncrypted: false }] }),
      ClusterOnly: stage({ CacheClusterEnabled: 'true' }),
      ClusterOff: stage({ CacheClusterEnabled: true, MethodSettings: [{ ...WIDE, CachingEnabled: false }] }),
      OneMethod: stage({ MethodSettings: [WIDE, { HttpMethod: 'GET', ResourcePath: '/items', CachingEnabled: true }] }),
      Inline: deployment({ StageName: 'v1', StageDescription: { CacheClusterEnabled: true, CachingEnabled: true } }),
    })).toEqual([
      'aws-edge-apigw-cache-encrypted[cache:*] Plain',
      'aws-edge-apigw-cache-encrypted[cache:*] ClusterOnly',
      'aws-edge-apigw-cache-encrypted[cache:GET /items] OneMethod',
      'aws-edge-apigw-cache-encrypted[cache:*] Inline',
    ]);
  });
});

describe('aws-edge-apigw-request-validation', () => {
  const method = (props: Record<string, unknown>): Res => ({ Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: 'a', ResourceId: 'r', HttpMethod: 'POST', AuthorizationType: 'AWS_IAM', ...props } });
  test('methods with a validator that validates something pass; no validator or one that validates nothing fail; OPTIONS is not applicable', () => {
    expect(outcomesOf(AWS_EDGE_APIGW_REQUEST_VALIDATION, {
      Validator: { Type: 'AWS::ApiGateway::RequestValidator', Properties: { RestApiId: 'a', ValidateRequestBody: true, ValidateRequestParameters: true } },
      Lazy: { Type: 'AWS::ApiGateway::RequestValidator', Properties: { RestApiId: 'a' } },
      Good: method({ RequestValidatorId: { Ref: 'Validator' } }),
      None: method({}),
      Useless: method({ RequestValidatorId: { Ref: 'Lazy' } }),
      Options: method({ HttpMethod: 'OPTIONS' }),
    })).toEqual({ Good: 'compliant', None: 'non-compliant', Useless: 'non-compliant', Options: 'not-applicable' });
  });

  test('operations of a definition name a validator that validates something', () => {
    const body = {
      'openapi': '3.0.1',
      'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true, validateRequestParameters: true }, none: { validateRequestBody: false, validateRequestParameters: false } },
      'paths': {
        '/a': { post: { 'x-amazon-apigateway-request-validator': 'all' }, get: {}, options: {} },
        '/b': { put: { 'x-amazon-apigateway-request-validator': 'none' } },
      },
    };
    expect(findingIds(AWS_EDGE_APIGW_REQUEST_VALIDATION, { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: body } } })).toEqual([
      'aws-edge-apigw-request-validation[body:GET /a] Api',
      'aws-edge-apigw-request-validation[body:PUT /b] Api',
    ]);
    expect(findingIds(AWS_EDGE_APIGW_REQUEST_VALIDATION, { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: { ...body, 'x-amazon-apigateway-request-validator': 'all', 'paths': { '/a': { get: {} } } } } } })).toEqual([]);
  });
});

describe('API authorization in definitions, V2 routes and Lambda URLs', () => {
  const schemes = {
    sigv4: { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
    jwt: { 'type': 'oauth2', 'x-amazon-apigateway-authorizer': { type: 'jwt', jwtConfiguration: { issuer: 'https://issuer', audience: ['a'] } } },
    apiKey: { type: 'apiKey', name: 'x-api-key', in: 'header' },
  };
  const restApi = (body: unknown): Res => ({ Type: 'AWS::ApiGateway::RestApi', Properties: { Body: body } });

  test('REST definitions: security naming an authorizer (operation or root), x-amazon-apigateway-auth AWS_IAM and mock preflights pass', () => {
    expect(findingIds(AWS_EDGE_APIGW_METHOD_AUTHORIZATION, {
      Root: restApi({ openapi: '3.0.1', security: [{ sigv4: [] }], components: { securitySchemes: schemes }, paths: { '/a': { get: {}, post: {} } } }),
      PerOp: restApi({ swagger: '2.0', securityDefinitions: schemes, paths: { '/a': { get: { security: [{ jwt: [] }] }, put: { 'x-amazon-apigateway-auth': { type: 'AWS_IAM' } }, options: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } }),
    })).toEqual([]);
  });

  test('REST definitions: no security, an empty requirement, an API key only, security: [] overriding the root, an unreadable definition', () => {
    expect(findingIds(AWS_EDGE_APIGW_METHOD_AUTHORIZATION, {
      Parameters: { Spec: { Type: 'String' } },
      Resources: {
        None: restApi({ openapi: '3.0.1', paths: { '/a': { get: {} } } }),
        Optional: restApi({ openapi: '3.0.1', components: { securitySchemes: schemes }, paths: { '/a': { get: { security: [{ sigv4: [] }, {}] } } } }),
        ApiKey: restApi({ openapi: '3.0.1', components: { securitySchemes: schemes }, paths: { '/a': { get: { security: [{ apiKey: [] }] } } } }),
        Override: restApi({ openapi: '3.0.1', security: [{ sigv4: [] }], components: { securitySchemes: schemes }, paths: { '/a': { get: {}, delete: { security: [] } } } }),
        AuthNone: restApi({ swagger: '2.0', paths: { '/a': { get: { 'x-amazon-apigateway-auth': { type: 'NONE' } } } } }),
        Include: restApi({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/spec.yaml' } } }),
        S3: { Type: 'AWS::ApiGateway::RestApi', Properties: { BodyS3Location: { Bucket: 'b', Key: 'spec.yaml' } } },
        Param: restApi({ Ref: 'Spec' }),
      },
    })).toEqual([
      'aws-edge-apigw-method-authorization[body:GET /a] None',
      'aws-edge-apigw-method-authorization[body:GET /a] Optional',
      'aws-edge-apigw-method-authorization[body:GET /a] ApiKey',
      'aws-edge-apigw-method-authorization[body:DELETE /a] Override',
      'aws-edge-apigw-method-authorization[body:GET /a] AuthNone',
      'aws-edge-apigw-method-authorization[body] Include (unverified)',
      'aws-edge-apigw-method-authorization[body] S3 (unverified)',
      'aws-edge-apigw-method-authorization[body] Param (unverified)',
    ]);
  });

  test('V2 routes: NONE or unset fails on HTTP APIs; WebSocket routes other than $connect are not applicable', () => {
    const route = (ApiId: unknown, RouteKey: string, AuthorizationType?: unknown): Res => ({ Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId, RouteKey, ...(AuthorizationType ? { AuthorizationType } : {}) } });
    expect(findingIds(AWS_EDGE_APIGW_ROUTE_AUTHORIZATION, {
      Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'h', ProtocolType: 'HTTP' } },
      Ws: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'w', ProtocolType: 'WEBSOCKET' } },
      Iam: route({ Ref: 'Http' }, 'GET /items', 'AWS_IAM'),
      Jwt: route({ Ref: 'Http' }, 'POST /items', 'jwt'),
      Open: route({ Ref: 'Http' }, 'GET /open', 'NONE'),
      Unset: route({ Ref: 'Http' }, '$default'),
      WsConnect: route({ Ref: 'Ws' }, '$connect'),
      WsMessage: route({ Ref: 'Ws' }, 'sendMessage'),
      WsConnectAuth: route({ Ref: 'Ws' }, '$connect', 'CUSTOM'),
      Imported: route({ 'Fn::ImportValue': 'api' }, '$default'),
    })).toEqual([
      'aws-edge-apigw-route-authorization[route:GET /open] Open',
      'aws-edge-apigw-route-authorization[route:$default] Unset',
      'aws-edge-apigw-route-authorization[route:$connect] WsConnect',
      'aws-edge-apigw-route-authorization[route:$default] Imported (unverified)',
    ]);
  });

  test('V2 definitions and quick-create APIs', () => {
    const api = (props: Record<string, unknown>): Res => ({ Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'h', ProtocolType: 'HTTP', ...props } });
    expect(findingIds(AWS_EDGE_APIGW_ROUTE_AUTHORIZATION, {
      Authorized: api({ Body: { openapi: '3.0.1', components: { securitySchemes: schemes }, paths: { '/a': { get: { security: [{ jwt: [] }] } } } } }),
      Open: api({ Body: { openapi: '3.0.1', paths: { '/a': { 'x-amazon-apigateway-any-method': {} } } } }),
      Quick: api({ Target: 'arn:aws:lambda:eu-west-1:123456789012:function:f' }),
    })).toEqual(['aws-edge-apigw-route-authorization[body:ANY /a] Open', 'aws-edge-apigw-route-authorization[target] Quick']);
  });

  test('Lambda function URLs: AWS_IAM passes, NONE (any case, via a parameter default) fails', () => {
    expect(findingIds(AWS_EDGE_LAMBDA_URL_AUTHORIZATION, {
      Parameters: { Auth: { Type: 'String', Default: 'NONE', AllowedValues: ['NONE', 'AWS_IAM'] } },
      Resources: {
        Iam: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: 'f', AuthType: 'AWS_IAM' } },
        None: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: 'f', AuthType: 'none' } },
        Param: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: 'f', AuthType: { Ref: 'Auth' } } },
      },
    })).toEqual(['aws-edge-lambda-url-authorization[AuthType] None', 'aws-edge-lambda-url-authorization[AuthType] Param']);
  });
});

describe('aws-edge-waf-logging', () => {
  test('a web ACL with a logging configuration passes; without one (or only a conditional one) fails', () => {
    const acl: Res = { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: {} } };
    expect(findingIds(AWS_EDGE_WAF_LOGGING, {
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] }, Maybe: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        Logged: acl,
        Logging: { Type: 'AWS::WAFv2::LoggingConfiguration', Properties: { ResourceArn: { 'Fn::GetAtt': ['Logged', 'Arn'] }, LogDestinationConfigs: ['arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-x'] } },
        Unlogged: acl,
        Sometimes: acl,
        MaybeLogging: { Type: 'AWS::WAFv2::LoggingConfiguration', Condition: 'Maybe', Properties: { ResourceArn: { 'Fn::GetAtt': ['Sometimes', 'Arn'] }, LogDestinationConfigs: ['x'] } },
      },
    })).toEqual(['aws-edge-waf-logging[no-logging] Unlogged', 'aws-edge-waf-logging[no-logging] Sometimes']);
  });
});
