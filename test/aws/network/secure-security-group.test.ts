import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { expectDocumentedDefaultsMatchSource, expectInvalid, overridesOf, resourcesOf, synthTemplate } from './doc-defaults';
import { SecureNetworkAcl, SecureSecurityGroup, SecureVpc } from '../../../lib/aws/network';
import { openFindings, synthAndCheck } from '../../util/aws';

const ENV = { env: { account: '123456789012', region: 'eu-west-1' } };
const REASON = 'Public storefront behind the WAF; HTTPS only.';

describe('SecureSecurityGroup', () => {
  test('documented defaults match the source and the output: no egress, path as description, open ingress refused', () => {
    const documented = expectDocumentedDefaultsMatchSource('SecureSecurityGroup', [
      ['lib/aws/network/secure-security-group.ts', 'SecureSecurityGroupProps'],
      ['lib/aws/network/secure-security-group.ts', 'IngressRule', 'allowIngress.'],
    ]);
    const { json } = synthTemplate((stack) => {
      const net = new SecureVpc(stack, 'Net');
      const sg = new SecureSecurityGroup(stack, 'Sg', { vpc: net.vpc });
      sg.allowIngress({ peer: ec2.Peer.ipv4('10.1.0.0/16'), port: ec2.Port.tcp(443), description: 'HTTPS from the office' });
      expect(() => sg.allowIngress({ peer: ec2.Peer.anyIpv4(), port: ec2.Port.tcp(443), description: 'x' })).toThrow(/openToInternetReason/);
    });
    const sg = resourcesOf(json, 'AWS::EC2::SecurityGroup').find(([, r]) => r.Properties.GroupDescription === 'TestStack/Sg')![1];
    const checks: Record<string, () => void> = {
      'description': () => expect(sg.Properties.GroupDescription).toBe('TestStack/Sg'),
      'securityGroupName': () => expect(sg.Properties.GroupName).toBeUndefined(),
      'allowAllOutbound': () => expect(sg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]),
      'allowIngress.openToInternetReason': () => {
        expect(sg.Properties.SecurityGroupIngress).toEqual([expect.objectContaining({ CidrIp: '10.1.0.0/16', FromPort: 443 })]);
        expect(overridesOf(sg)).toEqual([]);
      },
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const c of Object.values(checks)) c();
  });

  test('0.0.0.0/0 and ::/0 with a reason: recorded, our finding suppressed for exactly that permission, packs clean', () => {
    const report = synthAndCheck((stack) => {
      const net = new SecureVpc(stack, 'Net');
      const sg = net.addSecurityGroup('Web');
      sg.allowIngress({ peer: ec2.Peer.anyIpv4(), port: ec2.Port.tcp(443), description: 'HTTPS', openToInternetReason: REASON });
      sg.allowIngress({ peer: ec2.Peer.anyIpv6(), port: ec2.Port.tcp(443), description: 'HTTPS v6', openToInternetReason: REASON });
      sg.allowEgress(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(8443), 'to the targets');
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    const ours = report.findings.filter((f) => f.ruleId === 'aws-network-sg-open-ingress');
    expect(ours.map((f) => `${f.findingId} ${f.status}`).sort()).toEqual(['tcp:443-443:0.0.0.0/0 suppressed', 'tcp:443-443:::/0 suppressed']);
    expect(ours[0].suppression!.reason).toContain(REASON);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['allowIngress 443 from 0.0.0.0/0', 'allowIngress 443 from ::/0']);
  });

  test('a block that holds a large part of the internet (0.0.0.0/1, 128.0.0.0/1, 2000::/3) counts as the internet', () => {
    synthTemplate((stack) => {
      const net = new SecureVpc(stack, 'Net');
      const sg = new SecureSecurityGroup(stack, 'Sg', { vpc: net.vpc });
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.ipv4('0.0.0.0/1'), port: ec2.Port.tcp(22), description: 'ssh', openToInternetReason: REASON }), 'TestStack/Sg', 'allowIngress.port');
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.ipv4('128.0.0.0/1'), port: ec2.Port.tcp(443), description: 'https' }), 'TestStack/Sg', 'allowIngress.openToInternetReason');
      expect(() => sg.allowIngress({ peer: ec2.Peer.ipv6('2000::/3'), port: ec2.Port.tcp(443), description: 'https' })).toThrow(/2\^125 addresses: a large part of the internet/);
      // private and narrow blocks stay as they were
      sg.allowIngress({ peer: ec2.Peer.ipv4('10.0.0.0/8'), port: ec2.Port.tcp(22), description: 'ssh from the private network' });
    });
  });

  test('high-risk ports and all traffic are never opened to the internet; bad rules name the property', () => {
    synthTemplate((stack) => {
      const net = new SecureVpc(stack, 'Net');
      const sg = new SecureSecurityGroup(stack, 'Sg', { vpc: net.vpc });
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.anyIpv4(), port: ec2.Port.tcp(22), description: 'ssh', openToInternetReason: REASON }), 'TestStack/Sg', 'allowIngress.port');
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.anyIpv6(), port: ec2.Port.tcpRange(3000, 3400), description: 'range', openToInternetReason: REASON }), 'TestStack/Sg', 'allowIngress.port');
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.anyIpv4(), port: ec2.Port.allTraffic(), description: 'all', openToInternetReason: REASON }), 'TestStack/Sg', 'allowIngress.port');
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.anyIpv4(), port: ec2.Port.tcp(8443), description: 'x', openToInternetReason: 'short' }), 'TestStack/Sg', 'allowIngress.openToInternetReason');
      expectInvalid(() => sg.allowIngress({ peer: ec2.Peer.ipv4('10.0.0.0/8'), port: ec2.Port.tcp(443), description: ' ' }), 'TestStack/Sg', 'allowIngress.description');
      // a narrow CIDR on a high-risk port is fine
      sg.allowIngress({ peer: ec2.Peer.ipv4('10.0.0.0/16'), port: ec2.Port.tcp(22), description: 'ssh from the VPC' });
    });
    expectInvalid(() => synthTemplate((stack) => {
      new SecureSecurityGroup(stack, 'Sg', { vpc: undefined as any });
    }), 'TestStack/Sg', 'vpc');
  });
});

