import { SAM_HEADER, expandYaml, fn, notes, samResources } from './sam-helpers';

const api = (name: string, props: string) => `  ${name}:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n${props}`;
const event = (name: string, props: string) => `      Events:\n        ${name}:\n          Type: Api\n          Properties: { ${props} }\n`;

describe('AWS::Serverless::Api', () => {
  test('RestApi (same id), Deployment <Api>Deployment<hash>, Stage <Api><StageName>Stage with the stage settings as given', () => {
    const r = samResources(api('Api', `      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', DataTraceEnabled: false, LoggingLevel: ERROR }]
      AccessLogSetting: { DestinationArn: !GetAtt Logs.Arn, Format: '$context.requestId' }
      TracingEnabled: true
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      Variables: { a: b }
      Tags: { team: x }
      EndpointConfiguration: REGIONAL
`));
    const deployment = Object.keys(r).find((k) => /^ApiDeployment[0-9a-f]{10}$/.test(k))!;
    expect(Object.keys(r).sort()).toEqual(['Api', deployment, 'ApiprodStage'].sort());
    expect(r.Api.Properties.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
    expect(r.Api.Properties.Body).toEqual({ swagger: '2.0', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} });
    expect(r[deployment].Properties).toMatchObject({ RestApiId: { Ref: 'Api' }, StageName: 'Stage' });
    expect(r.ApiprodStage.Properties).toEqual({
      RestApiId: { Ref: 'Api' }, DeploymentId: { Ref: deployment }, StageName: 'prod', CacheClusterEnabled: true, CacheClusterSize: '0.5',
      Variables: { a: 'b' }, MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', DataTraceEnabled: false, LoggingLevel: 'ERROR' }],
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['Logs', 'Arn'] }, Format: '$context.requestId' }, TracingEnabled: true, Tags: [{ Key: 'team', Value: 'x' }],
    });
  });

  test('stage logical ids: a non-alphanumeric name is hashed as SAM does, an intrinsic one gives <Api>Stage', () => {
    const hashed = samResources(api('Api', '').replace('StageName: prod', 'StageName: my-stage'));
    expect(Object.keys(hashed)).toContain('ApiStage' + require('crypto').createHash('sha1').update('my-stage').digest('hex').slice(0, 10));
    const ref = samResources(api('Api', '').replace('StageName: prod', 'StageName: !Ref Stage'));
    expect(ref.ApiStage.Properties.StageName).toEqual({ Ref: 'Stage' });
    expect(() => samResources('  Api:\n    Type: AWS::Serverless::Api\n    Properties: {}\n')).toThrow(/StageName is required/);
  });

  test('Auth: authorizers, the default authorizer on every method (NONE opts out), AWS_IAM, API keys, authorizer permissions', () => {
    const r = samResources(`${api('Api', `      Auth:
        DefaultAuthorizer: Cognito
        ApiKeyRequired: true
        Authorizers:
          Cognito: { UserPoolArn: !GetAtt Pool.Arn, AuthorizationScopes: [read] }
          Token: { FunctionArn: !GetAtt AuthFn.Arn }
`)}${fn('Fn', `      Events:
        Default: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /a, Method: get } }
        Public: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /b, Method: get, Auth: { Authorizer: NONE, ApiKeyRequired: false } } }
        Iam: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /c, Method: post, Auth: { Authorizer: AWS_IAM } } }
        Other: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /d, Method: any, Auth: { Authorizer: Token } } }
