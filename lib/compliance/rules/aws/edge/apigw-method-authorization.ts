import { isMockPreflight, operationAuthorized, operationsOf, readBody } from './openapi';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/** Authorization types that require credentials (compared case-insensitively, as API Gateway does). */
const AUTHORIZED = new Set(['AWS_IAM', 'COGNITO_USER_POOLS', 'CUSTOM']);

/**
 * Every API Gateway REST method requires authorization (IAM, Cognito, a Lambda authorizer). `AuthorizationType`
 * NONE or absent is a finding, with one exception: OPTIONS methods with a MOCK integration (CORS preflights, which
 * never reach a backend and cannot carry credentials by the CORS specification). SecureRestApi fails synthesis
 * on such methods unless `allowUnauthenticated(method, reason)` recorded why.
 *
 * Methods defined in the OpenAPI `Body` of an `AWS::ApiGateway::RestApi` (as SAM writes them) are checked too: each
 * operation needs a `security` requirement (its own, or the definition's) naming an API Gateway authorizer scheme
 * (`x-amazon-apigateway-authorizer`, `x-amazon-apigateway-authtype` awsSigv4 / cognito_user_pools / custom), or
 * `x-amazon-apigateway-auth` AWS_IAM. An API key alone is not authorization. Finding id `body:<METHOD> <path>`;
 * a definition that cannot be read offline (`BodyS3Location`, an include) cannot be verified (`body`).
 */
export const AWS_EDGE_APIGW_METHOD_AUTHORIZATION = defineRule({
  id: 'aws-edge-apigw-method-authorization',
  title: 'API Gateway methods require authorization',
  description: 'An API Gateway REST method (an AWS::ApiGateway::Method, or an operation of a RestApi definition Body) can be called without credentials (AuthorizationType NONE, no security requirement).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Method', 'AWS::ApiGateway::RestApi'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:IA-2', 'PCI-DSS-3.2.1:7.1', 'PCI-DSS-3.2.1:8.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(d)'],
  remediation: 'Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM. For a method that must be public, use SecureRestApi.allowUnauthenticated(method, reason) or suppress with the reason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    if (resource.type === 'AWS::ApiGateway::RestApi') {
      judgeDefinition(valuesOf(resource, context), findings);
      return fromFindings(findings.list());
    }
    for (const a of valuesOf(resource, context).alts([])) {
      const p = obj(a.value) ?? {};
      const type = p.AuthorizationType;
      const method = typeof p.HttpMethod === 'string' ? display(p.HttpMethod).toUpperCase() : '?';
      if (typeof type === 'string' && hasTokens(type)) {
        findings.unverified('auth', `method:${method}`, `${method} method has AuthorizationType ${display(type)}.`, a);
        continue;
      }
      const normalized = typeof type === 'string' ? type.trim().toUpperCase() : undefined;
      if (normalized !== undefined && AUTHORIZED.has(normalized)) continue;
      if (method === 'OPTIONS' && typeof obj(p.Integration)?.Type === 'string' && obj(p.Integration)!.Type.toUpperCase() === 'MOCK') continue;
      const shown = type === undefined ? 'unset (NONE)' : normalized === 'NONE' ? 'NONE' : `${JSON.stringify(display(type))} (not an authorization type)`;
      findings.fail('auth', `method:${method}`, `${method} method has AuthorizationType ${shown}.`, a);
    }
    return fromFindings(findings.list());
  },
});

/** Judges the operations of a REST API definition (`Body`), or reports that the definition cannot be read. */
function judgeDefinition(v: ReturnType<typeof valuesOf>, findings: Findings): void {
  for (const a of v.alts('Body')) {
    if (a.value === undefined) continue;
    const { body, problem, unknown } = readBody(a.value);
    if (!body) {
      if (unknown) findings.unverified('body', 'body', `${problem}, so the authorization of its methods is not known.`, a);
      else findings.fail('body', 'body', `${problem}.`, a);
      continue;
    }
    for (const o of operationsOf(body)) {
      if (isMockPreflight(o)) continue;
      const id = `body:${o.method} ${o.path}`;
      const verdict = operationAuthorized(body, o);
      if (verdict === false) findings.fail(id, id, `${o.method} ${o.path} in the API definition requires no authorization (no security requirement naming an authorizer).`, a);
      else if (verdict === undefined) findings.unverified(id, id, `the authorization of ${o.method} ${o.path} in the API definition is not known before deployment.`, a);
    }
  }
  for (const a of v.alts('BodyS3Location')) {
    if (a.value !== undefined && v.alts('Body').every((b) => b.value === undefined)) findings.unverified('body', 'body', 'the API definition is read from S3 (BodyS3Location) at deploy time, so the authorization of its methods is not known.', a);
  }
}
