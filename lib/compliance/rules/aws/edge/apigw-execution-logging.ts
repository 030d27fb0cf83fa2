import { apiProtocol } from './apigw-route-authorization';
import { isStageWide, restStages, settingLabel, unknownValue } from './apigw-stages';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

const ON = new Set(['ERROR', 'INFO']);
const level = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : undefined);

/**
 * API Gateway stages write execution logs: REST stages have a stage-wide method setting (`HttpMethod: *`,
 * `ResourcePath: /*`, or the top-level `LoggingLevel` of a Deployment's StageDescription) with LoggingLevel ERROR or
 * INFO (finding `logging-level`), and no method setting turns it OFF (`logging-off:<METHOD> <path>`). WebSocket
 * stages: `DefaultRouteSettings.LoggingLevel` ERROR or INFO and no route setting OFF. HTTP API stages have no
 * execution logs and are not applicable.
 */
export const AWS_EDGE_APIGW_EXECUTION_LOGGING = defineRule({
  id: 'aws-edge-apigw-execution-logging',
  title: 'API Gateway stages write execution logs (ERROR or INFO)',
  description: 'An API Gateway REST or WebSocket stage has execution logging off (LoggingLevel OFF or unset) for all or some methods: errors and '
    + 'authorizer failures leave no record.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-12', 'NIST-800-53-R5:SI-4', 'PCI-DSS-3.2.1:10.2', 'HIPAA:164.312(b)', 'AWS-CT:CT.APIGATEWAY.PR.1'],
  remediation: 'Add a method setting { HttpMethod: "*", ResourcePath: "/*", LoggingLevel: ERROR } (SecureRestApi does; aws-cdk-lib: deployOptions.loggingLevel), '
    + 'WebSocket stages: DefaultRouteSettings.LoggingLevel ERROR.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    if (resource.type === 'AWS::ApiGatewayV2::Stage') {
      let applicable = false;
      for (const a of valuesOf(resource, context).alts([])) {
        const p = obj(a.value) ?? {};
        const protocol = apiProtocol(resource, context, p.ApiId);
        if (protocol === 'HTTP') continue;
        applicable = true;
        const l = obj(p.DefaultRouteSettings)?.LoggingLevel;
        if (unknownValue(l)) {findings.unverified('default', 'logging-level', `DefaultRouteSettings.LoggingLevel is ${display(l)}.`, a);} else if (!ON.has(level(l) ?? '')) {
          if (protocol === 'WEBSOCKET') findings.fail('default', 'logging-level', `DefaultRouteSettings.LoggingLevel is ${l === undefined ? 'not set (OFF)' : display(l)}.`, a);
          else findings.unverified('default', 'logging-level', `DefaultRouteSettings.LoggingLevel is ${l === undefined ? 'not set' : display(l)}, and the API (HTTP or WebSocket) is not in the template.`, a);
        }
        for (const [route, s] of Object.entries(obj(p.RouteSettings) ?? {})) {
          if (level(obj(s)?.LoggingLevel) === 'OFF') findings.fail(`route:${route}`, `logging-off:${route}`, `Route ${route} turns execution logging OFF.`, a);
        }
      }
      return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
    }
    const stages = restStages(resource, context);
    if (stages.length === 0) return NOT_APPLICABLE;
    for (const st of stages) {
      const wide = st.value.methodSettings.filter(isStageWide);
      const levels = wide.map((m) => m.LoggingLevel).filter((l) => l !== undefined);
      if (levels.some(unknownValue)) {findings.unverified('wide', 'logging-level', `the stage-wide LoggingLevel is ${levels.map(display).join(', ')}.`, st);} else if (!levels.some((l) => ON.has(level(l) ?? '')) || levels.some((l) => level(l) === 'OFF')) {
        findings.fail('wide', 'logging-level', `The stage has no stage-wide method setting (* /*) with LoggingLevel ERROR or INFO${levels.length ? ` (it is ${levels.map(display).join(', ')})` : ''}.`, st);
      }
      for (const m of st.value.methodSettings) {
        if (isStageWide(m)) continue;
        if (level(m.LoggingLevel) === 'OFF') findings.fail(`m:${settingLabel(m)}`, `logging-off:${settingLabel(m)}`, `The method setting for ${settingLabel(m)} turns execution logging OFF.`, st);
      }
    }
    return fromFindings(findings.list());
  },
});
