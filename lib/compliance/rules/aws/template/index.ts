import { AWS_TEMPLATE_UNCHECKED_RESOURCE } from './unchecked-resource';
import { Rule } from '../../../model';

/** Rules about the template as a whole (what the loader could not expand). Add each new rule file here. */
export const RULES: Rule[] = [AWS_TEMPLATE_UNCHECKED_RESOURCE];
