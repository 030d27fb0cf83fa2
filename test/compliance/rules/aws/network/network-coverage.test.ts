import { App, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { AWS_NETWORK_DEFAULT_SG_CLOSED } from '../../../../../lib/compliance/rules/aws/network/default-sg-closed';
import { AWS_NETWORK_SG_OPEN_EGRESS } from '../../../../../lib/compliance/rules/aws/network/sg-open-egress';
import { AWS_NETWORK_SG_RULE_DESCRIPTION } from '../../../../../lib/compliance/rules/aws/network/sg-rule-description';
import { AWS_NETWORK_SG_WIDE_INGRESS } from '../../../../../lib/compliance/rules/aws/network/sg-wide-ingress';
import { AWS_NETWORK_SUBNET_NO_PUBLIC_IP } from '../../../../../lib/compliance/rules/aws/network/subnet-no-public-ip';
import { Res, findingIds, outcomesOf } from '../template';

const sg = (props: Record<string, unknown>): Res => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app', VpcId: 'vpc-1', ...props } });
const DISALLOW = { CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86, Description: 'Disallow all traffic' };

function synth(build: (s: Stack) => void): Record<string, Res> {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(s);
  const { Template } = require('aws-cdk-lib/assertions');
  return Template.fromStack(s).toJSON().Resources;
}

describe('aws-network-sg-open-egress', () => {
  test('compliant: narrow egress, the aws-cdk-lib "disallow all" rule, a group whose egress is standalone, open egress on one port', () => {
    expect(findingIds(AWS_NETWORK_SG_OPEN_EGRESS, {
      Narrow: sg({ SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8', Description: 'https' }] }),
      Cdk: sg({ SecurityGroupEgress: [DISALLOW] }),
      Web: sg({ SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] }),
      Standalone: sg({}),
      StandaloneRule: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: { 'Fn::GetAtt': ['Standalone', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: 'sg-db' } },
    })).toEqual([]);
  });

  test('non-compliant: all protocols to 0.0.0.0/0 or ::/0 (inline, standalone, -1 / "all" / number), no egress rule at all, a conditional one', () => {
    expect(findingIds(AWS_NETWORK_SG_OPEN_EGRESS, {
      Conditions: { Locked: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        Open: sg({ SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, { IpProtocol: 'all', CidrIpv6: '::/0' }] }),
        Default: sg({}),
        Empty: sg({ SecurityGroupEgress: [] }),
        Maybe: sg({ SecurityGroupEgress: [{ 'Fn::If': ['Locked', DISALLOW, { Ref: 'AWS::NoValue' }] }] }),
        Rule: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: 'sg-1', IpProtocol: -1, CidrIp: { 'Fn::Sub': '0.0.0.0/0' } } },
      },
    })).toEqual([
      'aws-network-sg-open-egress[all:*:0.0.0.0/0] Open',
      'aws-network-sg-open-egress[all:*:::/0] Open',
      'aws-network-sg-open-egress[default-egress] Default',
      'aws-network-sg-open-egress[default-egress] Empty',
      'aws-network-sg-open-egress[default-egress] Maybe',
      'aws-network-sg-open-egress[all:*:0.0.0.0/0] Rule',
    ]);
  });

  test('a destination from a parameter: the default is judged; an unconstrained one cannot be verified', () => {
    expect(findingIds(AWS_NETWORK_SG_OPEN_EGRESS, {
      Parameters: { Dest: { Type: 'String', Default: '0.0.0.0/0' }, Any: { Type: 'String' } },
      Resources: {
        Param: sg({ SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: { Ref: 'Dest' } }] }),
        Unknown: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: 'sg-1', IpProtocol: '-1', CidrIp: { Ref: 'Any' } } },
      },
    })).toEqual(['aws-network-sg-open-egress[all:*:0.0.0.0/0] Param', 'aws-network-sg-open-egress[all:*:<parameter Any (any value given at deploy time)>] Unknown (unverified)']);
  });

  test('aws-cdk-lib: allowAllOutbound true is reported, false is not', () => {
    const resources = synth((s) => {
      const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new ec2.SecurityGroup(s, 'Open', { vpc, allowAllOutbound: true });
      new ec2.SecurityGroup(s, 'Closed', { vpc, allowAllOutbound: false });
    });
    expect(findingIds(AWS_NETWORK_SG_OPEN_EGRESS, resources).map((x) => x.replace(/[0-9A-F]{8}$/, ''))).toEqual(['aws-network-sg-open-egress[all:*:0.0.0.0/0] Open']);
  });
});

