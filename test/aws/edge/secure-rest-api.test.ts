import { App, Duration, Stack, aws_apigateway as apigw, aws_certificatemanager as acm, aws_cognito as cognito, aws_ec2 as ec2, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { ApiAuthorization, ApiEndpointType, ManagedRuleGroup, SecureRestApi, SecureRestApiProps } from '../../../lib/aws/edge';
import { InterfaceEndpoint, SecureVpc } from '../../../lib/aws/network';
import { openFindings, synthAndCheck } from '../../util/aws';
import { expectDocumentedDefaultsMatchSource, expectInvalid, overridesOf, resourcesOf, synthTemplate } from '../network/doc-defaults';

const ENV = { env: { account: '123456789012', region: 'eu-west-1' } };
const CERT_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const backend = () => new apigw.HttpIntegration('https://backend.example.com/orders');

function api(stack: Stack, props: SecureRestApiProps = {}): SecureRestApi {
  const a = new SecureRestApi(stack, 'Api', props);
  a.restApi.root.addResource('orders').addMethod('GET', backend());
  return a;
}

describe('SecureRestApi defaults', () => {
  test('no options: every pack clean', () => {
    expect(openFindings(synthAndCheck((stack) => api(stack), ENV))).toEqual([]);
  });

  test('every documented @default matches the source and the synthesized output', () => {
    const documented = expectDocumentedDefaultsMatchSource('SecureRestApi', [
      ['lib/aws/edge/secure-rest-api.ts', 'SecureRestApiProps'],
      ['lib/aws/edge/secure-rest-api.ts', 'SecureApiDomainOptions', 'domain.'],
    ]);
    const { json, template } = synthTemplate((stack) => api(stack));
    const withDomain = synthTemplate((stack) => api(stack, { domain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN) } }));
    const [[, restApi]] = resourcesOf(json, 'AWS::ApiGateway::RestApi');
    const [[, stage]] = resourcesOf(json, 'AWS::ApiGateway::Stage');
    const settings = stage.Properties.MethodSettings[0];
    const [[, method]] = resourcesOf(json, 'AWS::ApiGateway::Method');
    const [[, acl]] = resourcesOf(json, 'AWS::WAFv2::WebACL');
    const [[, domain]] = resourcesOf(withDomain.json, 'AWS::ApiGateway::DomainName');
    const checks: Record<string, () => void> = {
      'restApiName': () => expect(restApi.Properties.Name).toBe('Api'),
      'description': () => expect(restApi.Properties.Description).toBeUndefined(),
      'endpointType': () => expect(restApi.Properties.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] }),
      'edgeEndpointReason': () => expect(overridesOf(restApi)).toEqual([]),
      'privateEndpoints': () => expect(restApi.Properties.Policy).toBeUndefined(),
      'authorization': () => expect(method.Properties.AuthorizationType).toBe('AWS_IAM'),
      'cognitoUserPools': () => template.resourceCountIs('AWS::ApiGateway::Authorizer', 0),
      'stageName': () => expect(stage.Properties.StageName).toBe('prod'),
      'throttlingRateLimit': () => expect(settings).toMatchObject({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100 }),
      'throttlingBurstLimit': () => expect(settings.ThrottlingBurstLimit).toBe(200),
      'loggingLevel': () => expect(settings).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true }),
      'cacheClusterEnabled': () => expect([stage.Properties.CacheClusterEnabled, settings.CachingEnabled]).toEqual([false, false]),
      'cacheClusterSize': () => expect(stage.Properties.CacheClusterSize).toBeUndefined(),
      'cacheTtl': () => expect(settings.CacheTtlInSeconds).toBeUndefined(),
      'domain': () => template.resourceCountIs('AWS::ApiGateway::DomainName', 0),
      'logEncryptionKey': () => {
        const keys = resourcesOf(json, 'AWS::KMS::Key').map(([id]) => id);
        const groups = resourcesOf(json, 'AWS::Logs::LogGroup').filter(([, g]) => !String(g.Properties.LogGroupName ?? '').startsWith('aws-waf-logs-'));
        expect(groups).toHaveLength(2);
        const used = new Set(groups.map(([, g]) => g.Properties.KmsKeyId['Fn::GetAtt'][0]));
        expect(used.size).toBe(1);
        expect(keys).toContain([...used][0]);
      },
      'cloudWatchRole': () => expect(resourcesOf(json, 'AWS::ApiGateway::Account').map(([, a]) => a.DeletionPolicy)).toEqual(['Retain']),
      'rateLimit': () => expect(acl.Properties.Rules[0].Statement.RateBasedStatement.Limit).toBe(1000),
      'managedRuleGroups': () => expect(acl.Properties.Rules.slice(1).map((r: any) => r.Name))
        .toEqual([ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS, ManagedRuleGroup.AMAZON_IP_REPUTATION]),
      'domain.securityPolicy': () => expect(domain.Properties.SecurityPolicy).toBe('TLS_1_2'),
      'domain.mtlsTruststoreBucket': () => {
        expect(domain.Properties.MutualTlsAuthentication).toBeUndefined();
        expect(resourcesOf(withDomain.json, 'AWS::ApiGateway::RestApi')[0][1].Properties.DisableExecuteApiEndpoint).toBe(false);
      },
      'domain.mtlsTruststoreKey': () => expect(domain.Properties.MutualTlsAuthentication).toBeUndefined(),
      'domain.mtlsTruststoreVersion': () => expect(domain.Properties.MutualTlsAuthentication).toBeUndefined(),
      'domain.basePath': () => withDomain.template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { BasePath: Match.absent() }),
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const c of Object.values(checks)) c();
  });

  test('stage: JSON access logs, X-Ray, client certificate, execution log group created first, WAF on the stage', () => {
    const { json, template } = synthTemplate((stack) => api(stack));
    const [[stageId, stage]] = resourcesOf(json, 'AWS::ApiGateway::Stage');
    expect(stage.Properties.TracingEnabled).toBe(true);
    expect(JSON.parse(stage.Properties.AccessLogSetting.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(stage.Properties.ClientCertificateId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/ClientCertificate/), 'ClientCertificateId'] });
    const exec = resourcesOf(json, 'AWS::Logs::LogGroup').find(([, g]) => JSON.stringify(g.Properties.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'))!;
    expect(stage.DependsOn).toContain(exec[0]);
    expect(exec[1].Properties.RetentionInDays).toBe(365);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    const [[, assoc]] = resourcesOf(json, 'AWS::WAFv2::WebACLAssociation');
    expect(assoc.DependsOn).toContain(stageId);
  });

  test('every method gets the request validator (an explicit one is kept)', () => {
    const { json } = synthTemplate((stack) => {
      const a = api(stack);
      const own = a.restApi.addRequestValidator('Own', { validateRequestBody: true });
      a.restApi.root.addMethod('POST', backend(), { requestValidator: own });
    });
    const validators = Object.fromEntries(resourcesOf(json, 'AWS::ApiGateway::RequestValidator').map(([id, v]) => [v.Properties.Name ?? 'own', id]));
    const methods = Object.fromEntries(resourcesOf(json, 'AWS::ApiGateway::Method').map(([, m]) => [m.Properties.HttpMethod, m.Properties.RequestValidatorId.Ref]));
    expect(methods.GET).toBe(validators['validate-body-and-parameters']);
    expect(methods.POST).toBe(validators.own);
  });
});

