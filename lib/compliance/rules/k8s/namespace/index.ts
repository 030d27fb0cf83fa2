import { Rule } from '../../../model';
import { namespacePodSecurityAdmission } from './pod-security-admission';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [namespacePodSecurityAdmission];
