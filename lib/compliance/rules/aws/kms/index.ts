import { AWS_KMS_KEY_GRANT_RESTRICTION } from './key-grant-restriction';
import { AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE } from './key-policy-least-privilege';
import { AWS_KMS_KEY_RETAINED } from './key-retained';
import { AWS_KMS_KEY_ROTATION } from './key-rotation';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [AWS_KMS_KEY_ROTATION, AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE, AWS_KMS_KEY_GRANT_RESTRICTION, AWS_KMS_KEY_RETAINED];
