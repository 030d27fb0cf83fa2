import { Rule } from '../model';
import { AWS_RULES } from './aws';
import { RULES as CROSS_RULES } from './cross';
import { K8S_RULES } from './k8s';

export { AWS_RULES, K8S_RULES, CROSS_RULES };

/** Every rule we ship. */
export const ALL_RULES: Rule[] = [...AWS_RULES, ...K8S_RULES, ...CROSS_RULES];
