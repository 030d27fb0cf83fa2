import { COMPLIANT, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, props } from './cfn-values';
import { ingressFindingId, isOpenCidrValue } from './open-ingress';

function openPermissions(entries: unknown[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const e of entries) {
    const p = obj(e);
    if (!p) continue;
    for (const cidr of [p.CidrIp, p.CidrIpv6]) {
      if (!isOpenCidrValue(cidr)) continue;
      const id = ingressFindingId(p.IpProtocol, p.FromPort, p.ToPort, cidr);
      findings.push({ id, message: `Ingress ${id.split(':').slice(0, 2).join(' ')} is open to ${cidr} (the whole internet).` });
    }
  }
  return findings;
}

/**
 * Security groups must not accept ingress from 0.0.0.0/0 or ::/0. Inline `SecurityGroupIngress` of
 * `AWS::EC2::SecurityGroup` and standalone `AWS::EC2::SecurityGroupIngress` are both checked; one finding per open
 * permission, id `<protocol>:<from>-<to>:<cidr>`. SecureSecurityGroup records the reason when such a permission is
 * allowed on purpose, which suppresses exactly that finding.
 */
export const AWS_NETWORK_SG_OPEN_INGRESS = defineRule({
  id: 'aws-network-sg-open-ingress',
  title: 'Security groups do not allow ingress from 0.0.0.0/0 or ::/0',
  description: 'A security group accepts traffic from every address on the internet.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:1.3.1', 'HIPAA:164.312(e)(1)', 'CIS-AWS:5.2', 'CIS-AWS:5.3', 'AWS-CT:CT.EC2.PR.3'],
  remediation: 'Allow only known CIDRs or security groups. If the port must be public (an internet-facing load balancer), use SecureSecurityGroup.allowIngress with openToInternetReason, or suppress aws-network-sg-open-ingress[<finding id>] with the reason.',
  evaluate: (resource) => {
    const p = props(resource);
    if (resource.type === 'AWS::EC2::SecurityGroupIngress') return fromFindings(openPermissions([p]));
    const findings = openPermissions(arr(p.SecurityGroupIngress));
    return findings.length === 0 ? COMPLIANT : fromFindings(findings);
  },
});
