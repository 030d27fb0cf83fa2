/**
 * `AWS::Serverless::HttpApi` (explicit, or the implicit `ServerlessHttpApi`) -> `AWS::ApiGatewayV2::Api` with its
 * OpenAPI `Body` (routes, integrations, authorizers and per-route security live there, as SAM writes them: SAM
 * generates no separate Route or Authorizer resources), the Stage (`<Api>ApiGatewayDefaultStage` for `$default`),
 * Lambda authorizer permissions and a custom domain; and the `HttpApi` events of functions.
 */
import { compact, hashedLogicalId, noteUnknownKeys, obj, ref, refTarget } from './common';
import { SamResource } from './context';
import { expandDomain } from './domain';
import { InvokeTarget } from './function';
import { ANY_METHOD, addSecurity, applyDefaultAuthorizer, arnPath, authorizerUri, dropNoneMarkers, lambdaUri, methodKey, paths, securitySchemes } from './openapi';
import { ApiState, SamTemplate } from './template';

const KNOWN_EVENT = ['Path', 'Method', 'ApiId', 'Stage', 'Auth', 'TimeoutInMillis', 'RouteSettings', 'PayloadFormatVersion'];
const KNOWN = [
  'Name', 'StageName', 'Tags', 'DefinitionBody', 'DefinitionUri', 'StageVariables', 'CorsConfiguration', 'AccessLogSettings', 'DefaultRouteSettings', 'Auth',
  'RouteSettings', 'Domain', 'FailOnWarnings', 'Description', 'DisableExecuteApiEndpoint', 'PropagateTags',
];
const KNOWN_AUTH = ['Authorizers', 'DefaultAuthorizer', 'EnableIamAuthorizer'];
const DEFAULT_PATH = '$default';

