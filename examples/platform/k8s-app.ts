/**
 * The Kubernetes plane of the example platform (cdk8s): a restricted namespace, two workloads that talk
 * over mTLS (Istio) with network policies allowing only that path, the backend's AWS identity, and the
 * database secret delivered through an ExternalSecret as files. Values from the AWS plane arrive in
 * the typed `AwsPlatformOutputs`.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { IssuerKind, WorkloadCertificate } from '../../lib/k8s/certificates';
import { SecretDelivery, WorkloadIdentityServiceAccount } from '../../lib/k8s/identity';
import { MeshProvider, MutualTls } from '../../lib/k8s/mesh';
import { SecureNamespace } from '../../lib/k8s/namespace';
import { AllowCidrEgress, AllowNamespaceIngress, AllowWorkloadTraffic } from '../../lib/k8s/network';
import { WorkloadRole } from '../../lib/k8s/rbac';
import { SealedSecret } from '../../lib/k8s/secrets';
import { ImageSigner, SignedImagePolicy } from '../../lib/k8s/supply-chain';
import { HardenedCronJob, HardenedDeployment, HardenedJob, HardenedStatefulSet, HealthProbe } from '../../lib/k8s/workload';
import { AwsPlatformOutputs } from './aws-app';
import { APP, IMAGES, REGISTRY, SEALED } from './config';

export class PlatformChart extends Chart {
  public readonly shop: SecureNamespace;
  public readonly web: HardenedDeployment;
  public readonly api: HardenedDeployment;

  constructor(app: App, id: string, aws: AwsPlatformOutputs) {
    super(app, id);
    this.shop = new SecureNamespace(this, 'Shop', { name: APP.namespace, meshControlPlane: MeshProvider.ISTIO });
    // Only images of the platform's repositories, signed by the release workflow and pinned by digest, are admitted.
    new SignedImagePolicy(this, 'SignedImages', {
      name: 'signed-platform-images',
      images: aws.imagePatterns,
      signers: [ImageSigner.keyless(REGISTRY.signer)],
    });

    const http = { name: 'http', containerPort: 8080 };
    this.web = new HardenedDeployment(this, 'Web', {
      name: APP.frontend,
      namespaceName: this.shop.namespaceName,
      containers: [{
        name: 'web', image: IMAGES.web, ports: [http],
        livenessProbe: HealthProbe.httpGet('/healthz', 8080), readinessProbe: HealthProbe.httpGet('/ready', 8080),
      }],
    });
    this.api = new HardenedDeployment(this, 'Api', {
      name: APP.backend,
      namespaceName: this.shop.namespaceName,
      containers: [{
        name: 'api', image: IMAGES.api, ports: [http],
        livenessProbe: HealthProbe.httpGet('/healthz', 8080), readinessProbe: HealthProbe.httpGet('/ready', 8080),
      }],
    });

    // only web -> api:http is open, and only over mutual TLS from web's service account
    new AllowWorkloadTraffic(this, 'WebToApi', { client: this.web, server: this.api, ports: ['http'] });
    const apiService = new k8s.KubeService(this, 'ApiService', {
      metadata: { name: APP.backend, namespace: this.shop.namespaceName },
      spec: { selector: this.api.podSelectorLabels, ports: [{ name: 'http', port: 8080, targetPort: k8s.IntOrString.fromString('http') }] },
    });
    new MutualTls(this, 'ApiMtls', { provider: MeshProvider.ISTIO, workload: this.api, allowedClients: [this.web], serviceName: apiService.name });

    // the backend's AWS identity and its database credential, as files under /var/run/secrets/db
    WorkloadIdentityServiceAccount.bind(this.api, aws.backendIdentity);
    new SecretDelivery(this, 'DbCredentials', { workload: this.api, identity: aws.backendIdentity, secret: aws.dbSecret, mountPath: '/var/run/secrets/db' });

    // The ingress controller (its own namespace) may reach web:http; nothing else from outside.
    new AllowNamespaceIngress(this, 'IngressToWeb', { server: this.web, clientNamespace: 'ingress-nginx', ports: ['http'] });
    // The api reaches the managed database subnets on 5432, nowhere else outside the cluster.
    new AllowCidrEgress(this, 'ApiToDatabase', { client: this.api, cidr: '10.0.128.0/20', port: 5432 });
    // The api's leader election: get/update of one named Lease, nothing else.
    new WorkloadRole(this, 'ApiRbac', {
      workload: this.api,
      grants: [{ apiGroup: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'update'], resourceNames: ['api-leader'] }],
    });

    // A session cache, reached only by the api, with an application-level TLS certificate from cert-manager.
    const cache = new HardenedStatefulSet(this, 'Cache', {
      name: 'cache',
      namespaceName: this.shop.namespaceName,
      replicas: 3,
      containers: [{
        name: 'cache', image: IMAGES.cache, ports: [{ name: 'redis', containerPort: 6379 }],
        livenessProbe: HealthProbe.tcpSocket(6379), readinessProbe: HealthProbe.tcpSocket(6379),
      }],
      volumeClaims: [{ name: 'data', mountPath: '/data', storage: '5Gi' }],
    });
    new AllowWorkloadTraffic(this, 'ApiToCache', { client: this.api, server: cache, ports: ['redis'] });
    new WorkloadCertificate(this, 'CacheCert', {
      namespaceName: this.shop.namespaceName,
      issuer: { name: 'platform-ca', kind: IssuerKind.CLUSTER_ISSUER },
      dnsNames: [`cache.${APP.namespace}.svc.cluster.local`],
    }).mountInto(cache);
    // The payment provider's API token, sealed with the cluster's kubeseal key (ciphertext only).
    new SealedSecret(this, 'PaymentToken', { name: 'payment-token', namespaceName: this.shop.namespaceName, encryptedData: { token: SEALED.paymentToken } }).mountInto(this.api, '/var/run/secrets/payment');

    // Batch: the schema migration on each release, and the nightly sales report.
    new HardenedJob(this, 'Migrate', { name: 'migrate', namespaceName: this.shop.namespaceName, containers: [{ name: 'migrate', image: IMAGES.api, command: ['/app/migrate'] }] });
    // Non-sensitive settings that the report job reads: a ConfigMap (settings are not secrets), mounted as files.
    new k8s.KubeConfigMap(this, 'ReportSettings', {
      metadata: { name: 'report-settings', namespace: this.shop.namespaceName },
      data: { timezone: 'Europe/Amsterdam' },
    });
    new HardenedCronJob(this, 'Report', {
      name: 'report', namespaceName: this.shop.namespaceName, schedule: '0 3 * * *',
      containers: [{ name: 'report', image: IMAGES.api, command: ['/app/report'] }],
      configMapVolumes: [{ configMapName: 'report-settings', mountPath: '/etc/report' }],
    });
  }
}

export function buildK8sPlatform(app: App, aws: AwsPlatformOutputs): PlatformChart {
  return new PlatformChart(app, 'platform', aws);
}
