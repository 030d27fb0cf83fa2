import { AWS_IAM_ROLE_MAX_SESSION_DURATION } from './max-session-duration';
import { AWS_IAM_PASS_ROLE_WILDCARD } from './pass-role-wildcard';
import { AWS_IAM_ROLE_PERMISSIONS_BOUNDARY } from './permissions-boundary';
import { AWS_IAM_POLICY_DOCUMENT_VALID } from './policy-document-valid';
import { AWS_IAM_POLICY_NOT_ACTION } from './policy-not-action';
import { AWS_IAM_POLICY_WILDCARD_ACTIONS } from './policy-wildcard-actions';
import { AWS_IAM_PRIVILEGE_ESCALATION } from './privilege-escalation';
import { AWS_IAM_PRIVILEGED_MANAGED_POLICY } from './privileged-managed-policy';
import { AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT } from './trust-account-root';
import { AWS_IAM_ROLE_TRUST_CONDITIONS } from './trust-conditions';
import { AWS_IAM_ROLE_TRUST_WILDCARD_ACTION } from './trust-wildcard-action';
import { AWS_IAM_USER_NO_POLICIES } from './user-no-policies';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_IAM_ROLE_PERMISSIONS_BOUNDARY, AWS_IAM_ROLE_MAX_SESSION_DURATION, AWS_IAM_ROLE_TRUST_CONDITIONS, AWS_IAM_PASS_ROLE_WILDCARD,
  AWS_IAM_POLICY_DOCUMENT_VALID, AWS_IAM_POLICY_WILDCARD_ACTIONS, AWS_IAM_POLICY_NOT_ACTION, AWS_IAM_PRIVILEGED_MANAGED_POLICY,
  AWS_IAM_PRIVILEGE_ESCALATION, AWS_IAM_USER_NO_POLICIES, AWS_IAM_ROLE_TRUST_WILDCARD_ACTION, AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT,
];
