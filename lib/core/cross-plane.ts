/**
 * Typed values that cross from the AWS plane (aws-cdk-lib App) to the Kubernetes plane (cdk8s App).
 * The two apps stay separate synth targets; these objects carry the values between them so nothing is
 * copy-pasted. Every field is a literal string known at synth time (never an unresolved token), which
 * the constructs that produce them guarantee.
 */

/** How a Kubernetes workload gets its AWS identity. */
export enum WorkloadIdentityMode {
  /** IAM Roles for Service Accounts: the role trusts the cluster's OIDC provider for one service account. */
  IRSA = 'IRSA',
  /** EKS Pod Identity: an association binds the service account to the role; no annotation needed. */
  POD_IDENTITY = 'POD_IDENTITY',
}

/** The AWS identity of one Kubernetes service account. */
export interface WorkloadIdentityBinding {
  /** IRSA or EKS Pod Identity. */
  readonly mode: WorkloadIdentityMode;
  /** ARN of the IAM role (literal). */
  readonly roleArn: string;
  /** Name of the IAM role. */
  readonly roleName: string;
  /** Kubernetes namespace of the service account. */
  readonly namespaceName: string;
  /** Name of the Kubernetes service account. */
  readonly serviceAccountName: string;
  /** AWS region of the role's stack (where the workload calls AWS APIs). */
  readonly region: string;
}

/** A Secrets Manager secret that a Kubernetes workload may read. */
export interface SecretReference {
  /** The secret's name (what ExternalSecret `remoteRef.key` uses). */
  readonly secretName: string;
  /** The secret's region. */
  readonly region: string;
}
