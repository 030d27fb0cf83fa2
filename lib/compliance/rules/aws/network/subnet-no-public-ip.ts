import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/** Subnets do not give instances public IPv4 addresses automatically (`MapPublicIpOnLaunch`). */
export const AWS_NETWORK_SUBNET_NO_PUBLIC_IP = defineRule({
  id: 'aws-network-subnet-no-public-ip',
  title: 'Subnets do not assign public IP addresses on launch',
  description: 'A subnet has MapPublicIpOnLaunch true: every instance and network interface launched in it gets a public IPv4 address.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EC2::Subnet'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4', 'NIST-800-53-R5:AC-21', 'PCI-DSS-3.2.1:1.3.1', 'PCI-DSS-3.2.1:1.3.4', 'HIPAA:164.312(e)(1)', 'AWS-CT:CT.EC2.PR.11'],
  remediation: 'Set MapPublicIpOnLaunch false (SecureVpc does for every subnet) and put internet-facing endpoints behind a load balancer or NAT.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('MapPublicIpOnLaunch', valuesOf(resource, context).alts('MapPublicIpOnLaunch'), (x) => (isTrue(x) ? false : typeof x === 'string' && hasTokens(x) ? undefined : true), {
      id: 'MapPublicIpOnLaunch',
      bad: () => 'MapPublicIpOnLaunch is true: instances launched here get public IPv4 addresses.',
      unknown: (x) => `MapPublicIpOnLaunch is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
