import { Rule } from '../../../model';
import { AWS_S3_BUCKET_OWNER_ENFORCED } from './owner-enforced';
import { AWS_S3_BUCKET_RETAINED } from './retained';
import { AWS_S3_BUCKET_TLS_VERSION } from './tls-version';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [AWS_S3_BUCKET_TLS_VERSION, AWS_S3_BUCKET_OWNER_ENFORCED, AWS_S3_BUCKET_RETAINED];
