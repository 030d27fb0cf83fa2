import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { props, refOf, str } from './cfn-values';

/** Logical ids of the VPCs that have a flow log, per stack (built once per run). */
function vpcsWithFlowLogs(context: RuleContext): Set<string> {
  return context.memo('aws-network-vpc-flow-logs-all-traffic:vpcs', () => {
    const set = new Set<string>();
    for (const fl of context.ofType('AWS::EC2::FlowLog')) {
      const p = props(fl);
      if (str(p.ResourceType) !== 'VPC') continue;
      const ids = Array.isArray(p.ResourceIds) ? p.ResourceIds : [p.ResourceId];
      for (const v of ids) {
        const id = refOf(v);
        if (id) set.add(`${fl.stack ?? ''}\u0000${id}`);
      }
    }
    return set;
  });
}

/**
 * Every VPC has a flow log, and every VPC flow log records ALL traffic (accepted and rejected). Evaluated on the VPC
 * (finding `no-flow-log`) and on each VPC flow log (finding `traffic-type`), so that a recorded reason on the flow log
 * (SecureVpc `flowLogTrafficTypeReason`) suppresses exactly that finding.
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
    const p = props(resource);
    if (str(p.ResourceType) !== 'VPC') return NOT_APPLICABLE;
    const traffic = p.TrafficType;
    if (traffic === 'ALL') return COMPLIANT;
    return nonCompliant({ id: 'traffic-type', message: `The flow log records TrafficType ${JSON.stringify(traffic ?? null)}, not ALL.` });
  },
});
