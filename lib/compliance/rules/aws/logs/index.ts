import { AWS_LOGS_LOG_GROUP_ENCRYPTED } from './encrypted';
import { AWS_LOGS_LOG_GROUP_RETAINED } from './retained';
import { AWS_LOGS_LOG_GROUP_RETENTION } from './retention';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [AWS_LOGS_LOG_GROUP_RETENTION, AWS_LOGS_LOG_GROUP_ENCRYPTED, AWS_LOGS_LOG_GROUP_RETAINED];
