import { ingressFindingId, isOpenCidrValue, protocolName } from './open-ingress';
import { internetReach } from '../../../../core/cidr';
import { Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, Item, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';
import { indexByRef, referencing } from '../iam/policy-document';
import { certainlyCreated } from '../shared/refs';

/** Judges egress entries: all protocols to 0.0.0.0/0 or ::/0 is a finding (`all:*:<cidr>`); an unknown CIDR cannot be verified. */
function judgeEgress(items: readonly Item[], findings: Findings, label: (i: Item) => string): void {
  for (const item of items) {
    const subject = label(item);
    for (const alt of item.alts) {
      const e = obj(alt.value);
      if (!e) {
        if (typeof alt.value === 'string') findings.unverified(subject, `${subject}:unknown`, `${subject} is not known before deployment.`, alt);
        continue;
      }
      const protocol = protocolName(e.IpProtocol);
      const protocolUnknown = typeof e.IpProtocol === 'string' && hasTokens(e.IpProtocol);
      if (protocol !== 'all' && !protocolUnknown) continue;
      for (const cidr of [e.CidrIp, e.CidrIpv6]) {
        if (cidr === undefined) continue;
        const id = ingressFindingId(e.IpProtocol, e.FromPort, e.ToPort, String(cidr));
        if ((typeof cidr === 'string' && hasTokens(cidr)) || (protocolUnknown && isOpenCidrValue(cidr))) {
          findings.unverified(subject, id, `egress ${protocolUnknown ? `with protocol ${display(e.IpProtocol)}` : 'on all protocols'} to ${display(cidr)}: not known before deployment.`, alt);
        } else if (isOpenCidrValue(cidr)) {
          findings.fail(subject, id, `Egress on all protocols and ports is open to ${String(cidr).trim()} (${internetReach(cidr)}).`, alt);
        }
      }
    }
  }
}

/** Whether some standalone AWS::EC2::SecurityGroupEgress of the run adds a rule to the group (CloudFormation then drops the default rule). */
function hasStandaloneEgress(resource: Resource, context: RuleContext): boolean {
  return referencing(indexByRef(context, 'AWS::EC2::SecurityGroupEgress', 'GroupId'), resource).some(certainlyCreated);
}

/**
 * Security groups do not allow egress on all protocols to 0.0.0.0/0 or ::/0: inline `SecurityGroupEgress`,
 * standalone `AWS::EC2::SecurityGroupEgress`, and the rule EC2 adds to a group created without any egress rule
 * (finding `default-egress`; aws-cdk-lib writes an explicit rule for `allowAllOutbound: false`). One finding per
 * open rule, id `all:*:<cidr>`.
 */
export const AWS_NETWORK_SG_OPEN_EGRESS = defineRule({
  id: 'aws-network-sg-open-egress',
  title: 'Security groups do not allow all egress to the internet',
  description: 'A security group allows outbound traffic on all protocols and ports to 0.0.0.0/0 or ::/0, written out or as the rule EC2 adds when a group '
    + 'has no egress rule: a compromised workload can reach (and exfiltrate to) anything.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:SC-7(5)', 'NIST-800-53-R5:AC-4', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:1.3.4', 'HIPAA:164.312(e)(1)'],
  remediation: 'Allow egress only to the destinations and ports the workload needs (SecureSecurityGroup allows none by default; aws-cdk-lib: allowAllOutbound: false '
    + 'and addEgressRule), or suppress with the reason the group must reach everything.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::EC2::SecurityGroupEgress') {
      judgeEgress([{ index: 0, alts: v.alts([]), optional: false }], findings, () => 'egress');
      return fromFindings(findings.list());
    }
    const lists = v.lists('SecurityGroupEgress');
    if (!hasStandaloneEgress(resource, context)) {
      for (const l of lists) {
        if (l.value.some((i) => !i.optional)) continue;
        const how = l.value.length === 0 ? 'has no egress rule' : 'may have no egress rule (its entries are conditional)';
        findings.fail('default', 'default-egress', `The security group ${how}: EC2 then adds one that allows all outbound traffic to 0.0.0.0/0 and ::/0.`, { value: undefined, via: l.via });
      }
    }
    judgeEgress(v.items('SecurityGroupEgress'), findings, (i) => `SecurityGroupEgress[${i.index}]`);
    return fromFindings(findings.list());
  },
});
