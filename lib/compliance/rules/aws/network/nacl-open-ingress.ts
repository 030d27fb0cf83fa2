import { isOpenCidrValue, protocolName } from './open-ingress';
import { internetReach } from '../../../../core/cidr';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

/**
 * Network ACL entries must not ALLOW ingress from 0.0.0.0/0 or ::/0, with every possible value of the entry.
 * Entries that are certainly egress or DENY are not applicable. SecureNetworkAcl refuses such entries unless given a
 * reason, which it records (suppressing this rule on the entry).
 */
export const AWS_NETWORK_NACL_OPEN_INGRESS = defineRule({
  id: 'aws-network-nacl-open-ingress',
  title: 'Network ACL entries do not allow ingress from 0.0.0.0/0 or ::/0',
  description: 'A network ACL entry allows inbound traffic from every address on the internet.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::EC2::NetworkAclEntry'],
  controls: ['NIST-800-53-R5:SC-7', 'PCI-DSS-3.2.1:1.2.1', 'CIS-AWS:5.1', 'AWS-CT:CT.EC2.PR.5'],
  remediation: 'Narrow the CIDR of the entry to the networks that need access, or use SecureNetworkAcl.addEntry with openToInternetReason to record why it must be open.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    let applicable = false;
    for (const alt of valuesOf(resource, context).alts([])) {
      const p = obj(alt.value) ?? {};
      if (isTrue(p.Egress)) continue;
      const action = typeof p.RuleAction === 'string' ? p.RuleAction.trim().toLowerCase() : undefined;
      if (action === 'deny') continue;
      applicable = true;
      const proto = protocolName(p.Protocol);
      const range = obj(p.PortRange) ? `${display(p.PortRange.From)}-${display(p.PortRange.To)}` : '*';
      for (const cidr of [p.CidrBlock, p.Ipv6CidrBlock]) {
        if (cidr === undefined) continue;
        if (typeof cidr === 'string' && hasTokens(cidr)) {
          findings.unverified('entry', `${proto}:${range}:${display(cidr)}`, `the CIDR of rule ${display(p.RuleNumber)} is ${display(cidr)}, not known before deployment.`, alt);
        } else if (isOpenCidrValue(cidr)) {
          findings.fail('entry', `${proto}:${range}:${cidr.trim()}`, `Rule ${display(p.RuleNumber)} allows ${proto} ${range} from ${cidr.trim()} (${internetReach(cidr)}).`, alt);
        }
      }
      if (action === undefined) findings.unverified('entry', 'RuleAction', `RuleAction is ${display(p.RuleAction)}.`, alt);
    }
    return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
  },
});
