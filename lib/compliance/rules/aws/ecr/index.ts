import { AWS_ECR_KMS_ENCRYPTION } from './kms-encryption';
import { AWS_ECR_LIFECYCLE_POLICY } from './lifecycle-policy';
import { AWS_ECR_REPOSITORY_POLICY } from './repository-policy';
import { AWS_ECR_REPOSITORY_RETAINED } from './retained';
import { AWS_ECR_SCAN_ON_PUSH } from './scan-on-push';
import { AWS_ECR_TAG_IMMUTABILITY } from './tag-immutability';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_ECR_TAG_IMMUTABILITY, AWS_ECR_SCAN_ON_PUSH, AWS_ECR_KMS_ENCRYPTION, AWS_ECR_LIFECYCLE_POLICY, AWS_ECR_REPOSITORY_POLICY,
  AWS_ECR_REPOSITORY_RETAINED,
];
