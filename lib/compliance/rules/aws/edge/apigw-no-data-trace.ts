import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Alt, display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

/**
 * API Gateway stages do not log full request and response data (`DataTraceEnabled`), which writes bodies, headers
 * and tokens into CloudWatch Logs. Checked on `AWS::ApiGateway::Stage` method settings and on the inline stage of
 * `AWS::ApiGateway::Deployment`.
 */
export const AWS_EDGE_APIGW_NO_DATA_TRACE = defineRule({
  id: 'aws-edge-apigw-no-data-trace',
  title: 'API Gateway stages do not log request and response data',
  description: 'Data tracing is on: full requests and responses (including credentials and personal data) are written to the execution logs.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
  controls: ['NIST-800-53-R5:SI-11', 'NIST-800-53-R5:AU-9', 'PCI-DSS-3.2.1:3.4', 'HIPAA:164.312(a)(1)'],
  remediation: 'Set DataTraceEnabled to false in every method setting (SecureRestApi never turns it on); use access logs and ERROR/INFO execution logs instead.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    const settings: Alt[] = resource.type === 'AWS::ApiGateway::Stage'
      ? v.items('MethodSettings').flatMap((i) => i.alts)
      : [...v.alts('StageDescription'), ...v.items('StageDescription.MethodSettings').flatMap((i) => i.alts)];
    for (const a of settings) {
      const o = obj(a.value);
      if (!o) continue;
      const where = o.HttpMethod !== undefined ? `${display(o.HttpMethod)} ${o.ResourcePath !== undefined ? display(o.ResourcePath) : ''}`.trim() : 'stage';
      if (isTrue(o.DataTraceEnabled)) findings.fail(where, `data-trace:${where}`, `DataTraceEnabled is true for ${where}.`, a);
      else if (typeof o.DataTraceEnabled === 'string' && hasTokens(o.DataTraceEnabled)) findings.unverified(where, `data-trace:${where}`, `DataTraceEnabled is ${display(o.DataTraceEnabled)} for ${where}.`, a);
    }
    return fromFindings(findings.list());
  },
});
