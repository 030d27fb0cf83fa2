import { Chart, Testing } from 'cdk8s';
import { fakeSealed } from './secrets/fixtures';
import { batchContainer, webContainer } from './workload/fixtures';
import { IssuerKind, WorkloadCertificate } from '../../lib/k8s/certificates';
import { MeshProvider, MutualTls } from '../../lib/k8s/mesh';
import { SecureNamespace } from '../../lib/k8s/namespace';
import { AllowCidrEgress, AllowNamespaceIngress, AllowWorkloadTraffic } from '../../lib/k8s/network';
import { WorkloadRole } from '../../lib/k8s/rbac';
import { AwsSecretsManagerStore, ExternalSecret, PlainSecret, SealedSecret } from '../../lib/k8s/secrets';
import { HardenedCronJob, HardenedDeployment, HardenedJob, HardenedStatefulSet, HealthProbe } from '../../lib/k8s/workload';

/**
 * One chart with every Kubernetes construct of the library, in its main configurations
 * (used by the schema validation test and the whole-pack test).
 */
export function allConstructsChart(): Chart {
  const chart = new Chart(Testing.app(), 'all');
  const front = new SecureNamespace(chart, 'front', { name: 'front', meshControlPlane: MeshProvider.ISTIO });
  const back = new SecureNamespace(chart, 'back', { name: 'back', meshControlPlane: MeshProvider.LINKERD });
  new SecureNamespace(chart, 'jobs', { name: 'jobs', outsideMesh: { reason: 'Batch jobs reach no meshed service and serve no traffic.' } });

  const web = new HardenedDeployment(chart, 'web', {
    name: 'web',
    namespaceName: front.namespaceName,
    containers: [webContainer({ writablePaths: ['/var/cache/web'] })],
    configMapVolumes: [{ configMapName: 'web-config', mountPath: '/etc/web' }],
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/web' },
  });
  const api = new HardenedDeployment(chart, 'api', {
    name: 'api',
    namespaceName: back.namespaceName,
    replicas: 3,
    containers: [webContainer({ name: 'api', ports: [{ name: 'grpc', containerPort: 9090 }], livenessProbe: HealthProbe.grpc(9090), readinessProbe: HealthProbe.grpc(9090), startupProbe: HealthProbe.tcpSocket(9090) })],
    mountServiceAccountToken: { reason: 'Reads its leader-election Lease through the API.' },
  });
  const db = new HardenedStatefulSet(chart, 'db', {
    name: 'db',
    namespaceName: back.namespaceName,
    replicas: 3,
    containers: [webContainer({ name: 'db', ports: [{ name: 'pg', containerPort: 5432 }], livenessProbe: HealthProbe.exec(['/usr/bin/pg_isready']), readinessProbe: HealthProbe.tcpSocket(5432) })],
    volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql', storage: '20Gi' }],
  });
  new HardenedJob(chart, 'migrate', { namespaceName: 'jobs', containers: [batchContainer()] });
  new HardenedCronJob(chart, 'report', { namespaceName: 'jobs', schedule: '0 3 * * *', containers: [batchContainer()] });

  new AllowWorkloadTraffic(chart, 'web-to-api', { client: web, server: api, ports: ['grpc'] });
  new AllowWorkloadTraffic(chart, 'api-to-db', { client: api, server: db, ports: ['pg'] });
  new AllowNamespaceIngress(chart, 'ingress-to-web', { server: web, clientNamespace: 'ingress-nginx', ports: ['http'] });
  new AllowCidrEgress(chart, 'api-to-partner', { client: api, cidr: '203.0.113.0/24', port: 443 });

  new WorkloadRole(chart, 'api-rbac', { workload: api, grants: [{ apiGroup: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'update'], resourceNames: ['api-leader'] }] });

  new MutualTls(chart, 'api-mtls', { provider: MeshProvider.LINKERD, workload: api, allowedClients: [web] });
  new MutualTls(chart, 'web-mtls', { provider: MeshProvider.ISTIO, workload: web, allowedServiceAccounts: [{ name: 'ingress-nginx', namespaceName: 'ingress-nginx' }], serviceName: 'web' });

  const cert = new WorkloadCertificate(chart, 'api-cert', { namespaceName: 'back', issuer: { name: 'internal-ca', kind: IssuerKind.CLUSTER_ISSUER }, dnsNames: ['api.back.svc.cluster.local'] });
  cert.mountInto(api);
  const store = new AwsSecretsManagerStore(chart, 'store', { namespaceName: 'front', region: 'eu-west-1', serviceAccountName: web.serviceAccountName });
  new ExternalSecret(chart, 'web-db', { store, remoteKey: 'prod/web/db', targetSecretName: 'web-db' }).mountInto(web, '/var/run/secrets/db');
  new ExternalSecret(chart, 'web-api-key', { store, remoteKey: 'prod/web/api', keys: [{ secretKey: 'token', property: 'apiKey' }] });
  new SealedSecret(chart, 'sealed', { name: 'db-password', namespaceName: 'back', encryptedData: { password: fakeSealed() } }).mountInto(db, '/var/run/secrets/db');
  new PlainSecret(chart, 'fixture', { name: 'fixture', namespaceName: 'jobs', stringData: { greeting: 'hello' }, allowLiteralData: { reason: 'Non-sensitive fixture used by the report job.' } });
  return chart;
}
