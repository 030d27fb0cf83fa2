import { eksManifestChecked } from './eks-manifest-checked';
import { externalSecretReadable } from './external-secret-readable';
import { imageRepository } from './image-repository';
import { podIdentityAssociation } from './pod-identity-association';
import { repositoryImagePolicy } from './repository-image-policy';
import { serviceAccountRoleTrust } from './service-account-role-trust';
import { unusedWorkloadRole } from './unused-workload-role';
import { Rule } from '../../model';

/** Rules that read the AWS and Kubernetes outputs together. */
export const RULES: Rule[] = [
  serviceAccountRoleTrust, externalSecretReadable, unusedWorkloadRole, podIdentityAssociation, eksManifestChecked,
  repositoryImagePolicy, imageRepository,
];
