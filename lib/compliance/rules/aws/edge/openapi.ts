/**
 * Readers for API definitions embedded in templates (`Body` of AWS::ApiGateway::RestApi and AWS::ApiGatewayV2::Api,
 * OpenAPI 3 or Swagger 2, with the API Gateway extensions): operations, their authorization, their request validator.
 */
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Verdict } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method'];

/** One operation of a definition. */
export interface Operation {
  /** Upper case; `ANY` for API Gateway's any-method. */
  readonly method: string;
  readonly path: string;
  readonly op: Record<string, any>;
}

/** The operations of a definition (paths x methods). */
export function operationsOf(body: Record<string, any>): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(obj(body.paths) ?? {})) {
    for (const [k, op] of Object.entries(obj(item) ?? {})) {
      if (!METHODS.includes(k.toLowerCase()) || !obj(op)) continue;
      out.push({ method: k.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : k.toUpperCase(), path, op: obj(op)! });
    }
  }
  return out;
}

/** `components.securitySchemes` (OpenAPI 3) and `securityDefinitions` (Swagger 2). */
export function securitySchemesOf(body: Record<string, any>): Record<string, any> {
  return { ...(obj(body.securityDefinitions) ?? {}), ...(obj(obj(body.components)?.securitySchemes) ?? {}) };
}

/**
 * Whether a security scheme is an API Gateway authorizer (IAM SigV4, Cognito, Lambda, JWT): it carries
 * `x-amazon-apigateway-authorizer` or an `x-amazon-apigateway-authtype`. A plain API key scheme is not authorization.
 */
function isAuthorizerScheme(scheme: unknown): Verdict {
  const s = obj(scheme);
  if (!s) return typeof scheme === 'string' && hasTokens(scheme) ? undefined : false;
  if (obj(s['x-amazon-apigateway-authorizer'])) return true;
  const t = s['x-amazon-apigateway-authtype'];
  if (typeof t === 'string') return hasTokens(t) ? undefined : /^(awsSigv4|cognito_user_pools|custom|oauth2)$/i.test(t.trim());
  return false;
}

/** Whether an operation requires authorization: its `security` (or the definition's), or `x-amazon-apigateway-auth`. */
export function operationAuthorized(body: Record<string, any>, o: Operation): Verdict {
  const auth = obj(o.op['x-amazon-apigateway-auth'])?.type;
  if (typeof auth === 'string') {
    if (hasTokens(auth)) return undefined;
    if (auth.trim().toUpperCase() === 'AWS_IAM') return true;
    if (auth.trim().toUpperCase() === 'NONE') return false;
  }
  const security = o.op.security !== undefined ? o.op.security : body.security;
  if (typeof security === 'string' && hasTokens(security)) return undefined;
  if (!Array.isArray(security) || security.length === 0) return false;
  const schemes = securitySchemesOf(body);
  let unknown = false;
  // every alternative requirement must name an authorizer (an empty requirement `{}` makes authorization optional)
  for (const req of security) {
    const r = obj(req);
    if (!r) {
      if (typeof req === 'string' && hasTokens(req)) unknown = true;
      else return false;
      continue;
    }
    const verdicts = Object.keys(r).map((name) => isAuthorizerScheme(schemes[name]));
    if (verdicts.includes(true)) continue;
    if (verdicts.includes(undefined)) unknown = true;
    else return false;
  }
  return unknown ? undefined : true;
}

/** Whether an operation is a CORS preflight answered by API Gateway itself (OPTIONS with a mock integration). */
export function isMockPreflight(o: Operation): boolean {
  const t = obj(o.op['x-amazon-apigateway-integration'])?.type;
  return o.method === 'OPTIONS' && typeof t === 'string' && t.trim().toLowerCase() === 'mock';
}

/**
 * Reads one alternative of a `Body`: an object, or a JSON string. `unknown` when its text is not known before
 * deployment (an included file, a macro, an import), a `problem` when it is not a definition at all.
 */
export function readBody(value: unknown): { body?: Record<string, any>; problem?: string; unknown?: boolean } {
  if (obj(value)) return { body: obj(value) };
  if (typeof value === 'string') {
    if (hasTokens(value)) return { problem: `the API definition (Body) is ${display(value)}`, unknown: true };
    try {
      const parsed = JSON.parse(value);
      if (obj(parsed)) return { body: parsed };
    } catch {
      // not JSON
    }
  }
  return { problem: `the API definition (Body) is ${JSON.stringify(display(value)).slice(0, 80)}, not an OpenAPI object` };
}
