import { namespacePodSecurityAdmission } from './pod-security-admission';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [namespacePodSecurityAdmission];
