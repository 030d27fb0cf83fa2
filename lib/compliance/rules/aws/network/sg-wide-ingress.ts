import { ingressFindingId, protocolName } from './open-ingress';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, Item, valuesOf } from '../../../values/cfn-values';
import { num, obj } from '../../../values/json';

/** Widest TCP/UDP port range an ingress rule may open (ports counted inclusively). */
export const MAX_INGRESS_PORTS = 1024;

const SOURCES = ['CidrIp', 'CidrIpv6', 'SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourcePrefixListId'];

function judge(items: readonly Item[], findings: Findings, label: (i: Item) => string): void {
  for (const item of items) {
    const subject = label(item);
    for (const alt of item.alts) {
      const e = obj(alt.value);
      if (!e) {
        if (typeof alt.value === 'string') findings.unverified(subject, `${subject}:unknown`, `${subject} is not known before deployment.`, alt);
        continue;
      }
      const sourceKey = SOURCES.find((k) => e[k] !== undefined);
      const source = sourceKey ? String(display(e[sourceKey])) : '(no source)';
      const id = ingressFindingId(e.IpProtocol, e.FromPort, e.ToPort, source);
      if (typeof e.IpProtocol === 'string' && hasTokens(e.IpProtocol)) {
        findings.unverified(subject, id, `the protocol of ingress from ${source} is ${display(e.IpProtocol)}, not known before deployment.`, alt);
        continue;
      }
      const protocol = protocolName(e.IpProtocol);
      if (protocol === 'all') {
        findings.fail(subject, id, `Ingress from ${source} allows all protocols and ports.`, alt);
        continue;
      }
      if (protocol !== 'tcp' && protocol !== 'udp') continue;
      const from = num(e.FromPort);
      const to = num(e.ToPort);
      if ([e.FromPort, e.ToPort].some((p) => typeof p === 'string' && hasTokens(p))) {
        findings.unverified(subject, id, `the ports of ${protocol} ingress from ${source} (${display(e.FromPort)}-${display(e.ToPort)}) are not known before deployment.`, alt);
        continue;
      }
      const width = from === undefined || to === undefined || from < 0 || to < 0 ? 65536 : to - from + 1;
      if (width > MAX_INGRESS_PORTS) findings.fail(subject, id, `Ingress from ${source} opens ${protocol} ${from ?? '?'}-${to ?? '?'} (${width} ports, more than ${MAX_INGRESS_PORTS}).`, alt);
    }
  }
}

/**
 * Security group ingress is narrow: no rule on all protocols (`-1`) and no TCP/UDP range wider than 1024 ports,
 * whatever the source (a CIDR, a security group, a prefix list). Inline `SecurityGroupIngress` and standalone
 * `AWS::EC2::SecurityGroupIngress`; one finding per rule, id `<protocol>:<from>-<to>:<source>`.
 */
export const AWS_NETWORK_SG_WIDE_INGRESS = defineRule({
  id: 'aws-network-sg-wide-ingress',
  title: 'Security group ingress names protocols and narrow port ranges',
  description: 'A security group ingress rule allows all protocols, or a TCP/UDP port range wider than 1024 ports: services nobody meant to expose are reachable.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4', 'NIST-800-53-R5:CM-7', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:1.3.1', 'HIPAA:164.312(e)(1)'],
  remediation: 'Allow the protocol and the port (or small range) the service listens on, e.g. tcp 443; suppress with the reason when a wide range is needed.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type === 'AWS::EC2::SecurityGroupIngress') judge([{ index: 0, alts: v.alts([]), optional: false }], findings, () => 'ingress');
    else judge(v.items('SecurityGroupIngress'), findings, (i) => `SecurityGroupIngress[${i.index}]`);
    return fromFindings(findings.list());
  },
});