`)}`);
    const body = r.Api.Properties.Body;
    expect(body.paths['/a'].get.security).toEqual([{ Cognito: ['read'] }, { api_key: [] }]);
    expect(body.paths['/b'].get.security).toBeUndefined();
    expect(body.paths['/c'].post.security).toEqual([{ AWS_IAM: [] }, { api_key: [] }]);
    expect(body.paths['/d']['x-amazon-apigateway-any-method'].security).toEqual([{ Token: [] }, { api_key: [] }]);
    expect(Object.keys(body.securityDefinitions).sort()).toEqual(['AWS_IAM', 'Cognito', 'Token', 'api_key']);
    expect(body.securityDefinitions.Token['x-amazon-apigateway-authorizer']).toMatchObject({ type: 'token' });
    expect(r.ApiTokenAuthorizerPermission.Properties).toMatchObject({ FunctionName: { 'Fn::GetAtt': ['AuthFn', 'Arn'] }, Principal: 'apigateway.amazonaws.com' });
    expect(r.ApiCognitoAuthorizerPermission).toBeUndefined();
    expect(r.FnDefaultPermissionprod.Properties.SourceArn['Fn::Sub'][0]).toMatch(/\/GET\/a$/);
    expect(r.FnOtherPermissionprod.Properties.SourceArn['Fn::Sub'][0]).toMatch(/\/\*\/d$/);
  });

  test('a user DefinitionBody gets the default authorizer and CORS on its own paths; events only add permissions to it', () => {
    const r = samResources(`${api('Api', `      Cors: "'https://example.com'"
      Auth:
        DefaultAuthorizer: AWS_IAM
        AddDefaultAuthorizerToCorsPreflight: false
      DefinitionBody:
        swagger: '2.0'
        info: { title: mine }
        paths:
          /items: { get: { x-amazon-apigateway-integration: { type: mock } } }
`)}${fn('Fn', event('E', 'RestApiId: !Ref Api, Path: /other, Method: get'))}`);
    const paths = r.Api.Properties.Body.paths;
    expect(Object.keys(paths)).toEqual(['/items']);
    expect(paths['/items'].get.security).toEqual([{ AWS_IAM: [] }]);
    expect(paths['/items'].options['x-amazon-apigateway-integration'].type).toBe('mock');
    expect(paths['/items'].options.security).toBeUndefined();
    expect(paths['/items'].options['x-amazon-apigateway-integration'].responses.default.responseParameters).toMatchObject({
      'method.response.header.Access-Control-Allow-Origin': "'https://example.com'", 'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS'",
    });
    expect(r.FnEPermissionprod).toBeDefined();
  });

  test('what cannot be checked is reported on the API: DefinitionUri, ResourcePolicy other than custom statements, UsagePlan, MergeDefinitions, PRIVATE domains', () => {
    const x = expandYaml(`${SAM_HEADER}Resources:\n${api('A', '      DefinitionUri: s3://bucket/api.yaml\n')}${api('B', `      MergeDefinitions: true
      Domain: { DomainName: api.example.com, CertificateArn: arn:cert, EndpointConfiguration: PRIVATE }
      Auth:
        ResourcePolicy: { CustomStatements: [{ Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: '*' }], IpRangeWhitelist: [10.0.0.0/8] }
        UsagePlan: { CreateUsagePlan: PER_API }
`)}`);
    expect(notes(x)).toEqual(['A definition:DefinitionUri error', 'B auth:ResourcePolicy error', 'B auth:UsagePlan error', 'B property:Domain error', 'B property:MergeDefinitions error']);
    expect(x.template.Resources.A.Properties.BodyS3Location).toEqual({ Bucket: 'bucket', Key: 'api.yaml' });
    expect(x.template.Resources.B.Properties.Body['x-amazon-apigateway-policy'].Statement).toEqual([{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }]);
  });

  test('a custom domain: DomainName<hash> with its SecurityPolicy, base path mapping and Route 53 records', () => {
    const r = samResources(api('Api', `      Domain:
        DomainName: api.example.com
        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/x
        SecurityPolicy: TLS_1_0
        BasePath: [/v1]
        Route53: { HostedZoneId: Z123 }
`));
    const domain = 'ApiGatewayDomainName' + require('crypto').createHash('sha1').update('api.example.com').digest('hex').slice(0, 10);
    expect(r[domain].Properties).toEqual({
      DomainName: 'api.example.com', RegionalCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x', EndpointConfiguration: { Types: ['REGIONAL'] }, SecurityPolicy: 'TLS_1_0',
    });
    expect(r.Apiv1BasePathMapping.Properties).toEqual({ DomainName: { Ref: domain }, RestApiId: { Ref: 'Api' }, Stage: { Ref: 'ApiprodStage' }, BasePath: 'v1' });
    const group = Object.keys(r).find((k) => k.startsWith('RecordSetGroup'))!;
    expect(r[group].Properties.RecordSets[0]).toMatchObject({ Name: 'api.example.com', Type: 'A' });
  });

  test('OpenApiVersion 3: an openapi body, security schemes under components, a deployment without the extra stage', () => {
    const r = samResources(`${api('Api', '      OpenApiVersion: 3.0.1\n      Auth: { DefaultAuthorizer: AWS_IAM }\n')}${fn('Fn', event('E', 'RestApiId: !Ref Api, Path: /x, Method: get'))}`);
    expect(r.Api.Properties.Body.openapi).toBe('3.0.1');
    expect(r.Api.Properties.Body.swagger).toBeUndefined();
    expect(r.Api.Properties.Body.components.securitySchemes.AWS_IAM).toBeDefined();
    const deployment = Object.keys(r).find((k) => k.startsWith('ApiDeployment'))!;
    expect(r[deployment].Properties.StageName).toBeUndefined();
  });

  test('events of an API declared elsewhere (ImportValue) get a permission for all stages and change nothing else', () => {
    const r = samResources(fn('Fn', event('E', 'RestApiId: !ImportValue shared-api, Path: /x, Method: get')));
    expect(r.FnEPermissionAllStages.Properties.SourceArn['Fn::Sub'][1].__ApiId__).toEqual({ 'Fn::ImportValue': 'shared-api' });
    expect(r.ServerlessRestApi).toBeUndefined();
    expect(() => samResources(fn('Fn', event('E', 'RestApiId: !Ref Nowhere, Path: /x, Method: get')))).toThrow(/RestApiId must reference/);
    expect(() => samResources(fn('Fn', `${event('A', 'Path: /x, Method: get')}        B:\n          Type: Api\n          Properties: { Path: /x, Method: GET }\n`))).toThrow(/defined more than once/);
  });

  test('the implicit API takes Globals.Api (auth too) and is named after the functions that create it', () => {
    const x = expandYaml(`${SAM_HEADER}Globals:
  Api:
    Auth:
      DefaultAuthorizer: Jwt
      Authorizers: { Jwt: { UserPoolArn: arn:pool } }
Resources:
${fn('A', event('E', 'Path: /a, Method: get'))}${fn('B', event('E', 'Path: /b, Method: post'))}`);
    const r = x.template.Resources;
    expect(r.ServerlessRestApi.Metadata['secure-constructs:expanded-from']).toEqual(['A', 'B']);
    expect(r.ServerlessRestApi.Properties.Body.paths['/b'].post.security).toEqual([{ Jwt: [] }]);
    expect(x.lines.get('ServerlessRestApi')).toBe(x.lines.get('A'));
    expect(() => samResources(`${fn('A', event('E', 'Path: /a, Method: get'))}  ServerlessRestApi:\n    Type: AWS::SNS::Topic\n`)).toThrow(/ServerlessRestApi is the logical id SAM gives the implicit API/);
  });
});

