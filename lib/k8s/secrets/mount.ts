import { Construct } from 'constructs';
import { PropValidator } from '../../core/errors';
import { IHardenedWorkload, SecretMountOptions } from '../workload/types';

/** Mounts a Secret into a workload after checking both are in the same namespace. */
export function mountSecretInto(
  scope: Construct,
  workload: IHardenedWorkload,
  secretName: string,
  secretNamespace: string | undefined,
  mountPath: string,
  options: SecretMountOptions,
): void {
  const v = new PropValidator(scope);
  v.require(typeof workload?.mountSecret === 'function', 'mountInto(workload)', 'is not a hardened workload.', 'Pass a HardenedDeployment, HardenedStatefulSet, HardenedJob or HardenedCronJob.');
  v.throwIfInvalid();
  v.require(workload.workloadNamespace === secretNamespace, 'mountInto(workload)', `workload "${workload.workloadName}" runs in namespace ${JSON.stringify(workload.workloadNamespace ?? null)}, the Secret is in ${JSON.stringify(secretNamespace ?? null)}; pods can only mount Secrets of their own namespace.`, 'Create the secret in the workload\'s namespace.');
  v.throwIfInvalid();
  workload.mountSecret(secretName, mountPath, options);
}
