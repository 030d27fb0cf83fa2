import { operationsOf, readBody } from './openapi';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, referencedResource } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

/**
 * API Gateway REST methods validate requests before they reach the integration: every `AWS::ApiGateway::Method`
 * (except OPTIONS preflights) has a `RequestValidatorId`, and a validator of the template that it names validates the
 * body or the parameters (`no-validator` / `validates-nothing`). Operations of a RestApi definition (`Body`) name a
 * validator (`x-amazon-apigateway-request-validator`, on the operation or the definition) that
 * `x-amazon-apigateway-request-validators` defines with validateRequestBody or validateRequestParameters
 * (`body:<METHOD> <path>`).
 */
export const AWS_EDGE_APIGW_REQUEST_VALIDATION = defineRule({
  id: 'aws-edge-apigw-request-validation',
  title: 'API Gateway methods validate requests',
  description: 'An API Gateway REST method has no request validator (or one that validates neither body nor parameters): malformed input reaches the backend.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Method', 'AWS::ApiGateway::RestApi'],
  controls: ['NIST-800-53-R5:SI-10', 'PCI-DSS-3.2.1:6.5.1', 'HIPAA:164.312(c)(1)'],
  remediation: 'Set RequestValidatorId to an AWS::ApiGateway::RequestValidator with ValidateRequestBody / ValidateRequestParameters true (SecureRestApi sets one on '
    + 'every method); in a definition, x-amazon-apigateway-request-validator.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::ApiGateway::RestApi') {
      let applicable = false;
      for (const a of v.alts('Body')) {
        if (a.value === undefined) continue;
        applicable = true;
        const { body, problem, unknown } = readBody(a.value);
        if (!body) {
          if (unknown) findings.unverified('body', 'body', `${problem}, so its request validation is not known.`, a);
          continue; // an unreadable definition is reported by aws-edge-apigw-method-authorization
        }
        const validators = obj(body['x-amazon-apigateway-request-validators']) ?? {};
        for (const o of operationsOf(body)) {
          if (o.method === 'OPTIONS') continue;
          const id = `body:${o.method} ${o.path}`;
          const name = o.op['x-amazon-apigateway-request-validator'] ?? body['x-amazon-apigateway-request-validator'];
          if (typeof name === 'string' && hasTokens(name)) {
            findings.unverified(id, id, `the request validator of ${o.method} ${o.path} is ${display(name)}.`, a);
            continue;
          }
          const def = typeof name === 'string' ? obj(validators[name]) : undefined;
          if (!def) findings.fail(id, id, `${o.method} ${o.path} in the API definition has no request validator${typeof name === 'string' ? ` (${name} is not defined)` : ''}.`, a);
          else if (!isTrue(def.validateRequestBody) && !isTrue(def.validateRequestParameters)) findings.fail(id, id, `The request validator ${name} of ${o.method} ${o.path} validates neither body nor parameters.`, a);
        }
      }
      return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
    }
    let applicable = false;
    for (const a of v.alts([])) {
      const p = obj(a.value) ?? {};
      if (typeof p.HttpMethod === 'string' && p.HttpMethod.trim().toUpperCase() === 'OPTIONS') continue;
      applicable = true;
      const id = p.RequestValidatorId;
      if (id === undefined || id === '') {
        findings.fail('validator', 'no-validator', `The ${display(p.HttpMethod)} method has no RequestValidatorId.`, a);
        continue;
      }
      const target = referencedResource(id);
      const validator = target ? context.byLogicalId(resource.stack, target) : undefined;
      if (validator?.type === 'AWS::ApiGateway::RequestValidator') {
        for (const va of valuesOf(validator, context).alts([])) {
          const vp = obj(va.value) ?? {};
          if ([vp.ValidateRequestBody, vp.ValidateRequestParameters].some((x) => typeof x === 'string' && hasTokens(x))) findings.unverified('validator', 'validates-nothing', `what the request validator ${target} validates is not known before deployment.`, { value: va.value, via: [...a.via, ...va.via] });
          else if (!isTrue(vp.ValidateRequestBody) && !isTrue(vp.ValidateRequestParameters)) findings.fail('validator', 'validates-nothing', `The request validator ${target} validates neither body nor parameters.`, { value: va.value, via: [...a.via, ...va.via] });
        }
      } else if (typeof id === 'string' && hasTokens(id) && !target) {
        findings.unverified('validator', 'no-validator', `RequestValidatorId is ${display(id)}.`, a);
      }
    }
    return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
  },
});
