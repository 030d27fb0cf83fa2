import { RULES } from '../../../../../lib/compliance/rules/aws/eks';
import { AWS_EKS_ACCESS_ENTRIES } from '../../../../../lib/compliance/rules/aws/eks/access-entries';
import { AWS_EKS_CONTROL_PLANE_LOGGING } from '../../../../../lib/compliance/rules/aws/eks/control-plane-logging';
import { AWS_EKS_ENDPOINT_ACCESS } from '../../../../../lib/compliance/rules/aws/eks/endpoint-access';
import { AWS_EKS_KUBERNETES_VERSION } from '../../../../../lib/compliance/rules/aws/eks/kubernetes-version';
import { AWS_EKS_NODEGROUP_IMDSV2 } from '../../../../../lib/compliance/rules/aws/eks/nodegroup-imdsv2';
import { AWS_EKS_SECRETS_ENCRYPTION } from '../../../../../lib/compliance/rules/aws/eks/secrets-encryption';
import { cluster } from '../../../../aws/eks/helpers';
import { Res, open, run, synthResources } from '../iam/helpers';

const LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((Type) => ({ Type }));
const eksCluster = (props: Record<string, unknown> = {}): Res => ({
  Type: 'AWS::EKS::Cluster',
  Properties: {
    Version: '1.37',
    RoleArn: 'arn:aws:iam::123456789012:role/eks',
    EncryptionConfig: [{ Resources: ['secrets'], Provider: { KeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] } } }],
    ResourcesVpcConfig: { EndpointPublicAccess: false, EndpointPrivateAccess: true, SubnetIds: ['subnet-1'] },
    Logging: { ClusterLogging: { EnabledTypes: LOGS } },
    AccessConfig: { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false },
    ...props,
  },
});
const lt = (metadata: Record<string, unknown> = { HttpTokens: 'required', HttpPutResponseHopLimit: 1 }): Res => ({ Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateName: 'nodes', LaunchTemplateData: { MetadataOptions: metadata } } });
const ng = (props: Record<string, unknown> = {}): Res => ({
  Type: 'AWS::EKS::Nodegroup',
  Properties: { ClusterName: 'c', NodeRole: 'arn:aws:iam::123456789012:role/n', Subnets: ['subnet-1'], LaunchTemplate: { Id: { Ref: 'Lt' } }, ...props },
});

test('SecureCluster passes every EKS rule', () => {
  expect(open(RULES, synthResources((s) => {
    cluster({}, s);
  }))).toEqual([]);
});

describe('aws-eks-secrets-encryption', () => {
  test('compliant: secrets with a key; non-compliant: none, other resources, no key', () => {
    expect(open(AWS_EKS_SECRETS_ENCRYPTION, {
      Ok: eksCluster(),
      None: eksCluster({ EncryptionConfig: undefined }),
      Other: eksCluster({ EncryptionConfig: [{ Resources: ['configmaps'], Provider: { KeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/x' } }] }),
      NoKey: eksCluster({ EncryptionConfig: [{ Resources: ['secrets'], Provider: {} }] }),
    })).toEqual(['aws-eks-secrets-encryption[] None', 'aws-eks-secrets-encryption[] Other', 'aws-eks-secrets-encryption[] NoKey']);
  });
});

describe('aws-eks-endpoint-access', () => {
  test('compliant: private only; non-compliant: unset (EKS defaults to public), open, restricted public, private off, a parameter', () => {
    expect(open(AWS_EKS_ENDPOINT_ACCESS, {
      Ok: eksCluster(),
      Unset: eksCluster({ ResourcesVpcConfig: { SubnetIds: ['subnet-1'] } }),
      Open: eksCluster({ ResourcesVpcConfig: { EndpointPublicAccess: true, EndpointPrivateAccess: true, PublicAccessCidrs: ['0.0.0.0/0'] } }),
      Office: eksCluster({ ResourcesVpcConfig: { EndpointPublicAccess: 'true', EndpointPrivateAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] } }),
      NoPrivate: eksCluster({ ResourcesVpcConfig: { EndpointPublicAccess: false, EndpointPrivateAccess: false } }),
      If: eksCluster({ ResourcesVpcConfig: { EndpointPublicAccess: { 'Fn::If': ['Lab', true, false] }, EndpointPrivateAccess: true } }),
    })).toEqual([
      'aws-eks-endpoint-access[public-open] Unset', 'aws-eks-endpoint-access[private-disabled] Unset',
      'aws-eks-endpoint-access[public-open] Open',
      'aws-eks-endpoint-access[public] Office',
      'aws-eks-endpoint-access[private-disabled] NoPrivate',
      'aws-eks-endpoint-access[public-open] If',
    ]);
  });
});

describe('aws-eks-control-plane-logging', () => {
  test('compliant: all five; non-compliant: one finding per missing type', () => {
    expect(open(AWS_EKS_CONTROL_PLANE_LOGGING, {
      Ok: eksCluster(),
      Some: eksCluster({ Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }, { Type: 'authenticator' }] } } }),
    })).toEqual(['aws-eks-control-plane-logging[log:controllerManager] Some', 'aws-eks-control-plane-logging[log:scheduler] Some']);
  });
});

