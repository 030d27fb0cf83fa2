import { Rule } from '../../../model';
import { K8S_NETWORK_DEFAULT_DENY } from './default-deny';
import { K8S_NETWORK_EXPOSED_SERVICE } from './exposed-service';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [K8S_NETWORK_DEFAULT_DENY, K8S_NETWORK_EXPOSED_SERVICE];
