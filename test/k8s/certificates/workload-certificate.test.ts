import { Chart, Testing } from 'cdk8s';
import { IssuerKind, WorkloadCertificate } from '../../../lib/k8s/certificates';
import { HardenedDeployment } from '../../../lib/k8s/workload';
import { checkChart, openK8sFindings } from '../../util/k8s';
import { expectInvalid, only, synth } from '../helpers';
import { podSpecOf, webContainer } from '../workload/fixtures';

function chart() {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

describe('WorkloadCertificate', () => {
  test('ECDSA P-256, rotated on renewal, mTLS usages, 30d/10d; mounted as files; passes the pack', () => {
    const c = chart();
    const web = new HardenedDeployment(c, 'web', { containers: [webContainer()] });
    const cert = new WorkloadCertificate(c, 'tls', { name: 'web', issuer: { name: 'internal-ca', kind: IssuerKind.CLUSTER_ISSUER }, dnsNames: ['web.shop.svc.cluster.local'] });
    cert.mountInto(web);
    const m = synth(c);
    const obj = only(m, 'Certificate');
    expect(obj.apiVersion).toBe('cert-manager.io/v1');
    expect(obj.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(obj.spec).toEqual({
      secretName: 'web-tls',
      issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      dnsNames: ['web.shop.svc.cluster.local'],
      duration: '720h',
      renewBefore: '240h',
      privateKey: { algorithm: 'ECDSA', size: 256, encoding: 'PKCS8', rotationPolicy: 'Always' },
      usages: ['digital signature', 'server auth', 'client auth'],
      revisionHistoryLimit: 1,
    });
    const spec = podSpecOf(only(m, 'Deployment'));
    expect(spec.volumes).toContainEqual({ name: 'secret-0', secret: { secretName: 'web-tls', defaultMode: 0o440 } });
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'secret-0', mountPath: '/var/run/secrets/tls', readOnly: true });
    expect(openK8sFindings(checkChart(c))).toEqual([]);
  });

  test('URIs, common name, custom rotation and secret name', () => {
    const c = chart();
    new WorkloadCertificate(c, 'tls', { issuer: { name: 'pca', kind: 'AWSPCAClusterIssuer' as IssuerKind, group: 'awspca.cert-manager.io' }, uris: ['spiffe://cluster.local/ns/shop/sa/web'], commonName: 'web', secretName: 'web-mtls', duration: '24h', renewBefore: '8h' });
    const obj = only(synth(c), 'Certificate');
    expect(obj.spec).toMatchObject({ secretName: 'web-mtls', uris: ['spiffe://cluster.local/ns/shop/sa/web'], commonName: 'web', duration: '24h', renewBefore: '8h', issuerRef: { group: 'awspca.cert-manager.io' } });
    expect(obj.spec.dnsNames).toBeUndefined();
  });

  test('bad input', () => {
    const issuer = { name: 'ca' };
    expectInvalid(() => new WorkloadCertificate(chart(), 'c', { issuer }), 'test/c', 'dnsNames');
    expectInvalid(() => new WorkloadCertificate(chart(), 'c', { issuer, dnsNames: ['*.shop.svc'] }), 'test/c', 'dnsNames[0]', /wildcard/);
    expectInvalid(() => new WorkloadCertificate(chart(), 'c', { issuer, dnsNames: ['a'], duration: '30m' }), 'test/c', 'duration');
    expectInvalid(() => new WorkloadCertificate(chart(), 'c', { issuer, dnsNames: ['a'], renewBefore: '720h' }), 'test/c', 'renewBefore');
    expectInvalid(() => new WorkloadCertificate(chart(), 'c', { issuer: { name: '' }, dnsNames: ['a'] }), 'test/c', 'issuer.name');
    const c = chart();
    const other = new HardenedDeployment(c, 'w', { namespaceName: 'other', containers: [webContainer()] });
    const cert = new WorkloadCertificate(c, 'cert', { issuer, dnsNames: ['a'] });
    expectInvalid(() => cert.mountInto(other), 'test/cert', 'mountInto(workload)');
  });
});
