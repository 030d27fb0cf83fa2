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
 */
export const AWS_EDGE_APIGW_METHOD_AUTHORIZATION = defineRule({
  id: 'aws-edge-apigw-method-authorization',
  title: 'API Gateway methods require authorization',
  description: 'An API Gateway method can be called without credentials (AuthorizationType NONE).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Method'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:IA-2', 'PCI-DSS-3.2.1:7.1', 'PCI-DSS-3.2.1:8.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(d)'],
  remediation: 'Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM. For a method that must be public, use SecureRestApi.allowUnauthenticated(method, reason) or suppress with the reason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
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
