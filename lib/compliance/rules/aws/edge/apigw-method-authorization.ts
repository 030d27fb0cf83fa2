import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { obj, props, str } from '../network/cfn-values';

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
  evaluate: (resource) => {
    const p = props(resource);
    const type = p.AuthorizationType;
    if (type !== undefined && str(type) !== 'NONE') return COMPLIANT;
    const method = str(p.HttpMethod) ?? '?';
    if (method === 'OPTIONS' && str(obj(p.Integration)?.Type) === 'MOCK') return COMPLIANT;
    return nonCompliant({ id: `method:${method}`, message: `${method} method has AuthorizationType ${type === undefined ? 'unset (NONE)' : 'NONE'}.` });
  },
});
