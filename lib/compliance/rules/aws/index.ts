import { RULES as AUDIT } from './audit';
import { RULES as ECR } from './ecr';
import { RULES as EDGE } from './edge';
import { RULES as EKS } from './eks';
import { RULES as IAM } from './iam';
import { RULES as KMS } from './kms';
import { RULES as LOGS } from './logs';
import { RULES as NETWORK } from './network';
import { RULES as S3 } from './s3';
import { RULES as SECRETS } from './secrets';
import { RULES as TEMPLATE } from './template';
import { Rule } from '../../model';

/** Every aws rule, by area. */
export const AWS_RULES: Rule[] = [...AUDIT, ...ECR, ...EDGE, ...EKS, ...IAM, ...KMS, ...LOGS, ...NETWORK, ...S3, ...SECRETS, ...TEMPLATE];