describe('AWS::Serverless::HttpApi', () => {
  test('Api with its OpenAPI body, <Api>ApiGatewayDefaultStage, JWT authorizer as default, NONE and per-route scopes', () => {
    const r = samResources(`  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      AccessLogSettings: { DestinationArn: arn:logs, Format: '$context.requestId' }
      DefaultRouteSettings: { ThrottlingBurstLimit: 10 }
      CorsConfiguration: true
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt: { JwtConfiguration: { Issuer: https://issuer, Audience: [app] }, IdentitySource: $request.header.Authorization }
${fn('Fn', `      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /x, Method: GET } }
        Open: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /health, Method: GET, Auth: { Authorizer: NONE } } }
        Admin: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /admin, Method: POST, Auth: { Authorizer: Jwt, AuthorizationScopes: [admin] } } }
`)}`);
    const body = r.Http.Properties.Body;
    expect(body.components.securitySchemes.Jwt).toEqual({
      'type': 'oauth2', 'x-amazon-apigateway-authorizer': { jwtConfiguration: { issuer: 'https://issuer', audience: ['app'] }, identitySource: '$request.header.Authorization', type: 'jwt' },
    });
    expect(body.paths['/x'].get.security).toEqual([{ Jwt: [] }]);
    expect(body.paths['/health'].get.security).toBeUndefined();
    expect(body.paths['/admin'].post.security).toEqual([{ Jwt: ['admin'] }]);
    expect(body['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['*'] });
    expect(r.HttpApiGatewayDefaultStage.Properties).toEqual({
      ApiId: { Ref: 'Http' }, StageName: '$default', AccessLogSettings: { DestinationArn: 'arn:logs', Format: '$context.requestId' },
      DefaultRouteSettings: { ThrottlingBurstLimit: 10 }, Tags: { 'httpapi:createdBy': 'SAM' }, AutoDeploy: true,
    });
    expect(r.FnGetPermission.Properties.SourceArn['Fn::Sub'][0]).toMatch(/\$\{__Stage__\}\/GET\/x$/);
  });

  test('named stages, a Lambda authorizer with default permissions, a domain with its TLS policy', () => {
    const r = samResources(`  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: v1
      Auth:
        Authorizers:
          Lam: { FunctionArn: !GetAtt AuthFn.Arn, EnableFunctionDefaultPermissions: true, Identity: { Headers: [Authorization] } }
      Domain: { DomainName: api.example.com, CertificateArn: arn:cert, SecurityPolicy: TLS_1_2 }
`);
    expect(r.Httpv1Stage.Properties.StageName).toBe('v1');
    expect(r.HttpLamAuthorizerPermission.Properties.SourceArn['Fn::Sub'][0]).toMatch(/authorizers\/\*$/);
    expect(r.Http.Properties.Body.components.securitySchemes.Lam['x-amazon-apigateway-authorizer']).toMatchObject({ type: 'request', identitySource: ['$request.header.Authorization'] });
    const domain = Object.keys(r).find((k) => k.startsWith('ApiGatewayDomainNameV2'))!;
    expect(r[domain].Properties.DomainNameConfigurations).toEqual([{ CertificateArn: 'arn:cert', EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }]);
    expect(r.HttpApiMapping.Properties).toEqual({ DomainName: { Ref: domain }, ApiId: { Ref: 'Http' }, Stage: { Ref: 'Httpv1Stage' } });
  });

  test('an authorizer that does not exist, or Auth without any authorizer, is refused', () => {
    expect(() => samResources(fn('Fn', '      Events:\n        E: { Type: HttpApi, Properties: { Path: /x, Method: GET, Auth: { Authorizer: Missing } } }\n'))).toThrow(/Authorizer Missing is not defined/);
  });
});