describe('SecureRestApi authorization on every method', () => {
  test('a method without authorization fails synthesis, naming the API and the method', () => {
    const app = new App();
    const stack = new Stack(app, 'TestStack', ENV);
    const a = api(stack);
    a.restApi.root.addResource('public').addMethod('GET', backend(), { authorizationType: apigw.AuthorizationType.NONE });
    expect(() => app.synth()).toThrow(/TestStack\/Api: method GET \/public .*authorizationType is NONE.*allowUnauthenticated/);
  });

  test('allowUnauthenticated records the reason on the method; CORS preflights are exempt; packs clean', () => {
    const reason = 'Health check for the load balancer; returns a constant.';
    const report = synthAndCheck((stack) => {
      const a = api(stack);
      const health = a.restApi.root.addResource('health').addMethod('GET', new apigw.MockIntegration({ integrationResponses: [{ statusCode: '200' }], requestTemplates: { 'application/json': '{"statusCode": 200}' } }), {
        authorizationType: apigw.AuthorizationType.NONE, methodResponses: [{ statusCode: '200' }],
      });
      a.allowUnauthenticated(health, reason);
      a.restApi.root.addCorsPreflight({ allowOrigins: ['https://app.example.com'] });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides).toEqual([expect.objectContaining({ property: 'authorizationType', reason })]);
    expect(report.findings.find((f) => f.ruleId === 'aws-edge-apigw-method-authorization')).toMatchObject({ status: 'suppressed' });
  });

  test('a too-short reason is refused', () => {
    synthTemplate((stack) => {
      const a = api(stack);
      const m = a.restApi.root.addMethod('DELETE', backend(), { authorizationType: apigw.AuthorizationType.NONE });
      expectInvalid(() => a.allowUnauthenticated(m, 'because'), 'TestStack/Api', `allowUnauthenticated(${m.node.path}).reason`);
      a.allowUnauthenticated(m, 'Idempotent public purge endpoint of the test fixture.');
    });
  });
});

describe('SecureRestApi options', () => {
  test('Cognito, cache, custom domain with mTLS, PRIVATE endpoint: all clean', () => {
    const report = synthAndCheck((stack) => {
      const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abcdef');
      api(stack, {
        authorization: ApiAuthorization.COGNITO, cognitoUserPools: [pool], cacheClusterEnabled: true, cacheTtl: Duration.minutes(1),
        domain: {
          domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN),
          mtlsTruststoreBucket: s3.Bucket.fromBucketName(stack, 'Trust', 'truststores'), mtlsTruststoreKey: 'api/truststore.pem', basePath: 'v1',
        },
      });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    const priv = synthAndCheck((stack) => {
      // the endpoint gets SecureVpc's endpoint security group (HTTPS from the VPC, no egress)
      const net = new SecureVpc(stack, 'Net', { interfaceEndpoints: [InterfaceEndpoint.KMS] });
      const endpoint = net.vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY, privateDnsEnabled: true, open: false, securityGroups: [net.endpointSecurityGroup!] });
      api(stack, { endpointType: ApiEndpointType.PRIVATE, privateEndpoints: [endpoint] });
    }, ENV);
    expect(openFindings(priv)).toEqual([]);
  });

  test('cache is always encrypted; mTLS domains disable the execute-api endpoint; PRIVATE policy denies other sources', () => {
    const { json } = synthTemplate((stack) => api(stack, {
      cacheClusterEnabled: true,
      domain: {
        domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN),
        mtlsTruststoreBucket: s3.Bucket.fromBucketName(stack, 'Trust', 'truststores'), mtlsTruststoreKey: 'api/truststore.pem',
      },
    }));
    const [[, stage]] = resourcesOf(json, 'AWS::ApiGateway::Stage');
    expect(stage.Properties).toMatchObject({ CacheClusterEnabled: true, CacheClusterSize: '0.5' });
    expect(stage.Properties.MethodSettings[0]).toMatchObject({ CachingEnabled: true, CacheDataEncrypted: true, CacheTtlInSeconds: 300 });
    expect(resourcesOf(json, 'AWS::ApiGateway::RestApi')[0][1].Properties.DisableExecuteApiEndpoint).toBe(true);
    expect(resourcesOf(json, 'AWS::ApiGateway::DomainName')[0][1].Properties.MutualTlsAuthentication).toEqual({ TruststoreUri: 's3://truststores/api/truststore.pem' });

    const p = synthTemplate((stack) => {
      const net = new SecureVpc(stack, 'Net');
      const endpoint = net.vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY, open: false });
      api(stack, { endpointType: ApiEndpointType.PRIVATE, privateEndpoints: [endpoint] });
    });
    const policy = resourcesOf(p.json, 'AWS::ApiGateway::RestApi')[0][1].Properties.Policy;
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'aws:SourceVpce': expect.anything() } } }),
      expect.objectContaining({ Effect: 'Allow', Principal: { AWS: expect.objectContaining({ 'Fn::Join': expect.anything() }) } }),
    ]);
  });

  test('enhanced TLS 1.3 domain policy uses STRICT endpoint access mode', () => {
    const { json } = synthTemplate((stack) => api(stack, {
      domain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN), securityPolicy: apigw.SecurityPolicy.TLS13_1_2_PFS_PQ_2025_09 },
    }));
    expect(resourcesOf(json, 'AWS::ApiGateway::DomainName')[0][1].Properties).toMatchObject({ SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09', EndpointAccessMode: 'STRICT' });
  });
});

