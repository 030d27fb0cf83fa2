/**
 * `Api` events of a function: the Lambda permission `<Function><Event>Permission<Stage>` and, when SAM manages the
 * API's definition (implicit `ServerlessRestApi`, or an `AWS::Serverless::Api` without DefinitionBody), the path,
 * method, Lambda proxy integration and per-method auth in the definition.
 */
import { compact, noteUnknownKeys, obj, ref, refTarget } from './common';
import { SamResource } from './context';
import { InvokeTarget } from './function';
import { addSecurity, arnPath, isOpenApi3, lambdaUri, methodKey, paths, schemas, securitySchemes } from './openapi';
import { ApiState, SamTemplate } from './template';

const KNOWN = ['Path', 'Method', 'RestApiId', 'Stage', 'Auth', 'RequestModel', 'RequestParameters', 'TimeoutInMillis'];
const KNOWN_AUTH = ['Authorizer', 'AuthorizationScopes', 'ApiKeyRequired', 'InvokeRole', 'OverrideApiAuth', 'ResourcePolicy'];

export const AWS_IAM_SCHEME = { 'x-amazon-apigateway-authtype': 'awsSigv4', 'type': 'apiKey', 'name': 'Authorization', 'in': 'header' };
export const API_KEY_SCHEME = { type: 'apiKey', name: 'x-api-key', in: 'header' };