describe('AWS::Serverless::SimpleTable', () => {
  test('a DynamoDB table with the primary key, SSESpecification and throughput as given', () => {
    const r = samResources(`  T:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: { Name: pk, Type: Number }
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }
      SSESpecification: { SSEEnabled: false }
      TableName: t
`);
    expect(r.T).toEqual({
      Type: 'AWS::DynamoDB::Table',
      Metadata: { 'secure-constructs:expanded-from': 'T' },
      Properties: {
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, SSESpecification: { SSEEnabled: false }, TableName: 't',
      },
    });
    expect(samResources('  T:\n    Type: AWS::Serverless::SimpleTable\n').T.Properties).toEqual({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
    });
  });
});

describe('Globals', () => {
  test('merged as SAM does: local scalars win, maps merge, lists concatenate; IgnoreGlobals; SimpleTable SSE', () => {
    const b = '  B:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: [Environment]\n    Properties: { Runtime: python3.12, Handler: app.handler, CodeUri: s3://b/k.zip }\n';
    const r = samResources(`${fn('A', '      Timeout: 3\n      Environment: { Variables: { LOCAL: l } }\n      Layers: [local-layer]\n')}${b}  T:\n    Type: AWS::Serverless::SimpleTable\n`,
      `Globals:
  Function:
    Timeout: 30
    Environment: { Variables: { GLOBAL: g } }
    Layers: [global-layer]
  SimpleTable:
    SSESpecification: { SSEEnabled: true }
`);
    expect(r.A.Properties).toMatchObject({ Timeout: 3, Environment: { Variables: { GLOBAL: 'g', LOCAL: 'l' } }, Layers: ['global-layer', 'local-layer'] });
    expect(r.B.Properties.Environment).toBeUndefined();
    expect(r.B.Properties.Timeout).toBe(30);
    expect(r.T.Properties.SSESpecification).toEqual({ SSEEnabled: true });
  });

  test('a section or property SAM does not accept in Globals is reported, not silently dropped', () => {
    const x = expandYaml(`${SAM_HEADER}Globals:\n  Function:\n    Policies: [AdministratorAccess]\n  Queue:\n    X: 1\nResources:\n${fn('Fn')}`);
    expect(notes(x)).toEqual(['(template) globals:Function.Policies error', '(template) globals:Queue error']);
    expect(x.template.Globals).toBeUndefined();
  });
});

