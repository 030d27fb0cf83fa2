/**
 * `AWS::Serverless::Api` (explicit, or the implicit `ServerlessRestApi`) -> `AWS::ApiGateway::RestApi` with its
 * definition (`Body`), a Deployment, the Stage `<Api><StageName>Stage`, Lambda authorizer permissions and a custom
 * domain. Auth becomes security schemes and per-method `security` in the definition, as SAM writes it.
 */
import { clone, compact, hashedLogicalId, isIntrinsic, obj, pythonJson, ref, sha1, tagList } from './common';
import { expandDomain } from './domain';
import { applyDefaultAuthorizer, authorizerUri, dropNoneMarkers, methodsOf, paths, schemas, securitySchemes } from './openapi';
import { API_KEY_SCHEME, AWS_IAM_SCHEME } from './rest-api-events';
import { ApiState, SamTemplate } from './template';

const KNOWN = [
  'Name', 'StageName', 'Tags', 'DefinitionBody', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'Variables', 'EndpointConfiguration',
  'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'Auth', 'GatewayResponses', 'AccessLogSetting', 'CanarySetting', 'TracingEnabled',
  'OpenApiVersion', 'Models', 'Domain', 'FailOnWarnings', 'Description', 'Mode', 'DisableExecuteApiEndpoint', 'ApiKeySourceType', 'AlwaysDeploy', 'PropagateTags',
];
const KNOWN_AUTH = ['Authorizers', 'DefaultAuthorizer', 'InvokeRole', 'AddDefaultAuthorizerToCorsPreflight', 'AddApiKeyRequiredToCorsPreflight', 'ApiKeyRequired', 'ResourcePolicy', 'UsagePlan', 'DisableFunctionDefaultPermissions'];
const ALL_METHODS = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';

