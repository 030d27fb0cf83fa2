import { aws_eks_v2 as eks, aws_logs as logs } from 'aws-cdk-lib';

/**
 * The secure defaults of SecureCluster, in one typed place. Documented in docs/aws-eks.md and checked against
 * synthesized output by test/aws/eks/defaults.test.ts.
 */
export const EKS_DEFAULTS = {
  /** The newest Kubernetes version aws-cdk-lib knows. */
  version: eks.KubernetesVersion.V1_37,
  /** Versions older than this need `versionReason` (they leave EKS standard support first). */
  minimumVersion: '1.35',
  /** Every control-plane log type. */
  logTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as readonly string[],
  logRetention: logs.RetentionDays.ONE_YEAR,
  /** Access entries only (no aws-auth ConfigMap). */
  authenticationMode: 'API',
  /** The CloudFormation principal that creates the cluster does not stay cluster admin. */
  bootstrapClusterCreatorAdminPermissions: false,
  /** Nodes: a managed node group. */
  instanceType: 'm6i.large',
  minSize: 2,
  maxSize: 4,
  diskSizeGiB: 50,
  amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
  /** IMDSv2 only, and one network hop: pods (not on the host network) cannot reach the node's credentials. */
  httpTokens: 'required',
  httpPutResponseHopLimit: 1,
} as const;

/** Rule ids of our pack that SecureCluster guarantees. */
export const EKS_RULE_IDS = {
  secretsEncryption: 'aws-eks-secrets-encryption',
  endpointAccess: 'aws-eks-endpoint-access',
  logging: 'aws-eks-control-plane-logging',
  accessEntries: 'aws-eks-access-entries',
  version: 'aws-eks-kubernetes-version',
  nodeImdsv2: 'aws-eks-nodegroup-imdsv2',
} as const;