describe('aws-eks-access-entries', () => {
  test('compliant: API without creator admin; non-compliant: ConfigMap modes, unset, creator admin (warning)', () => {
    const findings = run(AWS_EKS_ACCESS_ENTRIES, {
      Ok: eksCluster(),
      Both: eksCluster({ AccessConfig: { AuthenticationMode: 'API_AND_CONFIG_MAP', BootstrapClusterCreatorAdminPermissions: false } }),
      Unset: eksCluster({ AccessConfig: undefined }),
    }).filter((f) => f.status === 'non-compliant').map((f) => `${f.findingId} ${f.resource.logicalId} ${f.severity}`);
    expect(findings).toEqual(['authentication-mode Both error', 'authentication-mode Unset error', 'creator-admin Unset warning']);
  });
});

describe('aws-eks-kubernetes-version', () => {
  test('compliant: current or unset; non-compliant: older, not a version', () => {
    expect(open(AWS_EKS_KUBERNETES_VERSION, {
      Ok: eksCluster(), Newer: eksCluster({ Version: '1.40' }), Unset: eksCluster({ Version: undefined }),
      Old: eksCluster({ Version: '1.29' }), Junk: eksCluster({ Version: 'latest' }),
    })).toEqual(['aws-eks-kubernetes-version[] Old', 'aws-eks-kubernetes-version[] Junk']);
  });
});

describe('aws-eks-nodegroup-imdsv2', () => {
  test('compliant: a launch template with IMDSv2 and hop limit 1 (by reference or by name)', () => {
    expect(open(AWS_EKS_NODEGROUP_IMDSV2, { Lt: lt(), Ng: ng(), ByName: ng({ LaunchTemplate: { Name: 'nodes' } }) })).toEqual([]);
  });

  test('non-compliant: IMDSv1 allowed, hop limit 2, SSH; cannot verify: no or an unknown launch template', () => {
    expect(open(AWS_EKS_NODEGROUP_IMDSV2, { Lt: lt({ HttpTokens: 'optional', HttpPutResponseHopLimit: 2 }), Ng: ng({ RemoteAccess: { Ec2SshKey: 'ops' } }) }))
      .toEqual(['aws-eks-nodegroup-imdsv2[remote-access] Ng', 'aws-eks-nodegroup-imdsv2[imdsv2] Ng', 'aws-eks-nodegroup-imdsv2[hop-limit] Ng']);
    const unverified = run(AWS_EKS_NODEGROUP_IMDSV2, { None: ng({ LaunchTemplate: undefined }), Imported: ng({ LaunchTemplate: { Id: 'lt-0123456789abcdef0' } }) })
      .map((f) => `${f.findingId} ${f.resource.logicalId} ${f.unverified === true}`);
    expect(unverified).toEqual(['imdsv2 None true', 'imdsv2 Imported true']);
  });
});
