import { ingressFindingId, isOpenCidrValue } from './open-ingress';
import { internetReach } from '../../../../core/cidr';
import { Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { hasTokens } from '../../../values/cfn-resolve';
import { Findings, Item, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/** Judges the possible values of ingress entries: every alternative of every entry, open CIDRs first. */
export function judgeIngress(items: readonly Item[], findings: Findings, label: (i: Item) => string): void {
  for (const item of items) {
    const subject = label(item);
    for (const alt of item.alts) {
      const e = obj(alt.value);
      if (!e) {
        if (typeof alt.value === 'string') findings.unverified(subject, `${subject}:unknown`, `${subject} is not known before deployment.`, alt);
        continue;
      }
      for (const cidr of [e.CidrIp, e.CidrIpv6]) {
        if (cidr === undefined) continue;
        const id = ingressFindingId(e.IpProtocol, e.FromPort, e.ToPort, String(cidr));
        const what = id.split(':').slice(0, 2).join(' ');
        if (typeof cidr === 'string' && hasTokens(cidr)) findings.unverified(subject, id, `the CIDR of ingress ${what} is ${id.split(':').slice(2).join(':')}, not known before deployment.`, alt);
        else if (isOpenCidrValue(cidr)) findings.fail(subject, id, `Ingress ${what} is open to ${String(cidr).trim()} (${internetReach(cidr)}).`, alt);
      }
    }
  }
}

/**
 * Security groups must not accept ingress from 0.0.0.0/0 or ::/0, nor from a block that holds a large part of the
 * internet (`0.0.0.0/1`, a public `/8` or wider, an IPv6 `/16` or wider in global unicast). Inline `SecurityGroupIngress` of
 * `AWS::EC2::SecurityGroup` and standalone `AWS::EC2::SecurityGroupIngress` are both checked, with every possible
 * value (parameters, conditions, mappings, literals written as intrinsics); one finding per open permission, id
 * `<protocol>:<from>-<to>:<cidr>`. A CIDR that is unknown before deployment is a "cannot verify" finding.
 * SecureSecurityGroup records the reason when such a permission is allowed on purpose, which suppresses exactly that
 * finding.
 */
export const AWS_NETWORK_SG_OPEN_INGRESS = defineRule({
  id: 'aws-network-sg-open-ingress',
  title: 'Security groups do not allow ingress from 0.0.0.0/0 or ::/0',
  description: 'A security group accepts traffic from every address on the internet, or from a block that holds a large part of it (0.0.0.0/1, a public /8 or wider, an IPv6 /16 or wider in global unicast).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:1.3.1', 'HIPAA:164.312(e)(1)', 'CIS-AWS:5.2', 'CIS-AWS:5.3', 'AWS-CT:CT.EC2.PR.3'],
  remediation: 'Allow only known CIDRs or security groups. If the port must be public (an internet-facing load balancer), use SecureSecurityGroup.allowIngress with openToInternetReason, or suppress aws-network-sg-open-ingress[<finding id>] with the reason.',
  evaluate: (resource: Resource, context: RuleContext) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::EC2::SecurityGroupIngress') judgeIngress([{ index: 0, alts: v.alts([]), optional: false }], findings, () => 'ingress');
    else judgeIngress(v.items('SecurityGroupIngress'), findings, (i) => `SecurityGroupIngress[${i.index}]`);
    return fromFindings(findings.list());
  },
});
