import { K8S_SUPPLY_CHAIN_SIGNED_IMAGES } from './signed-images';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [K8S_SUPPLY_CHAIN_SIGNED_IMAGES];