export function expandRestApi(t: SamTemplate, api: ApiState): void {
  const p = api.props;
  const from = api.sources;
  const note = (id: string, reason: string, severity: 'error' | 'warning' = 'error') => t.exp.note(api.id, { id, reason, severity });
  if (p.StageName === undefined) t.refuse(from[0], `${api.id}: StageName is required`);
  const body = api.body;
  const apiProps: Record<string, any> = compact({
    Name: p.Name, Description: p.Description, BinaryMediaTypes: p.BinaryMediaTypes, MinimumCompressionSize: p.MinimumCompressionSize, Mode: p.Mode,
    FailOnWarnings: p.FailOnWarnings, ApiKeySourceType: p.ApiKeySourceType, EndpointConfiguration: endpointConfiguration(p.EndpointConfiguration),
  });
  if (body) {
    cors(body, p.Cors);
    auth(t, api, body);
    gatewayResponses(body, p.GatewayResponses);
    if (Array.isArray(p.BinaryMediaTypes)) body['x-amazon-apigateway-binary-media-types'] = p.BinaryMediaTypes.map((m) => (typeof m === 'string' ? m.replace(/~1/g, '/') : m));
    for (const [name, schema] of Object.entries(obj(p.Models) ?? {})) schemas(body)[name.toLowerCase()] = schema;
    if (p.DisableExecuteApiEndpoint !== undefined) {
      body['x-amazon-apigateway-endpoint-configuration'] = { ...(obj(body['x-amazon-apigateway-endpoint-configuration']) ?? {}), disableExecuteApiEndpoint: p.DisableExecuteApiEndpoint };
    }
    apiProps.Body = body;
  } else if (p.DisableExecuteApiEndpoint !== undefined) {
    t.refuse(from[0], `${api.id}: DisableExecuteApiEndpoint works only with an inline DefinitionBody`);
  }
  if (p.DefinitionUri !== undefined) {
    apiProps.BodyS3Location = s3Location(p.DefinitionUri);
    note('definition:DefinitionUri', 'the API definition is in a separate file (DefinitionUri), so its methods and their authorization were not checked; inline it as DefinitionBody');
    if (p.Auth !== undefined) t.refuse(from[0], `${api.id}: Auth works only with an inline DefinitionBody`);
  } else if (p.DefinitionBody !== undefined && !body) {
    apiProps.Body = p.DefinitionBody;
    note('definition:DefinitionBody', `DefinitionBody is not a literal mapping (${obj(p.DefinitionBody)?.['Fn::Transform'] ? 'an AWS::Include or another transform' : 'an intrinsic'}), so the methods and their authorization were not checked`);
  }
  t.exp.add(api.id, 'AWS::ApiGateway::RestApi', apiProps, from, { main: !api.implicit });

  for (const k of Object.keys(p)) {
    if (k === '__MANAGE_SWAGGER') continue;
    if (k === 'MergeDefinitions') note('property:MergeDefinitions', 'MergeDefinitions is not expanded: SAM merges the generated routes into DefinitionBody, which was checked without them');
    else if (!KNOWN.includes(k)) note(`property:${k}`, `property ${k} of AWS::Serverless::Api is not understood by this checker; what SAM generates from it was not checked`);
  }

  const openApi3 = typeof p.OpenApiVersion === 'string' && /^3\./.test(p.OpenApiVersion);
  const hash = sha1(pythonJson({
    body: apiProps.Body ?? apiProps.BodyS3Location ?? null, openApiVersion: p.OpenApiVersion ?? null, domain: p.Domain ?? null,
  }));
  const deploymentId = `${api.id}Deployment${hash.slice(0, 10)}`;
  t.exp.add(deploymentId, 'AWS::ApiGateway::Deployment', compact({
    RestApiId: ref(api.id), Description: `RestApi deployment id: ${hash}`, StageName: openApi3 ? undefined : 'Stage',
  }), from);
  const stageName = p.StageName;
  const stageId = typeof stageName === 'string'
    ? (/^[A-Za-z0-9]+$/.test(stageName) ? `${api.id}${stageName}Stage` : hashedLogicalId(`${api.id}Stage`, stageName))
    : `${api.id}Stage`;
  t.exp.add(stageId, 'AWS::ApiGateway::Stage', compact({
    RestApiId: ref(api.id), DeploymentId: ref(deploymentId), StageName: stageName,
    CacheClusterEnabled: p.CacheClusterEnabled, CacheClusterSize: p.CacheClusterSize,
    Variables: p.Variables, MethodSettings: p.MethodSettings, AccessLogSetting: p.AccessLogSetting,
    CanarySetting: p.CanarySetting, TracingEnabled: p.TracingEnabled,
    Tags: tagList(p.Tags),
  }), from);

  const a = obj(p.Auth) ?? {};
  if (a.DisableFunctionDefaultPermissions !== true) {
    for (const [name, authorizer] of Object.entries(obj(a.Authorizers) ?? {})) {
      const fnArn = obj(authorizer)?.FunctionArn;
      if (fnArn === undefined) continue;
      t.exp.add(`${api.id}${name}AuthorizerPermission`, 'AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction', FunctionName: fnArn, Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*', { __ApiId__: ref(api.id) }] },
      }, from);
    }
  }
  if (p.Domain !== undefined) expandDomain(t, api, 'rest', stageId);
}

function endpointConfiguration(v: unknown): unknown {
  if (v === undefined) return undefined;
  const o = obj(v);
  if (o && !('Ref' in o) && !Object.keys(o).some((k) => k.startsWith('Fn::'))) {
    return compact({ Types: o.Type === undefined ? undefined : [o.Type], VpcEndpointIds: o.VPCEndpointIds, IpAddressType: o.IpAddressType });
  }
  return { Types: [v] };
}

function s3Location(uri: unknown): unknown {
  if (typeof uri === 'string') {
    const m = /^s3:\/\/([^/]+)\/([^?]+)(?:\?versionId=(.+))?$/.exec(uri);
    return m ? compact({ Bucket: m[1], Key: m[2], Version: m[3] }) : { Bucket: '<uploaded by sam package>', Key: uri };
  }
  return clone(uri);
}

