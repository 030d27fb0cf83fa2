/**
 * The AWS plane of the example platform (aws-cdk-lib): network, audit, keys, the database secret, the
 * public HTTPS front, and the backend's workload identity. It returns `AwsPlatformOutputs`, the typed
 * values the Kubernetes plane needs, so nothing is copy-pasted between the two apps.
 */
import { App, Stack, aws_apigateway as apigw, aws_certificatemanager as acm, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import { AuditBaseline } from '../../lib/aws/audit';
import { SecureRepository } from '../../lib/aws/ecr';
import { SecureCluster } from '../../lib/aws/eks';
import { MtlsHttpsService, SecureRestApi } from '../../lib/aws/edge';
import { WorkloadIdentity } from '../../lib/aws/identity';
import { LeastPrivilegeRole, RoleTrust } from '../../lib/aws/iam';
import { EncryptionKey, KeyService } from '../../lib/aws/kms';
import { SecureLogGroup } from '../../lib/aws/logs';
import { InterfaceEndpoint, SecureVpc, SubnetLayout, GatewayEndpoint } from '../../lib/aws/network';
import { SecureBucket } from '../../lib/aws/s3';
import { SecretsStore } from '../../lib/aws/secrets';
import { SecretReference, WorkloadIdentityBinding } from '../../lib/core/cross-plane';
import { APP, CLUSTER, KUBECTL_LAYER_ARN, PLATFORM_ENV, REGISTRY } from './config';

export { PLATFORM_ENV };

/** What the Kubernetes plane gets from the AWS plane. */
export interface AwsPlatformOutputs {
  /** The backend's AWS identity (IRSA): role ARN, namespace, service account. */
  readonly backendIdentity: WorkloadIdentityBinding;
  /** The database credential the backend reads. */
  readonly dbSecret: SecretReference;
  readonly region: string;
  /** Image patterns of the platform's repositories, for the signed-image admission policy. */
  readonly imagePatterns: string[];
  /** The cluster; the Kubernetes plane is deployed onto it with `cluster.addCdk8sChart()`. */
  readonly cluster: SecureCluster;
}

export function buildAwsPlatform(app: App): AwsPlatformOutputs {
  const stack = new Stack(app, 'Platform', { env: PLATFORM_ENV, description: 'secure-constructs reference platform' });

  const key = new EncryptionKey(stack, 'PlatformKey', { alias: 'platform/data' });
  new SecureLogGroup(stack, 'AppLogs', { encryptionKey: key });

  const network = new SecureVpc(stack, 'Network', {
    subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS,
    internetAccessReason: 'The public HTTPS front needs public subnets; workloads pull images through NAT.',
    gatewayEndpoints: [GatewayEndpoint.S3],
    interfaceEndpoints: [InterfaceEndpoint.SECRETS_MANAGER, InterfaceEndpoint.KMS, InterfaceEndpoint.STS, InterfaceEndpoint.ECR_API, InterfaceEndpoint.ECR_DOCKER, InterfaceEndpoint.CLOUDWATCH_LOGS],
  });

  new AuditBaseline(stack, 'Audit', { encryptionKey: key });

  const db = new SecretsStore(stack, 'DbCredentials', { secretName: APP.dbSecretName, encryptionKey: key });

  new MtlsHttpsService(stack, 'Front', {
    vpc: network.vpc,
    certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', APP.certificateArn),
    internetFacing: true,
    internetFacingReason: 'The shop is a public web site; WAF and TLS 1.3 guard the front.',
    redirectHttp: true,
    mutualTls: {
      caCertificatesBucket: s3.Bucket.fromBucketName(stack, 'CaBundles', APP.caBundleBucket),
      caCertificatesKey: APP.caBundleKey,
    },
  });

  // The backend's identity: trusted only by system:serviceaccount:shop:api, allowed to read only the db secret.
  const backend = new WorkloadIdentity(stack, 'BackendIdentity', {
    cluster: CLUSTER,
    namespaceName: APP.namespace,
    serviceAccountName: APP.backend,
  });
  db.grantRead(backend);

  // Product images: a hardened bucket; the backend may read them, and the catalogue job may write them.
  const assets = new SecureBucket(stack, 'Assets', { encryptionKey: key });
  backend.addStatements({
    actions: ['s3:GetObject'],
    resources: [assets.bucket.arnForObjects('images/*')],
    wildcardJustification: 'Product images are stored under images/ with generated names.',
  });
  key.grantDecryptViaService(backend, KeyService.S3);

  // An internal orders API for partners: regional endpoint, IAM authorization, WAF, throttling, JSON logs.
  const orders = new SecureRestApi(stack, 'OrdersApi', { description: 'Orders API for partners' });
  orders.restApi.root.addResource('orders').addMethod('GET', new apigw.HttpIntegration('https://orders.internal.example.com/orders'));

  // The CI pipeline's deploy role in the tooling account: cross-account trust needs an external id.
  new LeastPrivilegeRole(stack, 'CiDeployRole', {
    assumedBy: RoleTrust.account('210987654321', { externalId: 'shop-ci-deploy' }),
    statements: [{ actions: ['cloudformation:DescribeStacks'], resources: [`arn:aws:cloudformation:${PLATFORM_ENV.region}:${PLATFORM_ENV.account}:stack/Platform/*`], wildcardJustification: 'Stack ids end in a generated suffix.' }],
  });

  // The supply chain: one hardened repository per image (immutable tags, scan on push, KMS, closed policy) ...
  const repositories = Object.entries(REGISTRY.repositories).map(([id, repositoryName]) => new SecureRepository(stack, `Repo-${id}`, { repositoryName, encryptionKey: key }));
  SecureRepository.enhancedScanning(stack, 'ImageScanning', { repositoryFilters: ['shop/*'] });
  // ... and the cluster the images run on: private endpoint, secrets envelope-encrypted, audit logs, access entries,
  // Pod Identity agent, IMDSv2-only nodes in the private subnets; the kubectl handler deploys the Kubernetes plane.
  const cluster = new SecureCluster(stack, 'Cluster', {
    vpc: network.vpc,
    clusterName: CLUSTER.clusterName,
    secretsEncryptionKey: key,
    adminRoleArns: [`arn:aws:iam::${PLATFORM_ENV.account}:role/platform-admins`],
    kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'KubectlLayer', KUBECTL_LAYER_ARN),
  });

  return {
    imagePatterns: repositories.map((r) => r.imagePattern),
    cluster,
    backendIdentity: backend.binding,
    dbSecret: { secretName: APP.dbSecretName, region: PLATFORM_ENV.region },
    region: PLATFORM_ENV.region,
  };
}
