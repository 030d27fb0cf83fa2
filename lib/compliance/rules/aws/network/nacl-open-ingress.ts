import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { isTrue, props, str } from './cfn-values';
import { isOpenCidrValue, protocolName } from './open-ingress';

/**
 * Network ACL entries must not ALLOW ingress from 0.0.0.0/0 or ::/0. Egress and DENY entries are not applicable.
 * SecureNetworkAcl refuses such entries unless given a reason, which it records (suppressing this rule on the entry).
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
  evaluate: (resource) => {
    const p = props(resource);
    if (isTrue(p.Egress)) return NOT_APPLICABLE;
    if (str(p.RuleAction)?.toLowerCase() !== 'allow') return NOT_APPLICABLE;
    const cidr = [p.CidrBlock, p.Ipv6CidrBlock].find(isOpenCidrValue);
    if (!cidr) return COMPLIANT;
    const proto = protocolName(p.Protocol);
    const range = p.PortRange && typeof p.PortRange === 'object' ? `${p.PortRange.From}-${p.PortRange.To}` : '*';
    return nonCompliant({ id: `${proto}:${range}:${cidr}`, message: `Rule ${p.RuleNumber} allows ${proto} ${range} from ${cidr} (the whole internet).` });
  },
});
