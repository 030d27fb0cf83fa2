import { Rule } from '../../../model';
import { AWS_NETWORK_NACL_OPEN_INGRESS } from './nacl-open-ingress';
import { AWS_NETWORK_SG_OPEN_INGRESS } from './sg-open-ingress';
import { AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC } from './vpc-flow-logs-all-traffic';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [AWS_NETWORK_SG_OPEN_INGRESS, AWS_NETWORK_NACL_OPEN_INGRESS, AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC];