export function httpApiEvent(
  t: SamTemplate,
  fn: SamResource,
  target: InvokeTarget,
  name: string,
  props: Record<string, any>,
  note: (reason: string) => void,
): void {
  noteUnknownKeys(Object.keys(props), KNOWN_EVENT, 'an HttpApi event', note);
  if ((props.Path === undefined) !== (props.Method === undefined)) t.refuse(fn, `event ${name}: an HttpApi event needs both Path and Method, or neither (the $default route)`);
  const path: string = props.Path ?? DEFAULT_PATH;
  const method: string = props.Method === undefined ? ANY_METHOD : String(props.Method).toLowerCase();
  if (typeof path !== 'string') t.refuse(fn, `event ${name}: Path must be a string`);

  let api: ApiState | undefined;
  let apiId: unknown;
  if (props.ApiId === undefined) {
    api = t.implicitApi('http', fn);
    apiId = ref(api.id);
  } else {
    apiId = props.ApiId;
    const id = refTarget(props.ApiId);
    if (id !== undefined) {
      api = t.apis.get(id);
      if (!api && !(id in t.exp.input)) t.refuse(fn, `event ${name}: ApiId must reference a resource of the same template (${id} is not one)`);
      if (api && api.kind !== 'http') t.refuse(fn, `event ${name}: ApiId references ${id}, which is not an AWS::Serverless::HttpApi`);
    }
  }

  const isDefault = path === DEFAULT_PATH;
  const anyMethod = method === 'any' || method === ANY_METHOD;
  const coveredByDefault = !isDefault && api?.body !== undefined && usesFunction(obj(paths(api.body)[DEFAULT_PATH])?.[ANY_METHOD], target);
  if (!coveredByDefault) {
    const arnSuffix = isDefault ? (anyMethod ? '/*' : `/${method.toUpperCase()}`) : `/${anyMethod ? '*' : method.toUpperCase()}${arnPath(path)}`;
    t.exp.add(`${fn.id}${name}Permission`, 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: target.name,
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}${arnSuffix}`, { __ApiId__: apiId, __Stage__: '*' }] },
    }, fn);
  }
  if (!api || !api.body) return;
  const body = api.body;
  const item = obj(paths(body)[path]) ?? (paths(body)[path] = {});
  const key = methodKey(method);
  if (api.managed && obj(item[key])?.['x-amazon-apigateway-integration']) t.refuse(fn, `event ${name}: API method "${method}" is defined more than once for path "${path}" of ${api.id}`);
  const def: Record<string, any> = obj(item[key]) ?? {};
  def['x-amazon-apigateway-integration'] = compact({
    type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri(target.arn), payloadFormatVersion: props.PayloadFormatVersion ?? '2.0', timeoutInMillis: props.TimeoutInMillis,
  });
  if (isDefault) def.isDefaultRoute = true;
  def.responses ??= {};
  item[key] = def;
  const routeKey = isDefault ? DEFAULT_PATH : `${anyMethod ? 'ANY' : method.toUpperCase()} ${path}`;
  if (obj(props.RouteSettings)) api.routeSettings[routeKey] = props.RouteSettings;

  const eventAuth = obj(props.Auth);
  if (!eventAuth) return;
  const apiAuth = obj(api.props.Auth) ?? {};
  const authorizers = obj(apiAuth.Authorizers) ?? {};
  const authorizer = eventAuth.Authorizer ?? apiAuth.DefaultAuthorizer;
  if (typeof authorizer !== 'string') t.refuse(fn, `event ${name}: Auth needs an Authorizer or a DefaultAuthorizer on ${api.id}`);
  if (authorizer === 'NONE') {
    if (!apiAuth.DefaultAuthorizer) t.refuse(fn, `event ${name}: Authorizer NONE is only valid when ${api.id} has a DefaultAuthorizer`);
    addSecurity(def, 'NONE');
    return;
  }
  const iam = authorizer === 'AWS_IAM' && apiAuth.EnableIamAuthorizer === true;
  const a = obj(authorizers[authorizer]);
  if (!iam && !a) t.refuse(fn, `event ${name}: Authorizer ${authorizer} is not defined in the Auth.Authorizers of ${api.id}`);
  addSecurity(def, authorizer, eventAuth.AuthorizationScopes ?? a?.AuthorizationScopes ?? []);
}

/** Whether a method's integration invokes the target function (SAM skips a permission the `$default` route already gives). */
function usesFunction(def: unknown, target: InvokeTarget): boolean {
  const uri = obj(obj(def)?.['x-amazon-apigateway-integration'])?.uri;
  return JSON.stringify(uri) === JSON.stringify(lambdaUri(target.arn));
}

export function expandHttpApi(t: SamTemplate, api: ApiState): void {
  const p = api.props;
  const from = api.sources;
  const note = (id: string, reason: string) => t.exp.note(api.id, { id, reason, severity: 'error' });
  const body = api.body;
  const tags: Record<string, any> | undefined = obj(p.Tags) ? { ...p.Tags } : undefined;
  const apiProps: Record<string, any> = {};
  if (body) {
    if (p.Name !== undefined) (obj(body.info) ?? (body.info = {})).title = p.Name;
    if (p.Description !== undefined) (obj(body.info) ?? (body.info = {})).description = p.Description;
    cors(body, p.CorsConfiguration);
    auth(t, api, body);
    const all = { ...(tags ?? {}), 'httpapi:createdBy': 'SAM' };
    body.tags = Object.entries(all).map(([k, v]) => ({ 'name': k, 'x-amazon-apigateway-tag-value': v }));
    if (p.DisableExecuteApiEndpoint !== undefined) {
      body['x-amazon-apigateway-endpoint-configuration'] = { ...(obj(body['x-amazon-apigateway-endpoint-configuration']) ?? {}), disableExecuteApiEndpoint: p.DisableExecuteApiEndpoint };
    }
    if (p.FailOnWarnings && obj(body.paths)?.[DEFAULT_PATH] !== undefined) {
      body.paths[`/${DEFAULT_PATH}`] = body.paths[DEFAULT_PATH];
      delete body.paths[DEFAULT_PATH];
    }
    apiProps.Body = body;
  }
  if (p.FailOnWarnings !== undefined) apiProps.FailOnWarnings = p.FailOnWarnings;
  if (p.DefinitionUri !== undefined) {
    apiProps.BodyS3Location = typeof p.DefinitionUri === 'string' ? { Bucket: '<uploaded by sam package>', Key: p.DefinitionUri } : p.DefinitionUri;
    note('definition:DefinitionUri', 'the API definition is in a separate file (DefinitionUri), so its routes and their authorization were not checked; inline it as DefinitionBody');
  } else if (p.DefinitionBody !== undefined && !body) {
    apiProps.Body = p.DefinitionBody;
    note('definition:DefinitionBody', `DefinitionBody is not a literal mapping (${obj(p.DefinitionBody)?.['Fn::Transform'] ? 'an AWS::Include or another transform' : 'an intrinsic'}), so the routes and their authorization were not checked`);
  }
  t.exp.add(api.id, 'AWS::ApiGatewayV2::Api', apiProps, from, { main: !api.implicit });
  for (const k of Object.keys(p)) {
    if (!KNOWN.includes(k)) note(`property:${k}`, `property ${k} of AWS::Serverless::HttpApi is not understood by this checker; what SAM generates from it was not checked`);
  }

  const stageName = p.StageName ?? DEFAULT_PATH;
  const stageId = typeof stageName !== 'string' ? `${api.id}Stage`
    : stageName === DEFAULT_PATH ? `${api.id}ApiGatewayDefaultStage`
      : /^[A-Za-z0-9]+$/.test(stageName) ? `${api.id}${stageName}Stage` : hashedLogicalId(`${api.id}Stage`, stageName);
  const routeSettings = Object.keys(api.routeSettings).length > 0 ? { ...api.routeSettings, ...(obj(p.RouteSettings) ?? {}) } : p.RouteSettings;
  t.exp.add(stageId, 'AWS::ApiGatewayV2::Stage', compact({
    ApiId: ref(api.id), StageName: stageName, StageVariables: p.StageVariables, AccessLogSettings: p.AccessLogSettings,
    DefaultRouteSettings: p.DefaultRouteSettings,
    RouteSettings: routeSettings, Tags: body ? { ...(tags ?? {}), 'httpapi:createdBy': 'SAM' } : tags, AutoDeploy: true,
  }), from);

  for (const [name, raw] of Object.entries(obj(obj(p.Auth)?.Authorizers) ?? {})) {
    const z = obj(raw);
    if (z?.FunctionArn === undefined || z.EnableFunctionDefaultPermissions !== true) continue;
    t.exp.add(`${api.id}${name}AuthorizerPermission`, 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', FunctionName: z.FunctionArn, Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*', { __ApiId__: ref(api.id) }] },
    }, from);
  }
  if (p.Domain !== undefined) expandDomain(t, api, 'http', stageId);
}

/** `CorsConfiguration` -> `x-amazon-apigateway-cors` (`true` allows every origin). */
function cors(body: Record<string, any>, value: unknown): void {
  if (value === undefined || value === false) return;
  const c = obj(value);
  const lower = (k: string) => k[0].toLowerCase() + k.slice(1);
  body['x-amazon-apigateway-cors'] = value === true ? { allowOrigins: ['*'] }
    : c && !Object.keys(c).some((k) => k === 'Ref' || k.startsWith('Fn::')) ? Object.fromEntries(Object.entries(c).map(([k, v]) => [lower(k), v])) : { allowOrigins: value };
}

function auth(t: SamTemplate, api: ApiState, body: Record<string, any>): void {
  const a = obj(api.props.Auth);
  if (!a) {
    dropNoneMarkers(body);
    return;
  }
  for (const k of Object.keys(a)) if (!KNOWN_AUTH.includes(k)) t.exp.note(api.id, { id: `auth:${k}`, reason: `Auth.${k} of AWS::Serverless::HttpApi is not understood by this checker`, severity: 'error' });
  const authorizers = obj(a.Authorizers) ?? {};
  const schemes: Record<string, any> = {};
  if (a.EnableIamAuthorizer === true) schemes.AWS_IAM = { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  for (const [name, raw] of Object.entries(authorizers)) {
    const z = obj(raw) ?? {};
    if (z.JwtConfiguration !== undefined) {
      const jwt = Object.fromEntries(Object.entries(obj(z.JwtConfiguration) ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      schemes[name] = { 'type': 'oauth2', 'x-amazon-apigateway-authorizer': compact({ jwtConfiguration: jwt, identitySource: z.IdentitySource, type: 'jwt' }) };
    } else if (z.FunctionArn !== undefined) {
      const identity = obj(z.Identity) ?? {};
      const sources = [
        ...(identity.Headers ?? []).map((h: string) => `$request.header.${h}`),
        ...(identity.QueryStrings ?? []).map((q: string) => `$request.querystring.${q}`),
        ...(identity.StageVariables ?? []).map((s: string) => `$stageVariables.${s}`),
        ...(identity.Context ?? []).map((c: string) => `$context.${c}`),
      ];
      schemes[name] = {
        'type': 'apiKey', 'name': 'Unused', 'in': 'header',
        'x-amazon-apigateway-authorizer': compact({
          type: 'request', authorizerUri: authorizerUri(z.FunctionArn), authorizerCredentials: z.FunctionInvokeRole, identitySource: sources.length > 0 ? sources : undefined,
          authorizerPayloadFormatVersion: z.AuthorizerPayloadFormatVersion, enableSimpleResponses: z.EnableSimpleResponses,
          authorizerResultTtlInSeconds: identity.ReauthorizeEvery,
        }),
      };
    } else {
      t.exp.note(api.id, { id: `authorizer:${name}`, reason: `authorizer ${name} has neither JwtConfiguration nor FunctionArn; SAM refuses it and the routes using it were not checked`, severity: 'error' });
    }
  }
  if (Object.keys(schemes).length > 0) Object.assign(securitySchemes(body), schemes);
  const def = a.DefaultAuthorizer;
  if (typeof def === 'string') {
    if (!schemes[def]) t.refuse(api.sources[0], `${api.id}: DefaultAuthorizer ${def} is not defined in Auth.Authorizers`);
    applyDefaultAuthorizer(body, def, new Set(Object.keys(schemes)), obj(authorizers[def])?.AuthorizationScopes ?? [], false);
  } else {
    dropNoneMarkers(body);
  }
}

