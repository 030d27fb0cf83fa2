import { AWS_EKS_ACCESS_ENTRIES } from './access-entries';
import { AWS_EKS_CONTROL_PLANE_LOGGING } from './control-plane-logging';
import { AWS_EKS_ENDPOINT_ACCESS } from './endpoint-access';
import { AWS_EKS_KUBERNETES_VERSION } from './kubernetes-version';
import { AWS_EKS_NODEGROUP_IMDSV2 } from './nodegroup-imdsv2';
import { AWS_EKS_SECRETS_ENCRYPTION } from './secrets-encryption';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_EKS_SECRETS_ENCRYPTION, AWS_EKS_ENDPOINT_ACCESS, AWS_EKS_CONTROL_PLANE_LOGGING, AWS_EKS_ACCESS_ENTRIES, AWS_EKS_KUBERNETES_VERSION,
  AWS_EKS_NODEGROUP_IMDSV2,
];
