import { Template } from 'aws-cdk-lib/assertions';
import { cluster } from './helpers';
import { documentedDefaults, sourcesDefaults } from '../../util/doc-defaults';

const { stack, cluster: c } = cluster();
const t = Template.fromStack(stack);
const of = (type: string): any[] => Object.values<any>(t.findResources(type));
const [cl] = of('AWS::EKS::Cluster');
const [ng] = of('AWS::EKS::Nodegroup');
const [lt] = of('AWS::EC2::LaunchTemplate');
const noOverrides = () => expect(cl.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  'vpcSubnets': () => {
    const isolated = Object.keys(t.findResources('AWS::EC2::Subnet')).filter((id) => /Isolated/.test(id)).sort();
    expect(cl.Properties.ResourcesVpcConfig.SubnetIds.map((x: any) => x.Ref).sort()).toEqual(isolated);
    expect(ng.Properties.Subnets.map((x: any) => x.Ref).sort()).toEqual(isolated);
  },
  'clusterName': () => {
    expect(cl.Properties.Name).toBe(c.clusterName);
    expect(c.clusterName).toMatch(/^S-Cluster-[0-9A-F]{8}$/);
  },
  'version': () => expect(cl.Properties.Version).toBe('1.37'),
  'versionReason': noOverrides,
  'secretsEncryptionKey': () => {
    const [keyId] = Object.keys(t.findResources('AWS::KMS::Key')).filter((id) => id.startsWith('ClusterKey'));
    expect(cl.Properties.EncryptionConfig).toEqual([{ Provider: { KeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] } }, Resources: ['secrets'] }]);
  },
  'publicEndpoint': () => expect(cl.Properties.ResourcesVpcConfig).toMatchObject({ EndpointPublicAccess: false, EndpointPrivateAccess: true }),
  'logRetention': () => expect(of('AWS::Logs::LogGroup').find((g) => String(g.Properties.LogGroupName).startsWith('/aws/eks/')).Properties.RetentionInDays).toBe(365),
  'logRetentionReason': () => expect(of('AWS::Logs::LogGroup').every((g) => g.Metadata?.['secure-constructs'] === undefined)).toBe(true),
  'adminRoleArns': () => {
    t.resourceCountIs('AWS::EKS::AccessEntry', 0);
    expect(cl.Properties.AccessConfig).toEqual({ AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false });
  },
  'nodes': () => t.resourceCountIs('AWS::EKS::Nodegroup', 1),
  'nodes.instanceTypes': () => expect(ng.Properties.InstanceTypes).toEqual(['m6i.large']),
  'nodes.minSize': () => expect(ng.Properties.ScalingConfig.MinSize).toBe(2),
  'nodes.maxSize': () => expect(ng.Properties.ScalingConfig.MaxSize).toBe(4),
  'nodes.desiredSize': () => expect(ng.Properties.ScalingConfig.DesiredSize).toBe(2),
  'nodes.diskSizeGiB': () => expect(lt.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeSize).toBe(50),
  'nodes.amiType': () => expect(ng.Properties.AmiType).toBe('AL2023_x86_64_STANDARD'),
  'kubectlLayer': () => {
    expect(of('AWS::Lambda::Function')).toHaveLength(1); // only SecureVpc's restrict-default-SG handler
    t.resourceCountIs('AWS::EKS::AccessEntry', 0);
  },
};

describe('SecureCluster documented defaults (docs/aws-eks.md)', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    const documented = documentedDefaults('aws-eks.md', 'SecureCluster', '### Defaults');
    const source = sourcesDefaults([['lib/aws/eks/secure-cluster.ts', 'SecureClusterProps'], ['lib/aws/eks/secure-cluster.ts', 'SecureNodeGroupOptions', 'nodes.']]);
    expect([...documented.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [k, v] of source) expect(`${k}: ${documented.get(k)}`).toBe(`${k}: ${v}`);
    expect(Object.keys(CHECKS).sort()).toEqual([...documented.keys()].sort());
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
  test('always on: every log type, the Pod Identity Agent, IMDSv2 with hop limit 1', () => {
    expect(cl.Properties.Logging.ClusterLogging.EnabledTypes.map((x: any) => x.Type)).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    t.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'eks-pod-identity-agent' });
    expect(lt.Properties.LaunchTemplateData.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
  });
});
