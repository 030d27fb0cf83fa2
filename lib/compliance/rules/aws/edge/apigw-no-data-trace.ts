import { COMPLIANT, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, isTrue, obj, props } from '../network/cfn-values';

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
  evaluate: (resource) => {
    const p = props(resource);
    const settings = resource.type === 'AWS::ApiGateway::Stage' ? arr(p.MethodSettings) : [obj(p.StageDescription) ?? {}, ...arr(obj(p.StageDescription)?.MethodSettings)];
    const findings: RuleFinding[] = [];
    for (const s of settings) {
      const o = obj(s);
      if (o && isTrue(o.DataTraceEnabled)) {
        const where = o.HttpMethod !== undefined ? `${o.HttpMethod} ${o.ResourcePath ?? ''}`.trim() : 'stage';
        findings.push({ id: `data-trace:${where}`, message: `DataTraceEnabled is true for ${where}.` });
      }
    }
    return findings.length === 0 ? COMPLIANT : fromFindings(findings);
  },
});
