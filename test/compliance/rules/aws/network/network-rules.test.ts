import { ids, open, outcomes, run } from './helpers';
import { RULES } from '../../../../../lib/compliance/rules/aws/network';
import { AWS_NETWORK_NACL_OPEN_INGRESS } from '../../../../../lib/compliance/rules/aws/network/nacl-open-ingress';
import { ingressFindingId, isOpenCidrValue } from '../../../../../lib/compliance/rules/aws/network/open-ingress';
import { AWS_NETWORK_SG_OPEN_EGRESS } from '../../../../../lib/compliance/rules/aws/network/sg-open-egress';
import { AWS_NETWORK_SG_OPEN_INGRESS } from '../../../../../lib/compliance/rules/aws/network/sg-open-ingress';
import { AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC } from '../../../../../lib/compliance/rules/aws/network/vpc-flow-logs-all-traffic';

const sg = (ingress: object[], metadata?: object) => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: { GroupDescription: 'x', VpcId: 'vpc-1', SecurityGroupIngress: ingress },
  ...(metadata ? { Metadata: metadata } : {}),
});

describe('aws-network-sg-open-ingress', () => {
  test('compliant: private CIDRs, security group and prefix list sources', () => {
    expect(open(AWS_NETWORK_SG_OPEN_INGRESS, {
      Sg: sg([
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' },
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '2001:db8::/32' },
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'sg-1' },
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
      ]),
      NoIngress: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x' } },
      Standalone: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '192.168.0.0/24' } },
      // GetAtt Vpc.CidrBlock is the VPC's own CidrBlock property (without the VPC in the template it cannot be verified)
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    })).toEqual([]);
  });

  test('non-compliant: inline and standalone ingress from 0.0.0.0/0 and ::/0, one finding per permission', () => {
    const f = open(AWS_NETWORK_SG_OPEN_INGRESS, {
      Sg: sg([
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
        { IpProtocol: '-1', CidrIpv6: '::/0' },
      ]),
      Standalone: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', IpProtocol: '6', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' } },
    });
    expect(ids(f).sort()).toEqual([
      'aws-network-sg-open-ingress[all:*:::/0] Sg',
      'aws-network-sg-open-ingress[tcp:22-22:0.0.0.0/0] Standalone',
      'aws-network-sg-open-ingress[tcp:443-443:0.0.0.0/0] Sg',
    ]);
    expect(f[0].severity).toBe('error');
    expect(f.find((x) => x.resource.logicalId === 'Standalone')!.message).toContain('0.0.0.0/0');
  });

  test('a recorded override suppresses exactly the permission it names, with its reason', () => {
    const findings = run(AWS_NETWORK_SG_OPEN_INGRESS, {
      Sg: sg([
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
        { IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, CidrIp: '0.0.0.0/0' },
      ], {
        'secure-constructs': {
          overrides: [{ property: 'allowIngress 443 from 0.0.0.0/0', reason: 'public HTTPS load balancer' }],
          suppressions: [{ id: 'aws-network-sg-open-ingress[tcp:443-443:0.0.0.0/0]', reason: 'allowIngress 443 from 0.0.0.0/0: public HTTPS load balancer' }],
        },
      }),
    });
    expect(findings.map((f) => `${f.findingId} ${f.status}`).sort()).toEqual(['tcp:443-443:0.0.0.0/0 suppressed', 'tcp:8443-8443:0.0.0.0/0 non-compliant']);
    expect(findings.find((f) => f.status === 'suppressed')!.suppression!.reason).toContain('public HTTPS load balancer');
  });

  test('helpers: open CIDRs and finding ids', () => {
    expect(['0.0.0.0/0', '::/0', ' 0.0.0.0/00 '].every(isOpenCidrValue)).toBe(true);
    expect(['10.0.0.0/8', '11.0.0.0/9', undefined, { Ref: 'X' }].some(isOpenCidrValue)).toBe(false);
    expect(ingressFindingId('6', 80, 81, '0.0.0.0/0')).toBe('tcp:80-81:0.0.0.0/0');
    expect(ingressFindingId(-1, undefined, undefined, '::/0')).toBe('all:*:::/0');
    expect(ingressFindingId('udp', 53, undefined, '0.0.0.0/0')).toBe('udp:53-53:0.0.0.0/0');
  });
});

