import { Chart, Testing } from 'cdk8s';
import { fakeSealed } from './fixtures';
import { AwsSecretsManagerStore, ExternalSecret, PlainSecret, SealedSecret, SealedSecretScope } from '../../../lib/k8s/secrets';
import { HardenedDeployment } from '../../../lib/k8s/workload';
import { bareChart, checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, only, overridesOf, suppressionsOf, synth, validationError } from '../helpers';
import { podSpecOf, webContainer } from '../workload/fixtures';

function app() {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  const web = new HardenedDeployment(chart, 'web', { name: 'web', containers: [webContainer()], serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/web' } });
  return { chart, web };
}

describe('AwsSecretsManagerStore + ExternalSecret', () => {
  test('store authenticates as the workload service account; secret mounted as files; passes the pack', () => {
    const { chart, web } = app();
    const store = new AwsSecretsManagerStore(chart, 'store', { region: 'eu-west-1', serviceAccountName: web.serviceAccountName });
    const es = new ExternalSecret(chart, 'db', { store, remoteKey: 'prod/shop/db', targetSecretName: 'db-credentials' });
    es.mountInto(web, '/var/run/secrets/db');
    const m = synth(chart);
    const ss = only(m, 'SecretStore');
    expect(ss.apiVersion).toBe('external-secrets.io/v1');
    expect(ss.metadata.namespace).toBe('shop');
    expect(ss.spec).toEqual({ provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'web' } } } } } });
    const ext = only(m, 'ExternalSecret');
    expect(ext.apiVersion).toBe('external-secrets.io/v1');
    expect(ext.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: store.storeName, kind: 'SecretStore' },
      target: { name: 'db-credentials', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      dataFrom: [{ extract: { key: 'prod/shop/db' } }],
    });
    const spec = podSpecOf(only(m, 'Deployment'));
    expect(spec.volumes).toContainEqual({ name: 'secret-0', secret: { secretName: 'db-credentials', defaultMode: 0o440 } });
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'secret-0', mountPath: '/var/run/secrets/db', readOnly: true });
    expect(spec.containers[0].env).toBeUndefined();
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('selected keys, role, refresh interval; generated target name', () => {
    const { chart } = app();
    const store = new AwsSecretsManagerStore(chart, 'store', { region: 'us-east-1', serviceAccountName: 'web', roleArn: 'arn:aws:iam::111122223333:role/reader' });
    const es = new ExternalSecret(chart, 'api', { store, remoteKey: 'prod/api', keys: [{ secretKey: 'token', property: 'apiToken' }, { secretKey: 'ca.crt', remoteKey: 'prod/ca' }], refreshInterval: '15m' });
    const m = synth(chart);
    expect(only(m, 'SecretStore').spec.provider.aws.role).toBe('arn:aws:iam::111122223333:role/reader');
    const ext = only(m, 'ExternalSecret');
    expect(es.targetSecretName).toBe(ext.metadata.name);
    expect(ext.spec.refreshInterval).toBe('15m');
    expect(ext.spec.data).toEqual([
      { secretKey: 'token', remoteRef: { key: 'prod/api', property: 'apiToken' } },
      { secretKey: 'ca.crt', remoteRef: { key: 'prod/ca' } },
    ]);
  });

  test('bad input', () => {
    const { chart, web } = app();
    expectInvalid(() => new AwsSecretsManagerStore(chart, 's1', { region: 'europe', serviceAccountName: 'web' }), 'test/s1', 'region');
    expectInvalid(() => new AwsSecretsManagerStore(chart, 's2', { region: 'eu-west-1', serviceAccountName: 'web', roleArn: 'reader' }), 'test/s2', 'roleArn');
    const store = new AwsSecretsManagerStore(chart, 's3', { region: 'eu-west-1', serviceAccountName: 'web' });
    expectInvalid(() => new ExternalSecret(chart, 'e1', { store, remoteKey: '' }), 'test/e1', 'remoteKey');
    expectInvalid(() => new ExternalSecret(chart, 'e2', { store, remoteKey: 'k', refreshInterval: '10s' }), 'test/e2', 'refreshInterval');
    expectInvalid(() => new ExternalSecret(chart, 'e3', { store, remoteKey: 'k', keys: [{ secretKey: 'a b' }] }), 'test/e3', 'keys[0].secretKey');
    const other = new HardenedDeployment(chart, 'other', { namespaceName: 'elsewhere', containers: [webContainer()] });
    const es = new ExternalSecret(chart, 'e4', { store, remoteKey: 'k' });
    expectInvalid(() => es.mountInto(other), 'test/e4', 'mountInto(workload)', /own namespace/);
    void web;
  });
});