describe('template-level transforms', () => {
  test('Fn::Transform in Mappings, or directly in Resources, is reported on the template', () => {
    const x = expandYaml(`${SAM_HEADER}Mappings:\n  M:\n    Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/m.yaml } }\nResources:\n  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/r.yaml } }\n${fn('Fn')}`);
    expect(notes(x)).toEqual(['(template) fn-transform:Mappings error', '(template) fn-transform:Resources error']);
    expect(x.unexpanded.map((n) => [n.logicalId, n.id])).toEqual([[undefined, 'fn-transform:Mappings'], [undefined, 'fn-transform:Resources']]);
    expect(Object.keys(x.template.Resources)).toEqual(['Fn', 'FnRole']);
  });

  test('the Secrets Manager transform (hosted rotation) has a known, bounded effect and is not reported; other AWS transforms are', () => {
    const rotation = 'Resources:\n  S:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties: { SecretId: !Ref X, HostedRotationLambda: { RotationType: PostgreSQLSingleUser } }\n';
    expect(notes(expandYaml(`Transform: AWS::SecretsManager-2024-09-16\n${rotation}`))).toEqual([]);
    expect(notes(expandYaml(`Transform: [AWS::SecretsManager-2020-07-23, AWS::CodeDeployBlueGreen]\n${rotation}`))).toEqual(['(template) transform:AWS::CodeDeployBlueGreen error']);
    expect(notes(expandYaml('Transform: AWS::SecretsManager-2024-09-16\nResources:\n  S:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties: { HostedRotationLambda: !Ref Whatever }\n')))
      .toEqual(['(template) transform:AWS::SecretsManager-2024-09-16 error']);
  });

  test('a Transform that is not a name is reported; a plain template with Fn::Transform is expanded for the rest', () => {
    expect(notes(expandYaml('Transform: [{ Parameters: {} }]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n'))).toEqual(['(template) transform error']);
    const x = expandYaml('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        Fn::Transform: { Name: Tagger }\n');
    expect(notes(x)).toEqual(['B fn-transform error']);
    expect(x.unexpanded).toEqual([expect.objectContaining({ logicalId: 'B', id: 'fn-transform', severity: 'error', reason: expect.stringContaining('Tagger') })]);
    expect(x.template.Resources.B.Metadata['secure-constructs:unchecked'][0].reason).toMatch(/Tagger at Properties\.Tags/);
  });

  test('the parsed input is never modified', () => {
    const yaml = `${SAM_HEADER}Resources:\n${fn('Fn', '      Policies: [NoSuchPolicy: {}]\n')}  M:\n    Type: AWS::Serverless::StateMachine\n`;
    const x = expandYaml(yaml);
    expect(JSON.stringify(x.input)).toBe(JSON.stringify(expandYaml(yaml).input));
    expect(x.input.Resources.M.Metadata).toBeUndefined();
    expect(x.input.Globals).toBeUndefined();
    expect(x.template.Resources.M.Metadata['secure-constructs:unchecked']).toHaveLength(1);
  });
});

