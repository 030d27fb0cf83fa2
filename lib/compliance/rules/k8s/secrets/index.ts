import { K8S_SECRETS_ANNOTATIONS } from './annotations';
import { K8S_SECRETS_SECRET_DATA } from './secret-data';
import { K8S_SECRETS_SENSITIVE_VALUES } from './sensitive-values';
import { K8S_SECRETS_SERVICE_ACCOUNT_TOKEN } from './service-account-token';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [K8S_SECRETS_ANNOTATIONS, K8S_SECRETS_SECRET_DATA, K8S_SECRETS_SENSITIVE_VALUES, K8S_SECRETS_SERVICE_ACCOUNT_TOKEN];
