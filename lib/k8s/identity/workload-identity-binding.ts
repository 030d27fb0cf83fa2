import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { WorkloadIdentityBinding, WorkloadIdentityMode } from '../../core/cross-plane';
import { PropValidator } from '../../core/errors';
import { namespaceOf } from '../shared/objects';
import { IHardenedWorkload } from '../workload/types';

/** The IRSA annotation on a ServiceAccount. */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';

function checkSameWorkload(
  v: PropValidator,
  property: string,
  workload: IHardenedWorkload,
  binding: WorkloadIdentityBinding,
  scope: Construct,
): void {
  const ns = workload?.workloadNamespace ?? namespaceOf(scope, undefined);
  v.require(!!binding && typeof binding.roleArn === 'string' && /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(binding.roleArn), `${property}.roleArn`,
    `is not a literal IAM role ARN (got ${JSON.stringify(binding?.roleArn)}).`, 'Pass the `binding` of the AWS-side WorkloadIdentity (its stack needs an explicit account).');
  v.require(binding?.namespaceName === ns, `${property}.namespace`,
    `is "${binding?.namespaceName}" but the workload runs in namespace "${ns ?? '(unset)'}"; the role would trust another namespace.`,
    'Create the WorkloadIdentity with the workload\'s namespace (or put the workload in the identity\'s namespace).');
  v.require(binding?.serviceAccountName === workload?.serviceAccountName, `${property}.serviceAccountName`,
    `is "${binding?.serviceAccountName}" but the workload's ServiceAccount is "${workload?.serviceAccountName}".`,
    'Create the WorkloadIdentity with serviceAccountName: workload.serviceAccountName.');
}

/**
 * The Kubernetes side of a WorkloadIdentity: it checks that the binding names exactly this workload's
 * namespace and ServiceAccount, and (IRSA) annotates that ServiceAccount with the role ARN.
 */
export class WorkloadIdentityServiceAccount {
  /**
   * Binds a workload to its AWS identity.
   * @param workload a HardenedDeployment / StatefulSet / Job / CronJob
   * @param binding `WorkloadIdentity.binding` from the AWS app
   */
  public static bind(workload: IHardenedWorkload, binding: WorkloadIdentityBinding): void {
    const v = new PropValidator(workload);
    checkSameWorkload(v, 'binding', workload, binding, workload);
    v.throwIfInvalid();
    if (binding.mode !== WorkloadIdentityMode.IRSA) return; // Pod Identity: the association does the binding
    const sa = workload.node.findAll().find((c) => ApiObject.isApiObject(c) && (c as ApiObject).kind === 'ServiceAccount' && (c as ApiObject).name === workload.serviceAccountName) as ApiObject | undefined;
    if (!sa) {
      v.fail('workload', `has no ServiceAccount "${workload.serviceAccountName}" of its own.`, 'Bind a HardenedWorkload (it creates a dedicated ServiceAccount).');
      v.throwIfInvalid();
    }
    sa!.metadata.addAnnotation(IRSA_ROLE_ANNOTATION, binding.roleArn);
    sa!.metadata.addAnnotation('eks.amazonaws.com/sts-regional-endpoints', 'true');
  }

  private constructor() {}
}

export { checkSameWorkload };