describe('AWS::LanguageExtensions', () => {
  const LE = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n";
  test('Fn::ForEach over a literal list, then SAM', () => {
    const x = expandYaml(`${LE}Resources:
  Fn::ForEach::Fns:
    - Name
    - [Orders, Users]
    - \${Name}Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: !Sub '\${Name}.handler'
          CodeUri: s3://b/k.zip
          Policies:
            - DynamoDBReadPolicy: { TableName: !Ref Name }
`);
    expect(Object.keys(x.template.Resources)).toEqual(['OrdersFn', 'OrdersFnRole', 'UsersFn', 'UsersFnRole']);
    expect(x.template.Resources.UsersFn.Properties.Handler).toEqual({ 'Fn::Sub': 'Users.handler' });
    expect(x.template.Resources.OrdersFnRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource[0]['Fn::Sub'][1]).toEqual({ tableName: 'Orders' });
    expect(notes(x)).toEqual([]);
  });

  test('a loop over a parameter is expanded with its default (a warning); over a deploy-time value it is reported (an error)', () => {
    const x = expandYaml(`${LE}Parameters:\n  Names: { Type: CommaDelimitedList, Default: 'a,b' }\nResources:
  Fn::ForEach::Topics: [N, !Ref Names, { 'Topic&{N}': { Type: AWS::SNS::Topic } }]
  Fn::ForEach::Queues: [N, !Split [',', !ImportValue names], { 'Queue&{N}': { Type: AWS::SQS::Queue } }]
`);
    expect(Object.keys(x.template.Resources)).toEqual(['Topica', 'Topicb']);
    expect(notes(x)).toEqual(['(template) foreach:Fn::ForEach::Queues error', '(template) foreach:Fn::ForEach::Topics warning']);
  });

  test('Fn::ToJsonString of a literal becomes the string; Fn::Length of a literal list its length; ForEach without the transform is refused', () => {
    const x = expandYaml('Transform: AWS::LanguageExtensions\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: { Fn::ToJsonString: { maxReceiveCount: 3 } }\n      DelaySeconds: { Fn::Length: [a, b] }\n');
    expect(x.template.Resources.Q.Properties).toEqual({ RedrivePolicy: '{"maxReceiveCount":3}', DelaySeconds: 2 });
    expect(() => expandYaml('Resources:\n  Fn::ForEach::X: [N, [a], { Q: { Type: AWS::SQS::Queue } }]\n')).toThrow(/Fn::ForEach needs the AWS::LanguageExtensions transform/);
  });
});

describe('an API definition included at deploy time', () => {
  test('the API is expanded (its stage is checked) and its definition is reported, for REST and HTTP APIs', () => {
    const include = '      DefinitionBody:\n        Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://bucket/openapi.yaml } }\n';
    const x = expandYaml(`${SAM_HEADER}Resources:\n${api('Api', `${include}      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', DataTraceEnabled: true }]\n`)}  Http:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n${include}`);
    expect(notes(x)).toEqual(['Api definition:DefinitionBody error', 'Http definition:DefinitionBody error']);
    const r = x.template.Resources;
    expect(r.Api.Properties.Body).toEqual({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/openapi.yaml' } } });
    expect(r.ApiprodStage.Properties.MethodSettings).toEqual([{ ResourcePath: '/*', HttpMethod: '*', DataTraceEnabled: true }]);
    expect(r.HttpApiGatewayDefaultStage).toBeDefined();
    expect(r.Api.Metadata['secure-constructs:unchecked'][0].reason).toMatch(/AWS::Include/);
  });

  test('an include anywhere else in the API still makes it opaque (not expanded)', () => {
    const x = expandYaml(`${SAM_HEADER}Resources:\n${api('Api', '      Variables:\n        Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/v.yaml } }\n')}`);
    expect(notes(x)).toEqual(['Api fn-transform error']);
    expect(x.template.Resources.Api.Type).toBe('AWS::Serverless::Api');
  });
});
