import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, fromFindings, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, referencedResource } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList } from '../../../values/json';

/** Logical ids of the VPCs that certainly have a flow log, per stack (built once per run). */
function vpcsWithFlowLogs(context: RuleContext): Set<string> {
  return context.memo('aws-network-vpc-flow-logs-all-traffic:vpcs', () => {
    const set = new Set<string>();
    for (const fl of context.ofType('AWS::EC2::FlowLog')) {
      const v = valuesOf(fl, context);
      if (!v.alts('ResourceType').every((a) => a.value === 'VPC')) continue;
      // a VPC counts when every alternative of the flow log names it
      const perAlt = [...v.alts('ResourceIds'), ...v.alts('ResourceId')].filter((a) => a.value !== undefined)
        .map((a) => new Set(asList(a.value).map(referencedResource).filter((x): x is string => !!x)));
      if (perAlt.length === 0) continue;
      for (const id of perAlt[0]) if (perAlt.every((s) => s.has(id))) set.add(`${fl.stack ?? ''}\u0000${id}`);
    }
    return set;
  });
}

/**
 * Every VPC has a flow log, and every VPC flow log records ALL traffic (accepted and rejected), in every possible
 * value of its properties. Evaluated on the VPC (finding `no-flow-log`) and on each VPC flow log (finding
 * `traffic-type`), so that a recorded reason on the flow log (SecureVpc `flowLogTrafficTypeReason`) suppresses
 * exactly that finding.
 */
export const AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC = defineRule({
  id: 'aws-network-vpc-flow-logs-all-traffic',
  title: 'VPCs have flow logs that record ALL traffic',
  description: 'A VPC has no flow log, or its flow log records only accepted or only rejected traffic.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::FlowLog'],
  controls: ['NIST-800-53-R5:AU-12', 'NIST-800-53-R5:SI-4', 'PCI-DSS-3.2.1:10.1', 'PCI-DSS-3.2.1:10.3', 'HIPAA:164.312(b)', 'CIS-AWS:3.9'],
  remediation: 'Add an AWS::EC2::FlowLog for the VPC with TrafficType ALL (SecureVpc does), or record why less is enough with SecureVpc flowLogTrafficTypeReason.',
  evaluate: (resource: Resource, context: RuleContext) => {
    if (resource.type === 'AWS::EC2::VPC') {
      return vpcsWithFlowLogs(context).has(`${resource.stack ?? ''}\u0000${resource.logicalId}`)
        ? COMPLIANT
        : nonCompliant({ id: 'no-flow-log', message: 'The VPC has no flow log in this template.' });
    }
    const v = valuesOf(resource, context);
    if (!v.alts('ResourceType').some((a) => a.value === 'VPC' || (typeof a.value === 'string' && hasTokens(a.value)))) return NOT_APPLICABLE;
    const findings = new Findings();
    findings.check('TrafficType', v.alts('TrafficType'), (t) => (t === 'ALL' ? true : typeof t === 'string' && hasTokens(t) ? undefined : false), {
      id: 'traffic-type',
      bad: (t) => `The flow log records TrafficType ${t === undefined ? 'null' : JSON.stringify(display(t))}, not ALL.`,
      unknown: (t) => `TrafficType is ${display(t)}.`,
    });
    return fromFindings(findings.list());
  },
});
