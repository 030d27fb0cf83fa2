import { AWS_SECRETS_CMK_ENCRYPTION } from './cmk-encryption';
import { AWS_SECRETS_RESOURCE_POLICY } from './resource-policy';
import { AWS_SECRETS_RETAINED } from './retained';
import { AWS_SECRETS_ROTATION } from './rotation';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [AWS_SECRETS_RESOURCE_POLICY, AWS_SECRETS_CMK_ENCRYPTION, AWS_SECRETS_ROTATION, AWS_SECRETS_RETAINED];
