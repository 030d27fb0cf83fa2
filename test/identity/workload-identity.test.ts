import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Chart, Testing } from 'cdk8s';
import { WorkloadIdentity } from '../../lib/aws/identity';
import { runEngine } from '../../lib/compliance/engine';
import { templateResources } from '../../lib/compliance/loaders/cloudformation';
import { parseManifests } from '../../lib/compliance/loaders/kubernetes';
import { CROSS_RULES } from '../../lib/compliance/rules';
import { WorkloadIdentityMode } from '../../lib/core/cross-plane';
import { WorkloadIdentityServiceAccount } from '../../lib/k8s/identity';
import { HardenedDeployment, HealthProbe } from '../../lib/k8s/workload';

const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ENV = { account: '123456789012', region: 'eu-west-1' };
const IMAGE = `registry.example.com/api@sha256:${'a'.repeat(64)}`;

function awsStack() {
  const app = new App();
  return new Stack(app, 'Identity', { env: ENV });
}

function api(chart: Chart, namespace = 'shop') {
  return new HardenedDeployment(chart, 'api', {
    name: 'api',
    namespaceName: namespace,
    containers: [{
      name: 'api', image: IMAGE, ports: [{ name: 'http', containerPort: 8080 }],
      livenessProbe: HealthProbe.httpGet('/healthz', 8080), readinessProbe: HealthProbe.httpGet('/ready', 8080),
    }],
  });
}

describe('WorkloadIdentity (IRSA): both planes agree', () => {
  test('trust policy: exactly one service account, the sts audience, the cluster OIDC provider; ARN known at synth', () => {
    const stack = awsStack();
    const id = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'shop-api',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
          Condition: { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:shop:api', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
        }],
      },
    });
    // no StringLike anywhere in the trust policy: never a wildcard subject
    const roles = t.findResources('AWS::IAM::Role');
    expect(JSON.stringify(roles)).not.toContain('StringLike');
    expect(id.binding).toEqual({
      mode: WorkloadIdentityMode.IRSA, roleArn: 'arn:aws:iam::123456789012:role/shop-api', roleName: 'shop-api', namespaceName: 'shop', serviceAccountName: 'api', region: 'eu-west-1',
    });
  });

  test('the Kubernetes side annotates exactly the workload ServiceAccount with the role ARN', () => {
    const stack = awsStack();
    const id = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' });
    const chart = new Chart(Testing.app(), 'k8s');
    const workload = api(chart);
    WorkloadIdentityServiceAccount.bind(workload, id.binding);
    const sa = Testing.synth(chart).find((o: any) => o.kind === 'ServiceAccount');
    expect(sa.metadata).toMatchObject({ name: 'api', namespace: 'shop', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/shop-api' } });
    expect(sa.automountServiceAccountToken).toBe(false);
    const deployment = Testing.synth(chart).find((o: any) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.serviceAccountName).toBe('api');
  });

  test('both synthesized outputs pass the cross-plane rules; a wrong namespace or account is caught', () => {
    const stack = awsStack();
    const id = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' });
    const chart = new Chart(Testing.app(), 'k8s');
    WorkloadIdentityServiceAccount.bind(api(chart), id.binding);
    const aws = templateResources('t.json', 'Identity', Template.fromStack(stack).toJSON(), new Map()).resources;
    const yaml = Testing.synth(chart).map((o: any) => JSON.stringify(o)).join('\n---\n');
    const k8s = parseManifests('k8s.yaml', yaml).resources;
    expect(runEngine(CROSS_RULES, [...aws, ...k8s]).findings).toEqual([]);
    // a hand-edited manifest pointing the same role at another namespace
    const moved = parseManifests('k8s.yaml', yaml.replace(/"namespace":"shop"/g, '"namespace":"other"')).resources;
    const ids = runEngine(CROSS_RULES, [...aws, ...moved]).findings.map((f) => f.ruleId);
    expect(ids).toContain('k8s-cross-service-account-role-trust');
    expect(ids).toContain('aws-cross-unused-workload-role');
  });

  test('binding refuses a workload in another namespace or with another ServiceAccount', () => {
    const stack = awsStack();
    const id = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' });
    const chart = new Chart(Testing.app(), 'k8s');
    expect(() => WorkloadIdentityServiceAccount.bind(api(chart, 'billing'), id.binding)).toThrow(/k8s\/api.*binding\.namespace.*"shop".*"billing"/s);
    const other = new WorkloadIdentity(stack, 'Worker', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'worker' });
    expect(() => WorkloadIdentityServiceAccount.bind(api(new Chart(Testing.app(), 'k2')), other.binding)).toThrow(/binding\.serviceAccountName/);
  });

  test('refuses wildcards, an unknown account (ARN not known at synth) and a tokenized issuer, naming each property', () => {
    const stack = awsStack();
    expect(() => new WorkloadIdentity(stack, 'W1', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: '*', serviceAccountName: 'api*' }))
      .toThrow(/Identity\/W1.*namespaceName: must be an exact.*serviceAccountName: must be an exact/s);
    const agnostic = new Stack(new App(), 'Agnostic');
    expect(() => new WorkloadIdentity(agnostic, 'W2', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' }))
      .toThrow(/scope: is in a stack without an explicit account/);
    expect(() => new WorkloadIdentity(stack, 'W3', { cluster: { clusterName: 'prod' }, namespaceName: 'shop', serviceAccountName: 'api' }))
      .toThrow(/cluster\.oidcIssuer/);
  });
});