describe('internet-wide blocks count as open', () => {
  test('halves of the internet, public /8s and wide IPv6 global unicast are open; private, reserved and narrower blocks are not', () => {
    const wide = ['0.0.0.0/1', '128.0.0.0/1', '64.0.0.0/2', '11.0.0.0/8', '8.0.0.0/7', '2000::/3', '::/1', '2001::/16', '2600::/12', ' 128.0.0.0/1 '];
    const narrow = ['10.0.0.0/8', '0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4', '11.0.0.0/9', '100.64.0.0/10', 'fc00::/7', 'fe80::/10', 'ff00::/8',
      '2001:db8::/32', '2001::/17', '4000::/2', '::ffff:0.0.0.0/96', '::/8'];
    expect(wide.filter((c) => !isOpenCidrValue(c))).toEqual([]);
    expect(narrow.filter((c) => isOpenCidrValue(c))).toEqual([]);
  });

  test('0.0.0.0/1 plus 128.0.0.0/1 (the whole internet in two rules) is two findings that say how much they open', () => {
    const f = open(AWS_NETWORK_SG_OPEN_INGRESS, {
      Sg: sg([
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/1' },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '128.0.0.0/1' },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '2000::/3' },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' },
      ]),
      // Fn::Cidr carving the internet into halves: the second half is 128.0.0.0/1
      Carved: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::Select': [1, { 'Fn::Cidr': ['0.0.0.0/0', 2, 31] }] } } },
    });
    expect(ids(f).sort()).toEqual([
      'aws-network-sg-open-ingress[tcp:22-22:0.0.0.0/1] Sg',
      'aws-network-sg-open-ingress[tcp:22-22:128.0.0.0/1] Sg',
      'aws-network-sg-open-ingress[tcp:22-22:2000::/3] Sg',
      'aws-network-sg-open-ingress[tcp:443-443:128.0.0.0/1] Carved',
    ]);
    expect(f.find((x) => x.findingId === 'tcp:22-22:0.0.0.0/1')!.message).toContain('2^31 addresses: a large part of the internet');
    expect(f.find((x) => x.findingId === 'tcp:22-22:2000::/3')!.message).toContain('2^125 addresses');
  });

  test('network ACL entries and all-protocol egress to a wide block are findings too', () => {
    const nacl = open(AWS_NETWORK_NACL_OPEN_INGRESS, {
      Wide: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: 'acl-1', RuleNumber: 100, Protocol: 6, RuleAction: 'allow', PortRange: { From: 443, To: 443 }, CidrBlock: '128.0.0.0/1' } },
    });
    expect(nacl.map((x) => x.findingId)).toEqual(['tcp:443-443:128.0.0.0/1']);
    const egress = open(AWS_NETWORK_SG_OPEN_EGRESS, {
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: 'vpc-1', SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/1' }] } },
    });
    expect(egress.map((x) => x.findingId)).toEqual(['all:*:0.0.0.0/1']);
  });
});

describe('aws-network-nacl-open-ingress', () => {
  const entry = (p: object) => ({ Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: 'acl-1', RuleNumber: 100, Protocol: 6, RuleAction: 'allow', PortRange: { From: 443, To: 443 }, ...p } });
  test('compliant: narrow CIDR; not applicable: egress and deny entries', () => {
    expect(outcomes(AWS_NETWORK_NACL_OPEN_INGRESS, {
      Narrow: entry({ CidrBlock: '10.0.0.0/16' }),
      Egress: entry({ CidrBlock: '0.0.0.0/0', Egress: true }),
      Deny: entry({ CidrBlock: '0.0.0.0/0', RuleAction: 'deny' }),
    })).toEqual({ Narrow: 'compliant', Egress: 'not-applicable', Deny: 'not-applicable' });
  });
  test('non-compliant: allow ingress from 0.0.0.0/0 or ::/0 (warning)', () => {
    const f = open(AWS_NETWORK_NACL_OPEN_INGRESS, { V4: entry({ CidrBlock: '0.0.0.0/0' }), V6: entry({ Ipv6CidrBlock: '::/0', Protocol: -1, PortRange: undefined, Egress: 'false' }) });
    expect(ids(f).sort()).toEqual(['aws-network-nacl-open-ingress[all:*:::/0] V6', 'aws-network-nacl-open-ingress[tcp:443-443:0.0.0.0/0] V4']);
    expect(f[0].severity).toBe('warning');
  });
});

describe('aws-network-vpc-flow-logs-all-traffic', () => {
  const vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } };
  const flow = (traffic: unknown, resourceId: unknown = { Ref: 'Vpc' }, metadata?: object) => ({
    Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: resourceId, TrafficType: traffic, LogDestinationType: 'cloud-watch-logs' }, ...(metadata ? { Metadata: metadata } : {}),
  });
  test('compliant: a flow log of ALL traffic on the VPC', () => {
    expect(open(AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC, { Vpc: vpc, Flow: flow('ALL') })).toEqual([]);
  });
  test('non-compliant: no flow log (on the VPC) or a REJECT-only flow log (on the flow log)', () => {
    expect(ids(open(AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC, { Vpc: vpc, Other: flow('ALL', { Ref: 'OtherVpc' }) })))
      .toEqual(['aws-network-vpc-flow-logs-all-traffic[no-flow-log] Vpc']);
    expect(ids(open(AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC, { Vpc: vpc, Flow: flow('REJECT') })))
      .toEqual(['aws-network-vpc-flow-logs-all-traffic[traffic-type] Flow']);
  });
  test('a subnet flow log does not cover the VPC and is not applicable', () => {
    expect(outcomes(AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC, { Vpc: vpc, Sub: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'Subnet', ResourceId: 'subnet-1', TrafficType: 'ACCEPT' } } }))
      .toEqual({ Vpc: 'non-compliant', Sub: 'not-applicable' });
  });
  test('the recorded flowLogTrafficTypeReason suppresses the traffic-type finding', () => {
    const f = run(AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC, {
      Vpc: vpc,
      Flow: flow('REJECT', { Ref: 'Vpc' }, { 'secure-constructs': { suppressions: [{ id: 'aws-network-vpc-flow-logs-all-traffic', reason: 'flowLogTrafficType: cost, rejected traffic only' }] } }),
    });
    expect(f.map((x) => x.status)).toEqual(['suppressed']);
  });
});

test('every network rule is registered once', () => {
  expect(RULES.map((r) => r.id).sort()).toEqual(['aws-network-default-sg-closed', 'aws-network-nacl-open-ingress', 'aws-network-sg-open-egress', 'aws-network-sg-open-ingress', 'aws-network-sg-rule-description', 'aws-network-sg-wide-ingress', 'aws-network-subnet-no-public-ip', 'aws-network-vpc-flow-logs-all-traffic']);
});