describe('SealedSecret', () => {
  test('ciphertext only; strict scope by default; template names the Secret; passes the pack', () => {
    const { chart, web } = app();
    const value = fakeSealed();
    const s = new SealedSecret(chart, 'sealed', { name: 'db', encryptedData: { password: value } });
    s.mountInto(web, '/var/run/secrets/db');
    const m = synth(chart);
    const obj = only(m, 'SealedSecret');
    expect(obj.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(obj.metadata).toEqual({ name: 'db', namespace: 'shop' });
    expect(obj.spec).toEqual({ encryptedData: { password: value }, template: { metadata: { name: 'db', namespace: 'shop' }, type: 'Opaque' } });
    expect(podSpecOf(only(m, 'Deployment')).volumes).toContainEqual({ name: 'secret-0', secret: { secretName: 'db', defaultMode: 0o440 } });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('wider scopes are annotated', () => {
    const { chart } = app();
    new SealedSecret(chart, 'ns-wide', { scope: SealedSecretScope.NAMESPACE_WIDE, encryptedData: { a: fakeSealed() } });
    new SealedSecret(chart, 'cluster-wide', { name: 'cw', scope: SealedSecretScope.CLUSTER_WIDE, encryptedData: { a: fakeSealed() } });
    const [a, b] = synth(chart).filter((o) => o.kind === 'SealedSecret');
    expect(a.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect(b.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
    expect(b.spec.template.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
  });

  test.each([
    ['plaintext', 'hunter2-correct-horse'],
    ['base64 of plaintext', Buffer.from('hunter2-correct-horse').toString('base64')],
    ['long base64 of plaintext', Buffer.from('x'.repeat(400)).toString('base64')],
    ['empty', ''],
  ])('refuses %s, without echoing the value', (_what, value) => {
    const err = validationError(() => new SealedSecret(testChart(), 's', { name: 's', namespaceName: 'n', encryptedData: { password: value } }));
    expect(err.constructPath).toBe('test/s');
    expect(err.problems.map((p) => p.property)).toEqual(['encryptedData.password']);
    if (value) expect(err.message).not.toContain(value);
  });

  test('strict scope needs name and namespace', () => {
    expectInvalid(() => new SealedSecret(testChart(), 's', { namespaceName: 'n', encryptedData: { a: fakeSealed() } }), 'test/s', 'name');
    expectInvalid(() => new SealedSecret(bareChart(), 's', { name: 'x', encryptedData: { a: fakeSealed() } }), 'test/s', 'namespaceName');
  });
});

describe('PlainSecret', () => {
  test('refuses literal data without a reason, never echoing values', () => {
    const err = expectInvalid(() => new PlainSecret(testChart(), 'p', { stringData: { password: 's3cr3t-Value!' } }), 'test/p', 'stringData', /ExternalSecret/);
    expect(err.message).not.toContain('s3cr3t-Value!');
  });

  test('with a reason: recorded, the secret-data finding suppressed, immutable', () => {
    const { chart, web } = app();
    const p = new PlainSecret(chart, 'p', { name: 'fixture', stringData: { greeting: 'hello' }, allowLiteralData: { reason: 'Non-sensitive fixture for the smoke test.' } });
    p.mountInto(web, '/etc/fixture');
    const obj = only(synth(chart), 'Secret');
    expect(obj.data).toEqual({ greeting: Buffer.from('hello').toString('base64') });
    expect(obj.immutable).toBe(true);
    expect(obj.type).toBe('Opaque');
    expect(overridesOf(obj)).toEqual([{ property: 'allowLiteralData', reason: 'Non-sensitive fixture for the smoke test.' }]);
    expect(suppressionsOf(obj).map((s) => s.id)).toEqual(['k8s-secrets-secret-data']);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('empty placeholder needs no reason', () => {
    const chart = testChart();
    new PlainSecret(chart, 'p');
    expect(only(synth(chart), 'Secret').data).toBeUndefined();
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
    expectInvalid(() => new PlainSecret(testChart(), 'q', { allowLiteralData: { reason: 'nothing to allow here' } }), 'test/q', 'allowLiteralData');
  });
});