describe('WorkloadIdentity (EKS Pod Identity)', () => {
  test('an association for exactly the service account; trust scoped to the cluster; no annotation needed', () => {
    const stack = awsStack();
    const id = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod' }, namespaceName: 'shop', serviceAccountName: 'api', mode: WorkloadIdentityMode.POD_IDENTITY });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { ClusterName: 'prod', Namespace: 'shop', ServiceAccount: 'api' });
    const trust = JSON.stringify(t.findResources('AWS::IAM::Role'));
    expect(trust).toContain('pods.eks.amazonaws.com');
    expect(trust).toContain('arn:aws:eks:eu-west-1:123456789012:cluster/prod');
    expect(trust).toContain('sts:TagSession');
    const chart = new Chart(Testing.app(), 'k8s');
    const workload = api(chart);
    WorkloadIdentityServiceAccount.bind(workload, id.binding);
    const sa = Testing.synth(chart).find((o: any) => o.kind === 'ServiceAccount');
    expect(sa.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBeUndefined();
  });

  test('the cross-plane rules read the association against the manifests: silent when they agree, loud when not', () => {
    const stack = awsStack();
    const id = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod' }, namespaceName: 'shop', serviceAccountName: 'api', mode: WorkloadIdentityMode.POD_IDENTITY });
    const aws = templateResources('Identity.template.json', 'Identity', Template.fromStack(stack).toJSON(), new Map()).resources;
    const k8sOf = (namespace: string) => {
      const chart = new Chart(Testing.app(), 'k8s');
      WorkloadIdentityServiceAccount.bind(api(chart, namespace), { ...id.binding, namespaceName: namespace });
      const yaml = Testing.synth(chart).map((o: any) => JSON.stringify(o)).join('\n---\n');
      return parseManifests('k8s.yaml', yaml).resources;
    };
    const ids = (k8s: any[]) => runEngine(CROSS_RULES, [...aws, ...k8s]).findings.map((f) => `${f.ruleId}[${f.findingId}]`);
    expect(ids(k8sOf('shop'))).toEqual([]);
    expect(ids(k8sOf('other'))).toEqual(['aws-cross-pod-identity-association[service-account:shop/api]']);
  });
});

describe('WorkloadIdentity passes every AWS pack with defaults', () => {
  test('ours and cdk-nag AwsSolutions, NIST 800-53 R5, HIPAA, PCI DSS 3.2.1', () => {
    const { openFindings, synthAndCheck } = require('../util/aws');
    const report = synthAndCheck((stack: Stack) => {
      new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' });
      new WorkloadIdentity(stack, 'Worker', { cluster: { clusterName: 'prod' }, namespaceName: 'shop', serviceAccountName: 'worker', mode: WorkloadIdentityMode.POD_IDENTITY });
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
  });
});