describe('SecureRestApi bad input', () => {
  const build = (props: SecureRestApiProps | ((stack: Stack) => SecureRestApiProps)) => () => synthTemplate((stack) => {
    new SecureRestApi(stack, 'Api', typeof props === 'function' ? props(stack) : props);
  });

  test('endpoint and authorization conflicts, all reported at once', () => {
    expectInvalid(build({
      endpointType: ApiEndpointType.EDGE, authorization: ApiAuthorization.COGNITO,
      loggingLevel: apigw.MethodLoggingLevel.OFF, throttlingRateLimit: -1,
    }), 'TestStack/Api', 'edgeEndpointReason', 'cognitoUserPools', 'loggingLevel', 'throttlingRateLimit');
    expectInvalid(build({ endpointType: ApiEndpointType.PRIVATE }), 'TestStack/Api', 'privateEndpoints');
    expectInvalid(build((stack) => ({ privateEndpoints: [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'E', { vpcEndpointId: 'vpce-1', port: 443 })] })), 'TestStack/Api', 'privateEndpoints');
    expectInvalid(build((stack) => ({ cognitoUserPools: [cognito.UserPool.fromUserPoolId(stack, 'P', 'eu-west-1_x')] })), 'TestStack/Api', 'cognitoUserPools');
    expectInvalid(build({ edgeEndpointReason: 'given for a REGIONAL endpoint' }), 'TestStack/Api', 'edgeEndpointReason');
    expectInvalid(build({ cacheClusterSize: '1.6', cacheTtl: Duration.minutes(1) }), 'TestStack/Api', 'cacheClusterSize', 'cacheTtl');
    expectInvalid(build({ throttlingBurstLimit: 1.5 }), 'TestStack/Api', 'throttlingBurstLimit');
  });

  test('custom domain: TLS downgrade, missing certificate, incomplete or impossible mTLS', () => {
    expectInvalid(build((stack) => ({ domain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN), securityPolicy: apigw.SecurityPolicy.TLS_1_0 } })),
      'TestStack/Api', 'domain.securityPolicy');
    expectInvalid(build({ domain: { domainName: 'api.example.com' } as any }), 'TestStack/Api', 'domain.certificate');
    expectInvalid(build((stack) => ({ domain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN), mtlsTruststoreKey: 'k.pem' } })),
      'TestStack/Api', 'domain.mtlsTruststoreBucket');
    expectInvalid(build((stack) => ({
      endpointType: ApiEndpointType.EDGE, edgeEndpointReason: 'global consumers need edge-optimized latency',
      domain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN), mtlsTruststoreBucket: s3.Bucket.fromBucketName(stack, 'T', 'truststores'), mtlsTruststoreKey: 'k.pem' },
    })), 'TestStack/Api', 'domain.mtlsTruststoreBucket');
  });

  test('EDGE with a reason is recorded on the REST API', () => {
    const { json } = synthTemplate((stack) => api(stack, { endpointType: ApiEndpointType.EDGE, edgeEndpointReason: 'Global mobile clients; CloudFront edge latency needed.' }));
    expect(overridesOf(resourcesOf(json, 'AWS::ApiGateway::RestApi')[0][1])).toEqual([{ property: 'endpointType', reason: 'Global mobile clients; CloudFront edge latency needed.' }]);
  });
});
