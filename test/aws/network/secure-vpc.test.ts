import { App, Stack, aws_ec2 as ec2, aws_logs as logs } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { expectDocumentedDefaultsMatchSource, expectInvalid, overridesOf, resourcesOf, synthTemplate } from './doc-defaults';
import { EncryptionKey } from '../../../lib/aws/kms';
import { GatewayEndpoint, InterfaceEndpoint, SecureVpc, SubnetLayout } from '../../../lib/aws/network';
import { openFindings, synthAndCheck } from '../../util/aws';

const ENV = { env: { account: '123456789012', region: 'eu-west-1' } };

describe('SecureVpc defaults', () => {
  test('no options: zero unsuppressed findings from our pack and the four cdk-nag packs', () => {
    const report = synthAndCheck((stack) => {
      new SecureVpc(stack, 'Net');
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides).toEqual([]);
  });

  test('also clean in an environment-agnostic stack', () => {
    expect(openFindings(synthAndCheck((stack) => {
      new SecureVpc(stack, 'Net');
    }))).toEqual([]);
  });

  test('every documented @default matches the source and the synthesized output', () => {
    const documented = expectDocumentedDefaultsMatchSource('SecureVpc', [
      ['lib/aws/network/secure-vpc.ts', 'SecureVpcProps'],
      ['lib/aws/network/secure-vpc.ts', 'SecurityGroupOptions'],
    ]);
    const { template, json } = synthTemplate((stack) => {
      const net = new SecureVpc(stack, 'Net');
      net.addSecurityGroup('Sg');
    });
    const [[vpcId]] = resourcesOf(json, 'AWS::EC2::VPC');
    const [[logGroupId, logGroup]] = resourcesOf(json, 'AWS::Logs::LogGroup');
    const [[, flowLog]] = resourcesOf(json, 'AWS::EC2::FlowLog');
    const subnets = resourcesOf(json, 'AWS::EC2::Subnet');
    const checks: Record<string, () => void> = {
      cidr: () => template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true }),
      maxAzs: () => expect(subnets).toHaveLength(2),
      subnetLayout: () => {
        template.resourceCountIs('AWS::EC2::InternetGateway', 0);
        template.resourceCountIs('AWS::EC2::Route', 0);
        for (const [, s] of subnets) expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
        expect(subnets.every(([, s]) => s.Properties.Tags.some((t: any) => t.Key === 'aws-cdk:subnet-type' && t.Value === 'Isolated'))).toBe(true);
      },
      internetAccessReason: () => expect(Object.values<any>(json.Resources).flatMap(overridesOf)).toEqual([]),
      natGateways: () => template.resourceCountIs('AWS::EC2::NatGateway', 0),
      flowLogTrafficType: () => expect(flowLog.Properties).toMatchObject({ TrafficType: 'ALL', ResourceType: 'VPC', ResourceId: { Ref: vpcId }, MaxAggregationInterval: 60 }),
      flowLogTrafficTypeReason: () => expect(overridesOf(flowLog)).toEqual([]),
      flowLogRetention: () => expect(logGroup.Properties.RetentionInDays).toBe(365),
      flowLogRetentionReason: () => expect(overridesOf(logGroup)).toEqual([]),
      flowLogEncryptionKey: () => {
        const [[keyId, key]] = resourcesOf(json, 'AWS::KMS::Key');
        expect(key.Properties.EnableKeyRotation).toBe(true);
        expect(key.DeletionPolicy).toBe('Retain');
        expect(logGroup.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      },
      flowLogGroup: () => {
        expect(logGroup.DeletionPolicy).toBe('Retain');
        expect(flowLog.Properties.LogGroupName).toEqual({ Ref: logGroupId });
        expect(flowLog.Properties.LogDestinationType).toBe('cloud-watch-logs');
      },
      gatewayEndpoints: () => {
        const gws = resourcesOf(json, 'AWS::EC2::VPCEndpoint');
        expect(gws.map(([, e]) => e.Properties.VpcEndpointType ?? 'Gateway')).toEqual(['Gateway', 'Gateway']);
        expect(JSON.stringify(gws.map(([, e]) => e.Properties.ServiceName))).toMatch(/s3.*dynamodb/);
      },
      interfaceEndpoints: () => expect(resourcesOf(json, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Interface')).toEqual([]),
      description: () => template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'TestStack/Net/Sg' }),
      allowAllOutbound: () => template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: 'TestStack/Net/Sg',
        SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
      }),
    };
    expect(Object.keys(checks).sort()).toEqual([...documented.keys()].sort());
    for (const check of Object.values(checks)) check();
  });

  test('the default security group is stripped by the aws-cdk-lib custom resource', () => {
    const { template } = synthTemplate((stack) => {
      new SecureVpc(stack, 'Net');
    });
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('the flow log role is assumable by VPC Flow Logs of this account only and may only write to its log group', () => {
    const { template, json } = synthTemplate((stack) => {
      new SecureVpc(stack, 'Net');
    });
    const [[logGroupId]] = resourcesOf(json, 'AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
        })],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }] },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('SecureVpc options', () => {
  test('interface endpoints: private DNS, HTTPS from the VPC CIDR only, still clean', () => {
    const report = synthAndCheck((stack) => {
      new SecureVpc(stack, 'Net', { interfaceEndpoints: Object.values(InterfaceEndpoint), gatewayEndpoints: [GatewayEndpoint.S3] });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    const { template, json } = synthTemplate((stack) => {
      new SecureVpc(stack, 'Net', { interfaceEndpoints: [InterfaceEndpoint.KMS, InterfaceEndpoint.ECR_DOCKER] });
    });
    const interfaces = resourcesOf(json, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Interface');
    expect(interfaces).toHaveLength(2);
    for (const [, e] of interfaces) expect(e.Properties.PrivateDnsEnabled).toBe(true);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints of TestStack/Net: HTTPS from the VPC only',
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the VPC' }],
    });
  });

  test('PRIVATE_WITH_EGRESS: the reason is recorded on each internet-gateway route and accepts the NIST/HIPAA/PCI finding', () => {
    const reason = 'Tasks call a payment provider API without PrivateLink.';
    const report = synthAndCheck((stack) => {
      new SecureVpc(stack, 'Net', { subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS, natGateways: 1, internetAccessReason: reason });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    const routes = report.overrides.filter((o) => o.property === 'subnetLayout');
    expect(routes).toHaveLength(2);
    expect(routes[0].reason).toBe(reason);
    const { template, json } = synthTemplate((stack) => {
      new SecureVpc(stack, 'Net', { subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS, natGateways: 1, internetAccessReason: reason });
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    for (const [, s] of resourcesOf(json, 'AWS::EC2::Subnet')) expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
  });

  test('less than ALL traffic: recorded on the flow log, our rule finding is suppressed with the reason', () => {
    const report = synthAndCheck((stack) => {
      new SecureVpc(stack, 'Net', { flowLogTrafficType: ec2.FlowLogTrafficType.REJECT, flowLogTrafficTypeReason: 'Accepted flows are sampled by the NDR appliance.' });
    }, ENV);
    expect(openFindings(report)).toEqual([]);
    const f = report.findings.find((x) => x.ruleId === 'aws-network-vpc-flow-logs-all-traffic');
    expect(f).toMatchObject({ status: 'suppressed', findingId: 'traffic-type' });
    expect(f!.suppression!.reason).toContain('NDR appliance');
  });

  test('shorter retention is recorded through SecureLogGroup; a given key and log group are used', () => {
    const { json } = synthTemplate((stack) => {
      new SecureVpc(stack, 'Net', { flowLogRetention: logs.RetentionDays.THREE_MONTHS, flowLogRetentionReason: 'Flow logs are exported to the SIEM daily.' });
    });
    const [[, lg]] = resourcesOf(json, 'AWS::Logs::LogGroup');
    expect(lg.Properties.RetentionInDays).toBe(90);
    expect(overridesOf(lg)[0].reason).toContain('SIEM');

    const given = synthTemplate((stack) => {
      const key = new EncryptionKey(stack, 'SharedKey');
      const vpc = new SecureVpc(stack, 'Net', { flowLogEncryptionKey: key });
      expect(vpc.flowLogEncryptionKey).toBe(key);
    });
    expect(resourcesOf(given.json, 'AWS::KMS::Key')).toHaveLength(1);
    const external = synthTemplate((stack) => {
      const group = new logs.LogGroup(stack, 'Existing');
      const vpc = new SecureVpc(stack, 'Net', { flowLogGroup: group });
      expect(vpc.flowLogGroup).toBe(group);
      expect(vpc.flowLogEncryptionKey).toBeUndefined();
    });
    expect(resourcesOf(external.json, 'AWS::Logs::LogGroup')).toHaveLength(1);
  });
});

describe('SecureVpc bad input', () => {
  const build = (props: object) => () => synthTemplate((stack) => {
    new SecureVpc(stack, 'Net', props);
  });

  test('all problems in one error, naming the construct path and each property', () => {
    const e = expectInvalid(build({ cidr: '10.0.0.0/8', maxAzs: 0, subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS, flowLogTrafficType: ec2.FlowLogTrafficType.ACCEPT }),
      'TestStack/Net', 'cidr', 'maxAzs', 'internetAccessReason', 'flowLogTrafficTypeReason');
    expect(e.problems).toHaveLength(4);
  });

  test('conflicting options', () => {
    expectInvalid(build({ natGateways: 2 }), 'TestStack/Net', 'natGateways');
    expectInvalid(build({ internetAccessReason: 'not needed but given anyway' }), 'TestStack/Net', 'internetAccessReason');
    expectInvalid(() => synthTemplate((stack) => {
      new SecureVpc(stack, 'Net', { flowLogGroup: new logs.LogGroup(stack, 'G'), flowLogEncryptionKey: new EncryptionKey(stack, 'K'), flowLogRetention: logs.RetentionDays.ONE_YEAR });
    }), 'TestStack/Net', 'flowLogEncryptionKey', 'flowLogRetention');
    expectInvalid(build({ subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS, internetAccessReason: 'needed for a partner API', natGateways: 0 }), 'TestStack/Net', 'natGateways');
  });

  test('weakening without a (long enough) reason, never-allowed values, duplicates', () => {
    expectInvalid(build({ flowLogRetention: logs.RetentionDays.ONE_WEEK }), 'TestStack/Net', 'flowLogRetentionReason');
    expectInvalid(build({ flowLogRetention: logs.RetentionDays.ONE_WEEK, flowLogRetentionReason: 'short' }), 'TestStack/Net', 'flowLogRetentionReason');
    expectInvalid(build({ flowLogRetention: logs.RetentionDays.INFINITE }), 'TestStack/Net', 'flowLogRetention');
    expectInvalid(build({ gatewayEndpoints: [GatewayEndpoint.S3, GatewayEndpoint.S3] }), 'TestStack/Net', 'gatewayEndpoints[1]');
    expectInvalid(build({ interfaceEndpoints: ['SQS'] }), 'TestStack/Net', 'interfaceEndpoints[0]');
    expectInvalid(build({ cidr: 'not-a-cidr' }), 'TestStack/Net', 'cidr');
  });
});

describe('SecureVpc in a stack with an explicit account and region', () => {
  // what README "Using the library in your project" documents: `cdk synth` answers this lookup from credentials or
  // from cdk.context.json (aws-cdk-lib's Vpc asks for the region's zones even when they are listed explicitly)
  test('asks for the availability-zones context under the key the README names', () => {
    const app = new App();
    const stack = new Stack(app, 'Looked', { env: { account: '123456789012', region: 'eu-west-1' } });
    new SecureVpc(stack, 'Net');
    expect((app.synth().manifest.missing ?? []).map((m) => m.key)).toEqual(['availability-zones:account=123456789012:region=eu-west-1']);
  });

  test('with that context given, it synthesizes without a lookup and uses those zones', () => {
    const app = new App({ context: { 'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } });
    const stack = new Stack(app, 'Zoned', { env: { account: '123456789012', region: 'eu-west-1' } });
    new SecureVpc(stack, 'Net');
    const assembly = app.synth();
    expect(assembly.manifest.missing ?? []).toEqual([]);
    const zones = resourcesOf(assembly.getStackByName('Zoned').template, 'AWS::EC2::Subnet').map(([, r]) => r.Properties.AvailabilityZone);
    expect([...new Set(zones)].sort()).toEqual(['eu-west-1a', 'eu-west-1b']);
  });
});
