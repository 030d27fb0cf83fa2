/**
 * Editing an API definition (Swagger 2.0 or OpenAPI 3) the way SAM does: Lambda proxy integrations, per-method
 * `security`, authorizer security schemes, the default authorizer on every method, CORS preflights.
 */
import { obj, shorthand } from './common';

export const ANY_METHOD = 'x-amazon-apigateway-any-method';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', ANY_METHOD];

/** SAM's method key: lower case, `any` is API Gateway's any-method extension. */
export function methodKey(method: string): string {
  const m = method.toLowerCase();
  return m === 'any' ? ANY_METHOD : m;
}

/** The path as it appears in a permission's SourceArn: no trailing slash, path parameters as `*`. */
export function arnPath(path: string): string {
  return path.replace(/^(.+)\/$/, '$1').replace(/\{[^}/]*\}/g, '*');
}

export function isOpenApi3(body: Record<string, any>): boolean {
  return typeof body.openapi === 'string' && /^3\./.test(body.openapi);
}

export function paths(body: Record<string, any>): Record<string, any> {
  return obj(body.paths) ?? (body.paths = {});
}

/** The methods (with their definitions) of one path item. */
export function methodsOf(pathItem: unknown): [string, Record<string, any>][] {
  const item = obj(pathItem);
  if (!item) return [];
  return Object.entries(item).filter(([k, v]) => METHODS.includes(k.toLowerCase()) && obj(v)) as [string, Record<string, any>][];
}

/** `securityDefinitions` (Swagger) or `components.securitySchemes` (OpenAPI 3), created on demand. */
export function securitySchemes(body: Record<string, any>): Record<string, any> {
  if (isOpenApi3(body)) {
    const c = obj(body.components) ?? (body.components = {});
    return obj(c.securitySchemes) ?? (c.securitySchemes = {});
  }
  return obj(body.securityDefinitions) ?? (body.securityDefinitions = {});
}

/** `definitions` (Swagger) or `components.schemas` (OpenAPI 3). */
export function schemas(body: Record<string, any>): Record<string, any> {
  if (isOpenApi3(body)) {
    const c = obj(body.components) ?? (body.components = {});
    return obj(c.schemas) ?? (c.schemas = {});
  }
  return obj(body.definitions) ?? (body.definitions = {});
}

/** The `Fn::Sub` URI of a Lambda proxy integration. */
export function lambdaUri(arn: { 'Ref'?: string; 'Fn::GetAtt'?: string[] }): Record<string, any> {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/${shorthand(arn)}/invocations` };
}

/** The `authorizerUri` of a Lambda authorizer. */
export function authorizerUri(functionArn: unknown): Record<string, any> {
  return { 'Fn::Sub': ['arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations', { __FunctionArn__: functionArn }] };
}

/** Appends `{name: scopes}` to a method's security. */
export function addSecurity(method: Record<string, any>, name: string, scopes: unknown = []): void {
  const list = Array.isArray(method.security) ? method.security : (method.security = []);
  list.push({ [name]: scopes });
}

/**
 * The API's default authorizer on every method of every path, unless the method names an authorizer itself or
 * `NONE` (SAM's marker, removed here); `skip` leaves OPTIONS alone when the default is not added to CORS preflights.
 */
export function applyDefaultAuthorizer(
  body: Record<string, any>,
  name: string,
  authorizerNames: ReadonlySet<string>,
  scopes: unknown,
  skipOptions: boolean,
): void {
  for (const pathItem of Object.values(paths(body))) {
    for (const [method, def] of methodsOf(pathItem)) {
      if (skipOptions && method.toLowerCase() === 'options') continue;
      const existing: any[] = Array.isArray(def.security) ? def.security.filter((s: unknown) => obj(s)) : [];
      const isAuth = (s: Record<string, any>) => Object.keys(s).some((k) => authorizerNames.has(k));
      const auth = existing.filter(isAuth);
      const other = existing.filter((s) => !isAuth(s));
      const none = other.findIndex((s) => 'NONE' in s);
      let result: any[];
      if (none >= 0) result = [...other.slice(0, none), ...other.slice(none + 1), ...auth];
      else if (auth.length > 0) result = [...other, ...auth];
      else result = [...other, { [name]: scopes ?? [] }];
      if (result.length > 0) def.security = result;
      else delete def.security;
    }
  }
}

/** Removes SAM's `NONE` markers left on methods of an API without a default authorizer. */
export function dropNoneMarkers(body: Record<string, any>): void {
  for (const pathItem of Object.values(paths(body))) {
    for (const [, def] of methodsOf(pathItem)) {
      if (!Array.isArray(def.security)) continue;
      def.security = def.security.filter((s: unknown) => !(obj(s) && 'NONE' in obj(s)!));
      if (def.security.length === 0) delete def.security;
    }
  }
}
