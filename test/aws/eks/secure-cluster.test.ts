import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_ec2 as ec2, aws_eks_v2 as eks, aws_logs as logs } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Chart, Testing } from 'cdk8s';
import { ENV, cluster, layer, synthBothAndCheck } from './helpers';
import { SecureCluster } from '../../../lib/aws/eks';
import { WorkloadIdentity } from '../../../lib/aws/identity';
import { AwsCompliance } from '../../../lib/compliance/aws-checks';
import { WorkloadIdentityMode } from '../../../lib/core/cross-plane';
import { HardenedDeployment, HealthProbe, SecureNamespace } from '../../../lib/k8s';
import { openFindings, synthAndCheck } from '../../util/aws';
import { expectInvalid, overridesOf } from '../network/doc-defaults';

const IMAGE = `registry.example.com/shop/web@sha256:${'1'.repeat(64)}`;

function webChart(chart: Chart): void {
  new SecureNamespace(chart, 'Shop', { name: 'shop' });
  new HardenedDeployment(chart, 'Web', {
    name: 'web', namespaceName: 'shop',
    containers: [{ name: 'web', image: IMAGE, ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: HealthProbe.httpGet('/healthz', 8080), readinessProbe: HealthProbe.httpGet('/ready', 8080) }],
  });
}

function resources(s: Stack, type: string): [string, any][] {
  return Object.entries<any>(Template.fromStack(s).findResources(type));
}

