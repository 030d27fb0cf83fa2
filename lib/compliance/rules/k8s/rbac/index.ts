import { K8S_RBAC_ADMISSION_WEBHOOKS } from './admission-webhooks';
import { K8S_RBAC_CLUSTER_ADMIN_BINDING } from './cluster-admin-binding';
import { K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT } from './cluster-binding-service-account';
import { K8S_RBAC_CREATE_PERSISTENT_VOLUMES } from './create-persistent-volumes';
import { K8S_RBAC_CREATE_PODS } from './create-pods';
import { K8S_RBAC_CSR_APPROVAL } from './csr-approval';
import { K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING } from './default-service-account-binding';
import { K8S_RBAC_DELETE_EVENTS } from './delete-events';
import { K8S_RBAC_ESCALATION_VERBS } from './escalation-verbs';
import { K8S_RBAC_NODES_PROXY } from './nodes-proxy';
import { K8S_RBAC_POD_EXEC } from './pod-exec';
import { K8S_RBAC_POD_PORTFORWARD } from './pod-portforward';
import { K8S_RBAC_SECRETS_READ } from './secrets-read';
import { K8S_RBAC_SYSTEM_GROUP_BINDING } from './system-group-binding';
import { K8S_RBAC_TOKEN_CREATE } from './token-create';
import { K8S_RBAC_WILDCARD } from './wildcard';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  K8S_RBAC_WILDCARD,
  K8S_RBAC_ESCALATION_VERBS,
  K8S_RBAC_SECRETS_READ,
  K8S_RBAC_POD_EXEC,
  K8S_RBAC_CLUSTER_ADMIN_BINDING,
  K8S_RBAC_CLUSTER_BINDING_SERVICE_ACCOUNT,
  K8S_RBAC_CREATE_PODS,
  K8S_RBAC_SYSTEM_GROUP_BINDING,
  K8S_RBAC_NODES_PROXY,
  K8S_RBAC_CSR_APPROVAL,
  K8S_RBAC_ADMISSION_WEBHOOKS,
  K8S_RBAC_TOKEN_CREATE,
  K8S_RBAC_CREATE_PERSISTENT_VOLUMES,
  K8S_RBAC_POD_PORTFORWARD,
  K8S_RBAC_DEFAULT_SERVICE_ACCOUNT_BINDING,
  K8S_RBAC_DELETE_EVENTS,
];
