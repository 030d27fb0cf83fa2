import { restStages, unknownValue } from './apigw-stages';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

function hasDestination(setting: unknown): boolean | undefined {
  if (unknownValue(setting)) return undefined;
  const d = obj(setting)?.DestinationArn;
  return d !== undefined && d !== '';
}

/**
 * API Gateway stages write access logs: `AccessLogSetting.DestinationArn` on REST stages (`AWS::ApiGateway::Stage`,
 * the `StageDescription` of a Deployment with a StageName), `AccessLogSettings.DestinationArn` on HTTP and WebSocket
 * stages (`AWS::ApiGatewayV2::Stage`). Finding id `access-logs`.
 */
export const AWS_EDGE_APIGW_ACCESS_LOGS = defineRule({
  id: 'aws-edge-apigw-access-logs',
  title: 'API Gateway stages write access logs',
  description: 'An API Gateway stage (REST, HTTP or WebSocket) has no access log destination: callers, requests and responses leave no record.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-3', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.2', 'PCI-DSS-3.2.1:10.3', 'HIPAA:164.312(b)', 'AWS-CT:CT.APIGATEWAY.PR.4'],
  remediation: 'Set AccessLogSetting (REST) / AccessLogSettings (HTTP, WebSocket) with a log group DestinationArn and a Format (SecureRestApi writes JSON access logs).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    if (resource.type === 'AWS::ApiGatewayV2::Stage') {
      findings.check('logs', valuesOf(resource, context).alts('AccessLogSettings'), hasDestination, {
        id: 'access-logs', bad: () => 'The stage has no AccessLogSettings.DestinationArn.', unknown: () => 'AccessLogSettings is not known before deployment.',
      });
      return fromFindings(findings.list());
    }
    const stages = restStages(resource, context);
    if (stages.length === 0) return NOT_APPLICABLE;
    findings.check('logs', stages.map((s) => ({ value: s.value.props.AccessLogSetting, via: s.via })), hasDestination, {
      id: 'access-logs', bad: () => 'The stage has no AccessLogSetting.DestinationArn.', unknown: () => 'AccessLogSetting is not known before deployment.',
    });
    return fromFindings(findings.list());
  },
});
