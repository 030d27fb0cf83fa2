import { operationAuthorized, operationsOf, readBody } from './openapi';
import { Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, referencedResource } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

const AUTHORIZED = new Set(['AWS_IAM', 'JWT', 'CUSTOM']);

/** The protocol of the API a route or stage belongs to: HTTP, WEBSOCKET, or undefined when the API is not in the template. */
export function apiProtocol(resource: Resource, context: RuleContext, apiId: unknown): string | 'unknown' | undefined {
  const id = referencedResource(apiId);
  const api = id ? context.byLogicalId(resource.stack, id) : undefined;
  if (!api || api.type !== 'AWS::ApiGatewayV2::Api') return undefined;
  const protocols = new Set(valuesOf(api, context).alts('ProtocolType').map((a) => (typeof a.value === 'string' && !hasTokens(a.value) ? a.value.trim().toUpperCase() : 'unknown')));
  if (protocols.size === 1) return [...protocols][0];
  return 'unknown';
}

/**
 * HTTP and WebSocket API routes require authorization: `AWS::ApiGatewayV2::Route` with AuthorizationType AWS_IAM,
 * JWT or CUSTOM (NONE or absent is a finding, id `route:<route key>`); for WebSocket APIs only `$connect` can carry
 * authorization, so the other routes are not applicable. Routes defined in the OpenAPI `Body` of an
 * `AWS::ApiGatewayV2::Api` need a security requirement naming an authorizer (`body:<METHOD> <path>`), and the
 * `$default` route of a quick-create API (`Target`) has no authorization (`target`).
 */
export const AWS_EDGE_APIGW_ROUTE_AUTHORIZATION = defineRule({
  id: 'aws-edge-apigw-route-authorization',
  title: 'HTTP and WebSocket API routes require authorization',
  description: 'An API Gateway V2 route (a Route resource, a route of the API definition Body, or the default route of a quick-create API) can be called '
    + 'without credentials.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:IA-2', 'PCI-DSS-3.2.1:7.1', 'PCI-DSS-3.2.1:8.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(d)', 'AWS-CT:CT.APIGATEWAY.PR.5'],
  remediation: 'Set AuthorizationType to AWS_IAM, JWT or CUSTOM (with an AuthorizerId) on every route, or a security requirement on every operation of the '
    + 'definition; suppress a route that must be public with the reason.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::ApiGatewayV2::Api') {
      for (const a of v.alts('Body')) {
        if (a.value === undefined) continue;
        const { body, problem, unknown } = readBody(a.value);
        if (!body) {
          if (unknown) findings.unverified('body', 'body', `${problem}, so the authorization of its routes is not known.`, a);
          else findings.fail('body', 'body', `${problem}.`, a);
          continue;
        }
        for (const o of operationsOf(body)) {
          const id = `body:${o.method} ${o.path}`;
          const verdict = operationAuthorized(body, o);
          if (verdict === false) findings.fail(id, id, `${o.method} ${o.path} in the API definition requires no authorization.`, a);
          else if (verdict === undefined) findings.unverified(id, id, `the authorization of ${o.method} ${o.path} in the API definition is not known before deployment.`, a);
        }
      }
      for (const a of v.alts('BodyS3Location')) {
        if (a.value !== undefined && v.alts('Body').every((b) => b.value === undefined)) findings.unverified('body', 'body', 'the API definition is read from S3 (BodyS3Location) at deploy time, so the authorization of its routes is not known.', a);
      }
      for (const a of v.alts('Target')) {
        if (a.value !== undefined) findings.fail('target', 'target', 'The API is a quick-create API (Target): its $default route requires no authorization.', a);
      }
      return fromFindings(findings.list());
    }
    for (const a of v.alts([])) {
      const p = obj(a.value) ?? {};
      const key = typeof p.RouteKey === 'string' ? display(p.RouteKey) : '?';
      const protocol = apiProtocol(resource, context, p.ApiId);
      // WebSocket APIs authorize on $connect only
      if (protocol === 'WEBSOCKET' && key !== '$connect') continue;
      if ((protocol === undefined || protocol === 'unknown') && (key === '$disconnect' || (key !== '$connect' && key !== '$default' && !key.includes(' ')))) continue;
      const type = p.AuthorizationType;
      const id = `route:${key}`;
      if (typeof type === 'string' && hasTokens(type)) {
        findings.unverified(id, id, `route ${key} has AuthorizationType ${display(type)}.`, a);
        continue;
      }
      const normalized = typeof type === 'string' ? type.trim().toUpperCase() : undefined;
      if (normalized !== undefined && AUTHORIZED.has(normalized)) continue;
      const shown = type === undefined ? 'unset (NONE)' : JSON.stringify(display(type));
      // $default of an API outside the template: a WebSocket $default cannot carry authorization, an HTTP one must
      if ((protocol === undefined || protocol === 'unknown') && key === '$default') findings.unverified(id, id, `route $default has AuthorizationType ${shown}, and its API (HTTP or WebSocket) is not in the template.`, a);
      else findings.fail(id, id, `Route ${key} has AuthorizationType ${shown}.`, a);
    }
    return fromFindings(findings.list());
  },
});
