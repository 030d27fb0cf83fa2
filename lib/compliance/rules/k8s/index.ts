import { RULES as MESH } from './mesh';
import { RULES as NAMESPACE } from './namespace';
import { RULES as NETWORK } from './network';
import { RULES as PSS } from './pss';
import { RULES as RBAC } from './rbac';
import { RULES as SECRETS } from './secrets';
import { RULES as SUPPLY_CHAIN } from './supply-chain';
import { RULES as WORKLOAD } from './workload';
import { Rule } from '../../model';

/** Every k8s rule, by area. */
export const K8S_RULES: Rule[] = [...MESH, ...NAMESPACE, ...NETWORK, ...PSS, ...RBAC, ...SECRETS, ...SUPPLY_CHAIN, ...WORKLOAD];