/** `Cors`: an OPTIONS preflight (mock integration) on every path that has none. */
function cors(body: Record<string, any>, value: unknown): void {
  if (value === undefined) return;
  const c = !obj(value) || isIntrinsic(value) ? { AllowOrigin: value } : obj(value)!;
  for (const item of Object.values(paths(body))) {
    const pathItem = obj(item);
    if (!pathItem || pathItem.options !== undefined) continue;
    let methods = c.AllowMethods;
    if (methods === undefined) {
      const names = methodsOf(pathItem).map(([m]) => m);
      methods = `'${names.includes('x-amazon-apigateway-any-method') ? ALL_METHODS : [...new Set([...names, 'options'].map((m) => m.toUpperCase()))].sort().join(',')}'`;
    }
    const params: Record<string, any> = { 'method.response.header.Access-Control-Allow-Origin': c.AllowOrigin };
    const headers: Record<string, any> = { 'Access-Control-Allow-Origin': { type: 'string' } };
    if (c.AllowHeaders) { params['method.response.header.Access-Control-Allow-Headers'] = c.AllowHeaders; headers['Access-Control-Allow-Headers'] = { type: 'string' }; }
    if (methods) { params['method.response.header.Access-Control-Allow-Methods'] = methods; headers['Access-Control-Allow-Methods'] = { type: 'string' }; }
    if (c.MaxAge !== undefined) { params['method.response.header.Access-Control-Max-Age'] = c.MaxAge; headers['Access-Control-Max-Age'] = { type: 'integer' }; }
    if (c.AllowCredentials === true) { params['method.response.header.Access-Control-Allow-Credentials'] = "'true'"; headers['Access-Control-Allow-Credentials'] = { type: 'string' }; }
    pathItem.options = {
      'summary': 'CORS support',
      'consumes': ['application/json'],
      'produces': ['application/json'],
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: { default: { statusCode: '200', responseParameters: params, responseTemplates: { 'application/json': '{}\n' } } },
      },
      'responses': { 200: { description: 'Default response for CORS method', headers } },
    };
  }
}

/** `Auth`: security schemes for the authorizers, the default authorizer and API key on every method, the resource policy. */
function auth(t: SamTemplate, api: ApiState, body: Record<string, any>): void {
  const note = (id: string, reason: string) => t.exp.note(api.id, { id, reason, severity: 'error' });
  const a = obj(api.props.Auth);
  if (!a) {
    dropNoneMarkers(body);
    return;
  }
  for (const k of Object.keys(a)) if (!KNOWN_AUTH.includes(k)) note(`auth:${k}`, `Auth.${k} of AWS::Serverless::Api is not understood by this checker`);
  const authorizers = obj(a.Authorizers) ?? {};
  for (const [name, raw] of Object.entries(authorizers)) {
    const z = obj(raw);
    if (!z || (z.UserPoolArn === undefined && z.FunctionArn === undefined)) {
      note(`authorizer:${name}`, `authorizer ${name} has neither UserPoolArn nor FunctionArn; SAM refuses it and the methods using it were not checked`);
      continue;
    }
    securitySchemes(body)[name] = securityScheme(z);
  }
  const names = new Set(['AWS_IAM', ...Object.keys(authorizers)]);
  const def = a.DefaultAuthorizer;
  if (def !== undefined && !(obj(def)?.Ref === 'AWS::NoValue')) {
    if (typeof def !== 'string' || (def !== 'AWS_IAM' && !authorizers[def])) t.refuse(api.sources[0], `${api.id}: DefaultAuthorizer ${JSON.stringify(def)} is not defined in Auth.Authorizers`);
    if (def === 'AWS_IAM' && !authorizers.AWS_IAM) securitySchemes(body).AWS_IAM ??= { ...AWS_IAM_SCHEME };
    applyDefaultAuthorizer(body, def, names, obj(authorizers[def])?.AuthorizationScopes ?? [], a.AddDefaultAuthorizerToCorsPreflight === false);
  } else {
    dropNoneMarkers(body);
  }
  if (a.ApiKeyRequired === true) {
    securitySchemes(body).api_key ??= { ...API_KEY_SCHEME };
    for (const item of Object.values(paths(body))) {
      for (const [method, m] of methodsOf(item)) {
        const list: any[] = Array.isArray(m.security) ? m.security : [];
        const optOut = list.some((s) => obj(s) && 'api_key_false' in s);
        const rest = list.filter((s) => !(obj(s) && ('api_key' in s || 'api_key_false' in s)));
        const skip = method.toLowerCase() === 'options' && a.AddApiKeyRequiredToCorsPreflight === false;
        const result = optOut || skip ? rest : [...rest, { api_key: [] }];
        if (result.length > 0) m.security = result;
        else delete m.security;
      }
    }
  }
  const rp = obj(a.ResourcePolicy);
  if (rp) {
    const custom = rp.CustomStatements === undefined ? [] : Array.isArray(rp.CustomStatements) ? rp.CustomStatements : [rp.CustomStatements];
    if (custom.length > 0) {
      const policy = obj(body['x-amazon-apigateway-policy']) ?? (body['x-amazon-apigateway-policy'] = { Version: '2012-10-17', Statement: [] });
      policy.Statement = [...(Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : []), ...clone(custom)];
    }
    const other = Object.keys(rp).filter((k) => k !== 'CustomStatements');
    if (other.length > 0) note('auth:ResourcePolicy', `Auth.ResourcePolicy.${other.join(', Auth.ResourcePolicy.')} ${other.length > 1 ? 'are' : 'is'} not expanded: the statements SAM generates for ${other.length > 1 ? 'them' : 'it'} were not checked`);
  }
  const up = obj(a.UsagePlan);
  if (up && up.CreateUsagePlan !== 'NONE') note('auth:UsagePlan', 'Auth.UsagePlan is not expanded: the usage plan, API key and usage plan key SAM creates were not checked');
}

