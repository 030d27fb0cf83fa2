import { Rule } from '../../../model';
import { AWS_IAM_ROLE_MAX_SESSION_DURATION } from './max-session-duration';
import { AWS_IAM_PASS_ROLE_WILDCARD } from './pass-role-wildcard';
import { AWS_IAM_ROLE_PERMISSIONS_BOUNDARY } from './permissions-boundary';
import { AWS_IAM_POLICY_DOCUMENT_VALID } from './policy-document-valid';
import { AWS_IAM_ROLE_TRUST_CONDITIONS } from './trust-conditions';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [AWS_IAM_ROLE_PERMISSIONS_BOUNDARY, AWS_IAM_ROLE_MAX_SESSION_DURATION, AWS_IAM_ROLE_TRUST_CONDITIONS, AWS_IAM_PASS_ROLE_WILDCARD, AWS_IAM_POLICY_DOCUMENT_VALID];
