import { Stack, Token, aws_eks as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { WorkloadIdentityBinding, WorkloadIdentityMode } from '../../core/cross-plane';
import { PropValidator } from '../../core/errors';
import { LeastPrivilegeRole, PermissionStatement, RoleTrust } from '../iam';

/** The EKS cluster a workload identity belongs to. */
export interface EksClusterReference {
  /** Name of the cluster (Pod Identity associations and the cluster ARN need it). */
  readonly clusterName: string;
  /**
   * The cluster's OIDC issuer as IAM knows it: the issuer URL without `https://`,
   * e.g. `oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`. Required for IRSA.
   * It must be a literal: it is a key of the trust policy's conditions.
   * @default - none (required for WorkloadIdentityMode.IRSA)
   */
  readonly oidcIssuer?: string;
  /**
   * ARN of the cluster's IAM OIDC identity provider.
   * @default - `arn:<partition>:iam::<account>:oidc-provider/<oidcIssuer>` in the stack's account
   */
  readonly oidcProviderArn?: string;
}

/** Properties of a WorkloadIdentity. */
export interface WorkloadIdentityProps {
  /** The cluster. */
  readonly cluster: EksClusterReference;
  /** Kubernetes namespace of the service account (exact; no wildcard). */
  readonly namespaceName: string;
  /** Name of the Kubernetes service account (exact; no wildcard). */
  readonly serviceAccountName: string;
  /**
   * IRSA (OIDC trust + service account annotation) or EKS Pod Identity (association, no annotation).
   * @default WorkloadIdentityMode.IRSA
   */
  readonly mode?: WorkloadIdentityMode;
  /**
   * Name of the IAM role. Explicit so that its ARN is known at synth and can cross to the Kubernetes side.
   * @default - `<namespace>-<serviceAccountName>`, truncated to 64 characters
   */
  readonly roleName?: string;
  /**
   * Permissions of the role (validated like LeastPrivilegeRole statements).
   * @default - none; grant with e.g. `secretsStore.grantRead(identity)`
   */
  readonly statements?: PermissionStatement[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * The AWS side of a Kubernetes workload's identity: a LeastPrivilegeRole trusted only by exactly
 * `system:serviceaccount:<namespace>:<name>` of one cluster (IRSA, with the `sts.amazonaws.com`
 * audience), or bound to it by an EKS Pod Identity association. Never a wildcard subject.
 *
 * `binding` carries the literal role ARN, namespace and service account name to the Kubernetes app,
 * where `bindWorkloadIdentity(workload, binding)` annotates the workload's ServiceAccount.
 */
export class WorkloadIdentity extends Construct implements iam.IGrantable {
  /** The role. */
  public readonly role: LeastPrivilegeRole;
  /** What the Kubernetes side needs (all literals). */
  public readonly binding: WorkloadIdentityBinding;
  public readonly grantPrincipal: iam.IPrincipal;
  /** The EKS Pod Identity association (POD_IDENTITY mode only). */
  public readonly podIdentityAssociation?: eks.CfnPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const v = new PropValidator(this);
    const mode = props.mode ?? WorkloadIdentityMode.IRSA;
    const { namespaceName: namespace, serviceAccountName } = props;
    v.require(typeof namespace === 'string' && DNS_LABEL.test(namespace) && namespace.length <= 63, 'namespaceName',
      `must be an exact Kubernetes namespace name (got ${JSON.stringify(namespace)}); wildcards are never allowed.`, 'Give the namespace the workload runs in, e.g. "shop".');
    v.require(typeof serviceAccountName === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(serviceAccountName) && serviceAccountName.length <= 253, 'serviceAccountName',
      `must be an exact service account name (got ${JSON.stringify(serviceAccountName)}); wildcards are never allowed.`, 'Give the name of the workload\'s ServiceAccount (HardenedWorkload.serviceAccountName).');
    v.require(Object.values(WorkloadIdentityMode).includes(mode), 'mode', `is not a WorkloadIdentityMode (got ${JSON.stringify(mode)}).`, 'Use WorkloadIdentityMode.IRSA or WorkloadIdentityMode.POD_IDENTITY.');
    v.require(!Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region), 'scope',
      `is in a stack without an explicit account and region (${stack.node.path}); the role ARN would not be known at synth and could not reach the Kubernetes side.`,
      'Create the stack with env: { account, region } (or CDK_DEFAULT_ACCOUNT/REGION resolved at synth).');
    const clusterName = props.cluster?.clusterName;
    v.require(typeof clusterName === 'string' && clusterName.length > 0, 'cluster.clusterName', 'is required.', 'Give the EKS cluster name.');
    if (mode === WorkloadIdentityMode.IRSA) {
      const issuer = props.cluster?.oidcIssuer;
      v.require(typeof issuer === 'string' && !Token.isUnresolved(issuer) && /^[a-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/.test(issuer) && !issuer.startsWith('https://'), 'cluster.oidcIssuer',
        `must be the literal OIDC issuer without https:// for IRSA (got ${JSON.stringify(issuer)}).`, 'Pass e.g. "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"; read it once from `aws eks describe-cluster` into your platform config.');
    }
    const roleName = props.roleName ?? `${namespace}-${serviceAccountName}`.slice(0, 64);
    v.require(ROLE_NAME.test(roleName), 'roleName', `is not a valid IAM role name (got ${JSON.stringify(roleName)}).`, 'Use at most 64 letters, digits and +=,.@_-.');
    v.throwIfInvalid();

    const subject = `system:serviceaccount:${namespace}:${serviceAccountName}`;
    const partition = stack.partition === undefined || Token.isUnresolved(stack.partition) ? 'aws' : stack.partition;
    const clusterArn = `arn:${partition}:eks:${stack.region}:${stack.account}:cluster/${clusterName}`;
    const trust = mode === WorkloadIdentityMode.IRSA
      ? RoleTrust.oidc({
        providerArn: props.cluster.oidcProviderArn ?? `arn:${partition}:iam::${stack.account}:oidc-provider/${props.cluster.oidcIssuer}`,
        issuer: props.cluster.oidcIssuer!,
        subjects: [subject],
        audience: 'sts.amazonaws.com',
      })
      : RoleTrust.service('pods.eks.amazonaws.com', { sourceAccount: stack.account, sourceArn: clusterArn });

    this.role = new LeastPrivilegeRole(this, 'Role', {
      assumedBy: trust,
      roleName,
      description: `Workload identity of ${subject} in ${clusterName}`,
      statements: props.statements,
    });
    if (mode === WorkloadIdentityMode.POD_IDENTITY) {
      // EKS Pod Identity also needs sts:TagSession in the trust policy
      this.role.role.assumeRolePolicy?.addStatements(new iam.PolicyStatement({
        actions: ['sts:TagSession'],
        principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnEquals: { 'aws:SourceArn': clusterArn } },
      }));
      this.podIdentityAssociation = new eks.CfnPodIdentityAssociation(this, 'Association', {
        clusterName, namespace, serviceAccount: serviceAccountName, roleArn: this.role.roleArn,
      });
    }
    this.grantPrincipal = this.role.grantPrincipal;
    this.binding = {
      mode,
      roleArn: `arn:${partition}:iam::${stack.account}:role/${roleName}`,
      roleName,
      namespaceName: namespace,
      serviceAccountName,
      region: stack.region,
    };
  }

  /** Adds permissions to the role (validated like LeastPrivilegeRole statements). */
  public addStatements(...statements: PermissionStatement[]): void {
    this.role.addStatements(...statements);
  }
}
