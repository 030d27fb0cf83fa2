import { AWS_S3_BUCKET_ACCESS_LOGGING } from './access-logging';
import { AWS_S3_BUCKET_KMS_ENCRYPTION } from './kms-encryption';
import { AWS_S3_BUCKET_OWNER_ENFORCED } from './owner-enforced';
import { AWS_S3_BUCKET_POLICY_PUBLIC } from './policy-public';
import { AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK } from './public-access-block';
import { AWS_S3_BUCKET_PUBLIC_ACL } from './public-acl';
import { AWS_S3_BUCKET_RETAINED } from './retained';
import { AWS_S3_BUCKET_SSL_ONLY } from './ssl-only';
import { AWS_S3_BUCKET_TLS_VERSION } from './tls-version';
import { AWS_S3_BUCKET_VERSIONING } from './versioning';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_S3_BUCKET_TLS_VERSION, AWS_S3_BUCKET_OWNER_ENFORCED, AWS_S3_BUCKET_RETAINED, AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, AWS_S3_BUCKET_POLICY_PUBLIC,
  AWS_S3_BUCKET_SSL_ONLY, AWS_S3_BUCKET_KMS_ENCRYPTION, AWS_S3_BUCKET_VERSIONING, AWS_S3_BUCKET_ACCESS_LOGGING, AWS_S3_BUCKET_PUBLIC_ACL,
];