describe('aws-network-sg-wide-ingress', () => {
  test('compliant: single ports and ranges up to 1024 ports, ICMP, other protocols', () => {
    expect(findingIds(AWS_NETWORK_SG_WIDE_INGRESS, {
      Ok: sg({
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' },
          { IpProtocol: 'udp', FromPort: 5000, ToPort: 6023, SourceSecurityGroupId: 'sg-1' },
          { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '10.0.0.0/16' },
          { IpProtocol: '50', CidrIp: '10.0.0.0/16' },
        ],
      }),
    })).toEqual([]);
  });

  test('non-compliant: all protocols from any source, 0-65535, ranges above 1024 ports, standalone, through a parameter', () => {
    expect(findingIds(AWS_NETWORK_SG_WIDE_INGRESS, {
      Parameters: { To: { Type: 'Number', Default: 65535 } },
      Resources: {
        Wide: sg({
          SecurityGroupIngress: [
            { IpProtocol: '-1', SourceSecurityGroupId: 'sg-peer' },
            { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: '10.0.0.0/8' },
            { IpProtocol: 6, FromPort: 1024, ToPort: 2048, CidrIp: '10.0.0.0/8' },
          ],
        }),
        Standalone: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', IpProtocol: 'udp', FromPort: 1, ToPort: { Ref: 'To' }, CidrIp: '10.1.0.0/16' } },
      },
    })).toEqual([
      'aws-network-sg-wide-ingress[all:*:sg-peer] Wide',
      'aws-network-sg-wide-ingress[tcp:0-65535:10.0.0.0/8] Wide',
      'aws-network-sg-wide-ingress[tcp:1024-2048:10.0.0.0/8] Wide',
      'aws-network-sg-wide-ingress[udp:1-65535:10.1.0.0/16] Standalone',
    ]);
  });
});

describe('aws-network-subnet-no-public-ip', () => {
  test('MapPublicIpOnLaunch true (also as a string, a parameter default) is reported; false or absent is not', () => {
    expect(findingIds(AWS_NETWORK_SUBNET_NO_PUBLIC_IP, {
      Parameters: { Public: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] } },
      Resources: {
        Off: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: false } },
        Absent: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24' } },
        On: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24', MapPublicIpOnLaunch: 'True' } },
        Param: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.3.0/24', MapPublicIpOnLaunch: { Ref: 'Public' } } },
      },
    })).toEqual(['aws-network-subnet-no-public-ip[MapPublicIpOnLaunch] On', 'aws-network-subnet-no-public-ip[MapPublicIpOnLaunch] Param']);
  });
});

describe('aws-network-default-sg-closed', () => {
  test('a raw VPC keeps its default group open; one handed to a custom resource is closed; rules added to a default group are reported', () => {
    expect(findingIds(AWS_NETWORK_DEFAULT_SG_CLOSED, {
      Open: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Closed: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
      Restrict: { Type: 'Custom::VpcRestrictDefaultSG', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', DefaultSecurityGroupId: { 'Fn::GetAtt': ['Closed', 'DefaultSecurityGroup'] } } },
      AddToDefault: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Closed', 'DefaultSecurityGroup'] }, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' } },
      Normal: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' } },
    })).toEqual(['aws-network-default-sg-closed[default-sg-open] Open', 'aws-network-default-sg-closed[default-sg-rule] AddToDefault']);
  });

  test('a closing custom resource that may not be created does not count; nor does a standalone egress rule replacing the default', () => {
    expect(findingIds([AWS_NETWORK_DEFAULT_SG_CLOSED, AWS_NETWORK_SG_OPEN_EGRESS], {
      Conditions: { Maybe: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Restrict: { Type: 'Custom::VpcRestrictDefaultSG', Condition: 'Maybe', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', DefaultSecurityGroupId: { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] } } },
        Sg: sg({}),
        Egress: { Type: 'AWS::EC2::SecurityGroupEgress', Condition: 'Maybe', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' } },
      },
    })).toEqual(['aws-network-default-sg-closed[default-sg-open] Vpc', 'aws-network-sg-open-egress[default-egress] Sg']);
  });

  test('aws-cdk-lib: restrictDefaultSecurityGroup true passes, false is reported', () => {
    const resources = synth((s) => {
      new ec2.Vpc(s, 'Restricted', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: true, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new ec2.Vpc(s, 'Plain', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    });
    const out = outcomesOf(AWS_NETWORK_DEFAULT_SG_CLOSED, resources);
    expect(Object.entries(out).filter(([k]) => resources[k].Type === 'AWS::EC2::VPC').map(([k, v]) => `${k.replace(/[0-9A-F]{8}$/, '')} ${v}`).sort()).toEqual(['Plain non-compliant', 'Restricted compliant']);
  });
});

describe('aws-network-sg-rule-description', () => {
  test('rules and groups without descriptions are reported, inline and standalone', () => {
    expect(findingIds(AWS_NETWORK_SG_RULE_DESCRIPTION, {
      Good: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8', Description: 'https from the VPC' }], SecurityGroupEgress: [DISALLOW] }),
      Bad: sg({ GroupDescription: ' ', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }], SecurityGroupEgress: [{ ...DISALLOW, Description: '' }] }),
      Rule: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' } },
      RuleOk: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8', Description: 'ssh to bastion' } },
    })).toEqual([
      'aws-network-sg-rule-description[GroupDescription] Bad',
      'aws-network-sg-rule-description[SecurityGroupIngress[0]] Bad',
      'aws-network-sg-rule-description[SecurityGroupEgress[0]] Bad',
      'aws-network-sg-rule-description[Description] Rule',
    ]);
  });
});