describe('SecureCluster', () => {
  test('with defaults passes our pack and the four cdk-nag packs', () => {
    expect(openFindings(synthAndCheck((s) => {
      cluster({}, s);
    }, { env: ENV }))).toEqual([]);
  });

  test('a plain aws-eks-v2 cluster fails our EKS rules (the check above can fail)', () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const open = openFindings(synthAndCheck((s) => {
      new eks.Cluster(s, 'Plain', { version: eks.KubernetesVersion.V1_33, vpc: new ec2.Vpc(s, 'V') });
    }, { env: ENV })).map((f) => f.split(' ')[1]);
    quiet.mockRestore();
    for (const id of ['aws-eks-secrets-encryption', 'aws-eks-endpoint-access[public-open]', 'aws-eks-control-plane-logging[log:audit]',
      'aws-eks-access-entries[creator-admin]', 'aws-eks-kubernetes-version', 'aws-iam-role-trust-conditions[service:eks.amazonaws.com]']) expect(open).toContain(id);
  });

  test('control-plane logs go to a KMS-encrypted log group created before the cluster', () => {
    const { stack } = cluster({ clusterName: 'platform' });
    const [lgId, lg] = resources(stack, 'AWS::Logs::LogGroup').find(([, r]) => r.Properties.LogGroupName === '/aws/eks/platform/cluster')!;
    const [keyId] = resources(stack, 'AWS::KMS::Key').find(([id]) => id.startsWith('ClusterKey'))!;
    expect(lg.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const [, c] = resources(stack, 'AWS::EKS::Cluster')[0];
    expect(c.DependsOn).toEqual(expect.arrayContaining([lgId]));
    expect(c.Properties.Logging.ClusterLogging.EnabledTypes.map((t: any) => t.Type)).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
  });

  test('the cluster role is trusted by EKS for this cluster only; the key policy allows EKS grants through EKS', () => {
    const { stack } = cluster({ clusterName: 'platform' });
    const [, role] = resources(stack, 'AWS::IAM::Role').find(([id]) => id.startsWith('ClusterClusterRole'))!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:eks:eu-west-1:123456789012:cluster/platform' },
    });
    const [, key] = resources(stack, 'AWS::KMS::Key').find(([id]) => id.startsWith('ClusterKey'))!;
    const st = key.Properties.KeyPolicy.Statement.find((x: any) => String(x.Sid).startsWith('AllowEksGrants'));
    expect(st.Condition.StringEquals['kms:ViaService']).toBe('eks.eu-west-1.amazonaws.com');
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('kms:ListGrants');
  });

  test('nodes: private subnets, launch template with IMDSv2 (hop limit 1), encrypted gp3, least-privilege role', () => {
    const { stack } = cluster();
    const [, ng] = resources(stack, 'AWS::EKS::Nodegroup')[0];
    const privateSubnets = resources(stack, 'AWS::EC2::Subnet').filter(([id]) => /Isolated|Private/.test(id)).map(([id]) => id);
    expect(ng.Properties.Subnets.map((x: any) => x.Ref).sort()).toEqual(privateSubnets.sort());
    expect(ng.Properties.RemoteAccess).toBeUndefined();
    const [, lt] = resources(stack, 'AWS::EC2::LaunchTemplate')[0];
    expect(lt.Properties.LaunchTemplateData.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(lt.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs).toMatchObject({ Encrypted: true, VolumeType: 'gp3', VolumeSize: 50 });
    const [, nodeRole] = resources(stack, 'AWS::IAM::Role').find(([id]) => id.startsWith('ClusterNodeRole'))!;
    expect(nodeRole.Properties.ManagedPolicyArns).toBeUndefined();
    expect(nodeRole.Properties.PermissionsBoundary).toBeDefined();
  });

  test('the Pod Identity Agent add-on runs, so a POD_IDENTITY WorkloadIdentity binds to the cluster', () => {
    const s = new Stack(new App(), 'S', { env: ENV });
    const { cluster: c } = cluster({ clusterName: 'platform' }, s);
    new WorkloadIdentity(s, 'Api', { cluster: c.reference, namespaceName: 'shop', serviceAccountName: 'api', mode: WorkloadIdentityMode.POD_IDENTITY });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'eks-pod-identity-agent' });
    t.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { ClusterName: 'platform', Namespace: 'shop', ServiceAccount: 'api' });
  });

  test('adminRoleArns become cluster-admin access entries', () => {
    const { stack } = cluster({ adminRoleArns: ['arn:aws:iam::123456789012:role/platform-admins'] });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::AccessEntry', { PrincipalArn: 'arn:aws:iam::123456789012:role/platform-admins' });
  });

  test('addCdk8sChart needs kubectlLayer; with it the chart is embedded and its objects are checked as Kubernetes objects, at synth too', () => {
    const { cluster: c } = cluster();
    const chart = new Chart(Testing.app(), 'c');
    webChart(chart);
    expectInvalid(() => c.addCdk8sChart('Shop', chart), 'S/Cluster', 'kubectlLayer');

    const build = (s: Stack, k8sChart: Chart) => {
      const { cluster: withKubectl } = cluster({ kubectlLayer: layer(s) }, s);
      webChart(k8sChart);
      withKubectl.addCdk8sChart('Shop', k8sChart);
    };
    // with dist/ too: the embedded copies equal the manifests and are checked once, as the manifests
    const both = synthBothAndCheck(build);
    expect(openFindings(both)).toEqual([]);
    expect(both.evaluations.some((e) => e.ruleId === 'aws-cross-eks-manifest-checked' && e.outcome === 'compliant')).toBe(true);
    expect(both.evaluations.some((e) => e.resourceKey.includes(':apps/Deployment/'))).toBe(false);
    // cdk.out alone: the objects CloudFormation applies are read out of the template and pass the Kubernetes pack
    const awsOnly = synthBothAndCheck(build, false);
    expect(openFindings(awsOnly)).toEqual([]);
    expect(awsOnly.evaluations.some((e) => e.ruleId === 'k8s-pss-privileged' && /:apps\/Deployment\/shop\//.test(e.resourceKey) && e.outcome === 'compliant')).toBe(true);
  });

  test('an insecure object applied by CloudFormation fails synth with AwsCompliance.enable, on the resource that applies it', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sc-eks-embed-')), builtinCloudFormationValidation: false });
    try {
      const s = new Stack(app, 'TestStack', { env: ENV });
      const { cluster: c } = cluster({ kubectlLayer: layer(s) }, s);
      c.cluster.addManifest('Debug', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox', securityContext: { privileged: true } }] } });
      AwsCompliance.enable(app, { cdkNagPacks: false });
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(() => app.synth()).toThrow(/Containers must not be privileged[\s\S]*TestStack\/Cluster\/Resource\/manifest-Debug/);
      } finally {
        quiet.mockRestore();
      }
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test('an embedded object that differs from the manifest of the same name is checked on its own', () => {
    const open = openFindings(synthBothAndCheck((s, chart) => {
      const { cluster: c } = cluster({ kubectlLayer: layer(s) }, s);
      webChart(chart);
      c.cluster.addManifest('Other', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-debug', namespace: 'shop' }, spec: { containers: [{ name: 'sh', image: 'busybox', securityContext: { privileged: true } }] } });
    }));
    expect(open.some((f) => f.includes('k8s-pss-privileged[container:sh]') && f.includes('Pod/shop/web-debug'))).toBe(true);
  });

  test('weakening with reasons: public endpoint for named CIDRs, an older version, shorter log retention', () => {
    const report = synthAndCheck((s) => {
      cluster({
        publicEndpoint: { cidrs: ['203.0.113.0/24'], reason: 'Operators reach the lab API from the office network only' },
        version: eks.KubernetesVersion.V1_34,
        versionReason: 'Waiting for the vendor agent to support 1.35',
        logRetention: logs.RetentionDays.THREE_MONTHS,
        logRetentionReason: 'Lab cluster; logs are exported to the SIEM daily',
      }, s);
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    const base = new Set(synthAndCheck((s) => {
      cluster({}, s);
    }, { env: ENV }).overrides.map((o) => `${o.resource.logicalId} ${o.property}`));
    expect(report.overrides.filter((o) => !base.has(`${o.resource.logicalId} ${o.property}`)).map((o) => o.property).sort()).toEqual(['publicEndpoint', 'retention', 'version']);
    const suppressed = report.findings.filter((f) => f.status === 'suppressed' && f.source === 'secure-constructs').map((f) => `${f.ruleId}[${f.findingId ?? ''}]`);
    expect(suppressed).toEqual(expect.arrayContaining(['aws-eks-endpoint-access[public]', 'aws-eks-kubernetes-version[]', 'aws-logs-log-group-retention[short]']));
    const { stack } = cluster({ publicEndpoint: { cidrs: ['203.0.113.0/24'], reason: 'Operators reach the lab API from the office network only' } });
    const [, c] = resources(stack, 'AWS::EKS::Cluster')[0];
    expect(c.Properties.ResourcesVpcConfig).toMatchObject({ EndpointPublicAccess: true, EndpointPrivateAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] });
    expect(overridesOf(c).map((o) => o.property)).toEqual(['publicEndpoint']);
  });

  test('bad input: one ValidationError naming every property', () => {
    const e = expectInvalid(() => cluster({
      clusterName: 'bad name',
      version: eks.KubernetesVersion.V1_33,
      publicEndpoint: { cidrs: ['0.0.0.0/0'], reason: 'short' },
      adminRoleArns: ['admins'],
      nodes: { minSize: 0, amiType: eks.NodegroupAmiType.AL2_X86_64 },
    }), 'S/Cluster', 'clusterName', 'versionReason', 'publicEndpoint.reason', 'publicEndpoint.cidrs[0]', 'adminRoleArns[0]', 'nodes.minSize', 'nodes.amiType');
    expect(e.problems.length).toBeGreaterThanOrEqual(7);
    const s = new Stack(new App(), 'S', { env: ENV });
    const vpc = new ec2.Vpc(s, 'V', { maxAzs: 2 });
    expectInvalid(() => new SecureCluster(s, 'Pub', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), 'S/Pub', 'vpcSubnets');
    expectInvalid(() => cluster({ publicEndpoint: { cidrs: [], reason: 'Operators from the office network' } }), 'S/Cluster', 'publicEndpoint.cidrs');
    const agnostic = new Stack(new App(), 'Agnostic');
    expectInvalid(() => new SecureCluster(agnostic, 'C', { vpc: new ec2.Vpc(agnostic, 'V') }), 'Agnostic/C', 'scope');
  });
});

describe('SecureCluster at synth with every pack (AwsCompliance.enable, failOn ERROR)', () => {
  // cdk-nag v3 matches granular findings (IAM4/IAM5 of the kubectl provider's roles) by their exact finding id,
  // and CDK's CloudFormation validator by its plugin namespace: CDK's own report must be clean, not only `check`
  test.each([false, true])('with kubectlLayer: %s, synth passes and CDK reports no error', (withLayer) => {
    const app = new App();
    const s = new Stack(app, 'S', { env: ENV });
    cluster(withLayer ? { kubectlLayer: layer(s) } : {}, s);
    AwsCompliance.enable(app);
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { printed.push(a.join(' ')); });
    try {
      expect(() => app.synth()).not.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(printed.join('\n')).not.toMatch(/\bERROR\b/);
  });
});
