import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Chart, Testing } from 'cdk8s';
import { WorkloadIdentity } from '../../lib/aws/identity';
import { EncryptionKey } from '../../lib/aws/kms';
import { SecretsStore } from '../../lib/aws/secrets';
import { runEngine } from '../../lib/compliance/engine';
import { templateResources } from '../../lib/compliance/loaders/cloudformation';
import { parseManifests } from '../../lib/compliance/loaders/kubernetes';
import { CROSS_RULES } from '../../lib/compliance/rules';
import { SecretDelivery, WorkloadIdentityServiceAccount } from '../../lib/k8s/identity';
import { HardenedDeployment, HealthProbe } from '../../lib/k8s/workload';

const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function build(opts: { remoteKey?: string } = {}) {
  const stack = new Stack(new App(), 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new EncryptionKey(stack, 'Key');
  const db = new SecretsStore(stack, 'Db', { secretName: 'shop/db-credentials', encryptionKey: key });
  const identity = new WorkloadIdentity(stack, 'Api', { cluster: { clusterName: 'prod', oidcIssuer: ISSUER }, namespaceName: 'shop', serviceAccountName: 'api' });
  db.grantRead(identity);

  const chart = new Chart(Testing.app(), 'k8s');
  const api = new HardenedDeployment(chart, 'api', {
    name: 'api', namespaceName: 'shop',
    containers: [{
      name: 'api', image: `registry.example.com/api@sha256:${'a'.repeat(64)}`, ports: [{ name: 'http', containerPort: 8080 }],
      livenessProbe: HealthProbe.httpGet('/healthz', 8080), readinessProbe: HealthProbe.httpGet('/ready', 8080),
    }],
  });
  WorkloadIdentityServiceAccount.bind(api, identity.binding);
  new SecretDelivery(chart, 'db', { workload: api, identity: identity.binding, secret: { secretName: opts.remoteKey ?? 'shop/db-credentials', region: 'eu-west-1' }, mountPath: '/var/run/secrets/db' });
  return { template: Template.fromStack(stack), manifests: Testing.synth(chart) };
}

describe('secret delivery from AWS Secrets Manager into a workload', () => {
  test('AWS side: the workload role may read exactly that secret, and decrypt its key only through Secrets Manager', () => {
    const { template } = build();
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];
    const roleId = Object.entries(template.findResources('AWS::IAM::Role')).find(([, r]: any) => r.Properties.RoleName === 'shop-api')![0];
    const policies = { ...template.findResources('AWS::IAM::ManagedPolicy'), ...template.findResources('AWS::IAM::Policy') };
    const attached = Object.values(policies).filter((p: any) => JSON.stringify(p.Properties.Roles ?? []).includes(roleId));
    const statements = attached.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: secretId },
    }));
    // nothing else of Secrets Manager, and no wildcard resource for it
    for (const s of statements.filter((x: any) => JSON.stringify(x.Action).includes('secretsmanager'))) expect(s.Resource).toEqual({ Ref: secretId });
    // kms:Decrypt scoped with kms:ViaService = secretsmanager.<region>
    expect(JSON.stringify(template.toJSON())).toMatch(/kms:ViaService[^}]*secretsmanager\.eu-west-1\.amazonaws\.com/);
    // the secret value is generated in AWS, never written into the template
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'shop/db-credentials', GenerateSecretString: Match.anyValue(), KmsKeyId: Match.anyValue() });
    for (const s of Object.values(template.findResources('AWS::SecretsManager::Secret')) as any[]) expect(s.Properties.SecretString).toBeUndefined();
  });

  test('Kubernetes side: SecretStore authenticates as the workload ServiceAccount; ExternalSecret reads that secret; mounted as files', () => {
    const { manifests } = build();
    const store = manifests.find((o: any) => o.kind === 'SecretStore');
    expect(store.apiVersion).toBe('external-secrets.io/v1');
    expect(store.metadata.namespace).toBe('shop');
    expect(store.spec.provider.aws).toMatchObject({ service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'api' } } } });
    const es = manifests.find((o: any) => o.kind === 'ExternalSecret');
    expect(es.spec.secretStoreRef).toEqual({ name: store.metadata.name, kind: 'SecretStore' });
    expect(es.spec.dataFrom).toEqual([{ extract: { key: 'shop/db-credentials' } }]);
    const target = es.spec.target.name;
    const pod = manifests.find((o: any) => o.kind === 'Deployment').spec.template.spec;
    const volume = pod.volumes.find((v: any) => v.secret?.secretName === target);
    expect(volume).toBeDefined();
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.name === volume.name);
    expect(mount).toMatchObject({ mountPath: '/var/run/secrets/db', readOnly: true });
    // no Secret object with data, and no secret in env
    expect(manifests.filter((o: any) => o.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(pod.containers[0].env ?? [])).not.toContain('secretKeyRef');
  });

  test('the cross-plane rules are silent on both outputs, and catch a secret the role cannot read', () => {
    const check = (b: ReturnType<typeof build>) => {
      const aws = templateResources('t.json', 'Data', b.template.toJSON(), new Map()).resources;
      const k8s = parseManifests('k.yaml', b.manifests.map((o: any) => JSON.stringify(o)).join('\n---\n')).resources;
      return runEngine(CROSS_RULES, [...aws, ...k8s]).findings.map((f) => `${f.ruleId}[${f.findingId}]`);
    };
    expect(check(build())).toEqual([]);
    expect(check(build({ remoteKey: 'shop/other-secret' }))).toEqual(['k8s-cross-external-secret-readable[secret:shop/other-secret]']);
  });

  test('refuses a delivery whose identity belongs to another workload or region', () => {
    const chart = new Chart(Testing.app(), 'k8s');
    const api = new HardenedDeployment(chart, 'api', {
      name: 'api', namespaceName: 'shop',
      containers: [{ name: 'api', image: `r.example.com/a@sha256:${'b'.repeat(64)}`, ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: HealthProbe.httpGet('/h', 8080), readinessProbe: HealthProbe.httpGet('/r', 8080) }],
    });
    const binding = { mode: 'IRSA' as any, roleArn: 'arn:aws:iam::123456789012:role/shop-worker', roleName: 'shop-worker', namespaceName: 'shop', serviceAccountName: 'worker', region: 'eu-west-1' };
    expect(() => new SecretDelivery(chart, 'd', { workload: api, identity: binding, secret: { secretName: 's', region: 'us-east-1' } }))
      .toThrow(/k8s\/d.*identity\.serviceAccountName.*secret\.region/s);
  });
});