/** The security scheme SAM writes for a Cognito or Lambda authorizer. */
function securityScheme(z: Record<string, any>): Record<string, any> {
  const identity = obj(z.Identity) ?? {};
  if (z.UserPoolArn !== undefined) {
    return {
      'type': 'apiKey', 'name': identity.Header ?? 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': compact({
        type: 'cognito_user_pools', providerARNs: Array.isArray(z.UserPoolArn) ? z.UserPoolArn : [z.UserPoolArn], identityValidationExpression: identity.ValidationExpression,
      }),
    };
  }
  const request = z.FunctionPayloadType === 'REQUEST';
  const sources = request ? [
    ...(identity.Headers ?? []).map((h: string) => `method.request.header.${h}`),
    ...(identity.QueryStrings ?? []).map((q: string) => `method.request.querystring.${q}`),
    ...(identity.StageVariables ?? []).map((s: string) => `stageVariables.${s}`),
    ...(identity.Context ?? []).map((c: string) => `context.${c}`),
  ] : [];
  return {
    'type': 'apiKey', 'name': request ? 'Unused' : identity.Header ?? 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': compact({
      type: request ? 'request' : 'token', authorizerUri: authorizerUri(z.FunctionArn), authorizerCredentials: z.FunctionInvokeRole,
      authorizerResultTtlInSeconds: identity.ReauthorizeEvery, identitySource: sources.length > 0 ? sources.join(', ') : undefined,
      identityValidationExpression: request ? undefined : identity.ValidationExpression,
    }),
  };
}

function gatewayResponses(body: Record<string, any>, value: unknown): void {
  const responses = obj(value);
  if (!responses) return;
  const out: Record<string, any> = {};
  for (const [type, raw] of Object.entries(responses)) {
    const r = obj(raw) ?? {};
    const params: Record<string, any> = {};
    const rp = obj(r.ResponseParameters) ?? {};
    for (const [section, prefix] of [['Headers', 'header'], ['Paths', 'path'], ['QueryStrings', 'querystring']]) {
      for (const [k, v] of Object.entries(obj(rp[section]) ?? {})) params[`gatewayresponse.${prefix}.${k}`] = v;
    }
    out[type] = compact({
      responseParameters: Object.keys(params).length > 0 ? params : undefined, responseTemplates: r.ResponseTemplates, statusCode: r.StatusCode,
    });
  }
  body['x-amazon-apigateway-gateway-responses'] = out;
}