describe('SecureNetworkAcl', () => {
  test('documented defaults match the source and the output; the NACL is clean in every pack', () => {
    const documented = expectDocumentedDefaultsMatchSource('SecureNetworkAcl', [
      ['lib/aws/network/secure-network-acl.ts', 'SecureNetworkAclProps'],
      ['lib/aws/network/secure-network-acl.ts', 'NetworkAclEntryOptions', 'addEntry.'],
    ]);
    const build = (stack: any) => {
      const net = new SecureVpc(stack, 'Net');
      const acl = new SecureNetworkAcl(stack, 'Acl', { vpc: net.vpc });
      acl.addEntry('Https', { ruleNumber: 100, cidr: '10.0.0.0/16', traffic: ec2.AclTraffic.tcpPort(443) });
    };
    expect(openFindings(synthAndCheck(build, ENV))).toEqual([]);
    const { json } = synthTemplate(build);
    const [[, entry]] = resourcesOf(json, 'AWS::EC2::NetworkAclEntry');
    const checks: Record<string, () => void> = {
      'subnetSelection': () => expect(resourcesOf(json, 'AWS::EC2::SubnetNetworkAclAssociation')).toEqual([]),
      'addEntry.direction': () => expect(entry.Properties.Egress).toBe(false),
      'addEntry.ruleAction': () => expect(entry.Properties.RuleAction).toBe('allow'),
      'addEntry.openToInternetReason': () => expect(overridesOf(entry)).toEqual([]),
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const c of Object.values(checks)) c();
  });

  test('open ingress with a reason is recorded on the entry; SSH/RDP and bad entries are refused', () => {
    const report = synthAndCheck((stack) => {
      const net = new SecureVpc(stack, 'Net');
      const acl = net.addNetworkAcl('Acl', { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
      acl.addEntry('Https', { ruleNumber: 100, cidr: '0.0.0.0/0', traffic: ec2.AclTraffic.tcpPort(443), openToInternetReason: REASON });
      acl.addEntry('DenyAll', { ruleNumber: 200, cidr: '0.0.0.0/0', traffic: ec2.AclTraffic.allTraffic(), ruleAction: ec2.Action.DENY });
      expectInvalid(() => acl.addEntry('Ssh', { ruleNumber: 110, cidr: '0.0.0.0/0', traffic: ec2.AclTraffic.tcpPortRange(20, 25), openToInternetReason: REASON }), 'TestStack/Net/Acl', 'addEntry(Ssh).traffic');
      expectInvalid(() => acl.addEntry('Open', { ruleNumber: 120, cidr: '::/0', traffic: ec2.AclTraffic.tcpPort(443) }), 'TestStack/Net/Acl', 'addEntry(Open).openToInternetReason');
      expectInvalid(() => acl.addEntry('Bad', { ruleNumber: 0, cidr: '10.0.0.0/33', traffic: ec2.AclTraffic.tcpPort(443) }), 'TestStack/Net/Acl', 'addEntry(Bad).ruleNumber', 'addEntry(Bad).cidr');
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    expect(report.findings.find((f) => f.ruleId === 'aws-network-nacl-open-ingress')).toMatchObject({ status: 'suppressed' });
    expect(report.overrides.map((o) => o.reason)).toContain(REASON);
  });
});
