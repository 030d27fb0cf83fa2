import { Rule } from '../../model';
import { externalSecretReadable } from './external-secret-readable';
import { podIdentityAssociation } from './pod-identity-association';
import { serviceAccountRoleTrust } from './service-account-role-trust';
import { unusedWorkloadRole } from './unused-workload-role';

/** Rules that read the AWS and Kubernetes outputs together. */
export const RULES: Rule[] = [serviceAccountRoleTrust, externalSecretReadable, unusedWorkloadRole, podIdentityAssociation];
