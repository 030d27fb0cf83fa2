import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Lambda function URLs require IAM authorization (`AuthType: AWS_IAM`); `NONE` makes the function callable by anyone. */
export const AWS_EDGE_LAMBDA_URL_AUTHORIZATION = defineRule({
  id: 'aws-edge-lambda-url-authorization',
  title: 'Lambda function URLs require IAM authorization',
  description: 'A Lambda function URL has AuthType NONE: anyone on the internet who knows the URL can invoke the function.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::Lambda::Url'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:IA-2', 'PCI-DSS-3.2.1:7.1', 'PCI-DSS-3.2.1:8.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(d)', 'AWS-CT:CT.LAMBDA.PR.5'],
  remediation: 'Set AuthType to AWS_IAM and grant lambda:InvokeFunctionUrl to the callers; put a public endpoint behind API Gateway or CloudFront with authorization.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('AuthType', valuesOf(resource, context).alts('AuthType'), (t) => {
      if (typeof t === 'string' && hasTokens(t)) return undefined;
      return typeof t === 'string' && t.trim().toUpperCase() === 'AWS_IAM';
    }, {
      id: 'AuthType',
      bad: (t) => `AuthType is ${t === undefined ? 'not set' : JSON.stringify(display(t))}: the function URL can be called without credentials.`,
      unknown: (t) => `AuthType is ${display(t)}.`,
    });
    return fromFindings(findings.list());
  },
});