export function restApiEvent(
  t: SamTemplate,
  fn: SamResource,
  target: InvokeTarget,
  name: string,
  props: Record<string, any>,
  note: (reason: string) => void,
): void {
  noteUnknownKeys(Object.keys(props), KNOWN, 'an Api event', note);
  if (typeof props.Path !== 'string' || typeof props.Method !== 'string') t.refuse(fn, `event ${name}: an Api event needs a literal Path and Method`);
  const method = props.Method.toLowerCase();

  let api: ApiState | undefined;
  let suffix: string;
  let apiId: unknown;
  if (props.RestApiId === undefined) {
    api = t.implicitApi('rest', fn);
    suffix = 'Prod';
    apiId = ref(api.id);
  } else {
    apiId = props.RestApiId;
    const id = refTarget(props.RestApiId);
    if (id === undefined) {suffix = 'AllStages';} else {
      api = t.apis.get(id);
      if (!api && !(id in t.exp.input)) t.refuse(fn, `event ${name}: RestApiId must reference a resource of the same template (${id} is not one)`);
      if (api && api.kind !== 'rest') t.refuse(fn, `event ${name}: RestApiId references ${id}, which is not an AWS::Serverless::Api`);
      const stage = api?.props.StageName;
      suffix = typeof stage === 'string' ? stage : 'Stage';
    }
  }
  const verb = method === 'any' ? '*' : method.toUpperCase();
  t.exp.add(`${fn.id}${name}Permission${suffix}`, 'AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    FunctionName: target.name,
    Principal: 'apigateway.amazonaws.com',
    SourceArn: { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${verb}${arnPath(props.Path)}`, { __ApiId__: apiId, __Stage__: '*' }] },
  }, fn);

  if (!api || !api.managed || !api.body) return;
  const body = api.body;
  const item = obj(paths(body)[props.Path]) ?? (paths(body)[props.Path] = {});
  const key = methodKey(method);
  if (item[key] !== undefined) t.refuse(fn, `event ${name}: API method "${method}" is defined more than once for path "${props.Path}" of ${api.id}`);
  const integration: Record<string, any> = { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri(target.arn) };
  const def: Record<string, any> = { 'x-amazon-apigateway-integration': integration, 'responses': {} };
  item[key] = def;
  if (typeof props.TimeoutInMillis === 'number') integration.timeoutInMillis = props.TimeoutInMillis;

  const auth = obj(props.Auth);
  const apiAuth = obj(api.props.Auth) ?? {};
  const authorizers = obj(apiAuth.Authorizers) ?? {};
  if (props.Auth !== undefined && !auth) note('Auth is not a mapping; SAM refuses it');
  if (auth) {
    noteUnknownKeys(Object.keys(auth), KNOWN_AUTH, 'an Api event', note, 'Auth.');
    if (auth.ResourcePolicy !== undefined) note('Auth.ResourcePolicy of an Api event is not expanded: the statements SAM adds to the API\'s resource policy were not checked');
    const authorizer = auth.Authorizer;
    if (authorizer !== undefined) {
      if (typeof authorizer !== 'string') t.refuse(fn, `event ${name}: Auth.Authorizer must be a string`);
      if (authorizer === 'NONE') {
        if (!apiAuth.DefaultAuthorizer) t.refuse(fn, `event ${name}: Authorizer NONE is only valid when ${api.id} has a DefaultAuthorizer`);
        addSecurity(def, 'NONE');
      } else if (authorizer === 'AWS_IAM' && !authorizers.AWS_IAM) {
        addSecurity(def, 'AWS_IAM');
        securitySchemes(body).AWS_IAM ??= { ...AWS_IAM_SCHEME };
      } else {
        const a = obj(authorizers[authorizer]);
        if (!a) t.refuse(fn, `event ${name}: Authorizer ${authorizer} is not defined in the Auth.Authorizers of ${api.id}`);
        addSecurity(def, authorizer, auth.AuthorizationScopes ?? a.AuthorizationScopes ?? []);
      }
    }
    if (auth.ApiKeyRequired === true) {
      addSecurity(def, 'api_key');
      securitySchemes(body).api_key ??= { ...API_KEY_SCHEME };
    } else if (auth.ApiKeyRequired === false) {
      if (apiAuth.ApiKeyRequired !== true) t.refuse(fn, `event ${name}: ApiKeyRequired false is only valid when ${api.id} requires API keys`);
      addSecurity(def, 'api_key_false');
    }
  }
  const effective = auth?.Authorizer ?? apiAuth.DefaultAuthorizer;
  const invokeRole = auth?.InvokeRole ?? apiAuth.InvokeRole;
  if (effective === 'AWS_IAM' && invokeRole !== undefined && invokeRole !== 'NONE') {
    integration.credentials = invokeRole === 'CALLER_CREDENTIALS' ? 'arn:aws:iam::*:user/*' : invokeRole;
  }
  requestModel(t, fn, name, api, body, def, props.RequestModel);
  requestParameters(def, integration, props.RequestParameters);
}

function requestModel(
  t: SamTemplate,
  fn: SamResource,
  name: string,
  api: ApiState,
  body: Record<string, any>,
  def: Record<string, any>,
  rm: unknown,
): void {
  const m = obj(rm);
  if (!m) return;
  const model = m.Model;
  if (typeof model !== 'string' || !obj(obj(api.props.Models)?.[model])) t.refuse(fn, `event ${name}: RequestModel.Model must name a model in the Models of ${api.id}`);
  const lower = model.toLowerCase();
  schemas(body);
  if (isOpenApi3(body)) def.requestBody = compact({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${lower}` } } }, required: m.Required });
  else (def.parameters ??= []).push(compact({ in: 'body', name: lower, schema: { $ref: `#/definitions/${lower}` }, required: m.Required }));
  if (m.ValidateBody !== undefined || m.ValidateParameters !== undefined) {
    const vb = m.ValidateBody === true;
    const vp = m.ValidateParameters === true;
    const validator = vb && vp ? 'body-and-params' : vb ? 'body-only' : vp ? 'params-only' : 'no-validation';
    const validators = obj(body['x-amazon-apigateway-request-validators']) ?? (body['x-amazon-apigateway-request-validators'] = {});
    validators[validator] ??= { validateRequestBody: vb, validateRequestParameters: vp };
    def['x-amazon-apigateway-request-validator'] = validator;
  }
}

function requestParameters(def: Record<string, any>, integration: Record<string, any>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const p of list) {
    const [paramName, settings] = typeof p === 'string' ? [p, {}] : Object.entries(obj(p) ?? {})[0] ?? [];
    if (typeof paramName !== 'string') continue;
    const m = /^method\.request\.(querystring|path|header)\.(.+)$/.exec(paramName);
    if (!m) continue;
    (def.parameters ??= []).push({ in: m[1] === 'querystring' ? 'query' : m[1], name: m[2], required: obj(settings)?.Required === true, type: 'string' });
    if (obj(settings)?.Caching === true) (integration.cacheKeyParameters ??= []).push(paramName);
  }
}

