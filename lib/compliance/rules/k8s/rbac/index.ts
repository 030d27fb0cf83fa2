import { Rule } from '../../../model';
import { K8S_RBAC_CLUSTER_ADMIN_BINDING } from './cluster-admin-binding';
import { K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT } from './cluster-binding-service-account';
import { K8S_RBAC_ESCALATION_VERBS } from './escalation-verbs';
import { K8S_RBAC_POD_EXEC } from './pod-exec';
import { K8S_RBAC_SECRETS_READ } from './secrets-read';
import { K8S_RBAC_WILDCARD } from './wildcard';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  K8S_RBAC_WILDCARD,
  K8S_RBAC_ESCALATION_VERBS,
  K8S_RBAC_SECRETS_READ,
  K8S_RBAC_POD_EXEC,
  K8S_RBAC_CLUSTER_ADMIN_BINDING,
  K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT,
];
