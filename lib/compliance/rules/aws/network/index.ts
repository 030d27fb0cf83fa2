import { AWS_NETWORK_DEFAULT_SG_CLOSED } from './default-sg-closed';
import { AWS_NETWORK_NACL_OPEN_INGRESS } from './nacl-open-ingress';
import { AWS_NETWORK_SG_OPEN_EGRESS } from './sg-open-egress';
import { AWS_NETWORK_SG_OPEN_INGRESS } from './sg-open-ingress';
import { AWS_NETWORK_SG_RULE_DESCRIPTION } from './sg-rule-description';
import { AWS_NETWORK_SG_WIDE_INGRESS } from './sg-wide-ingress';
import { AWS_NETWORK_SUBNET_NO_PUBLIC_IP } from './subnet-no-public-ip';
import { AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC } from './vpc-flow-logs-all-traffic';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_NETWORK_SG_OPEN_INGRESS, AWS_NETWORK_NACL_OPEN_INGRESS, AWS_NETWORK_VPC_FLOW_LOGS_ALL_TRAFFIC, AWS_NETWORK_SG_OPEN_EGRESS,
  AWS_NETWORK_SG_WIDE_INGRESS, AWS_NETWORK_SUBNET_NO_PUBLIC_IP, AWS_NETWORK_DEFAULT_SG_CLOSED, AWS_NETWORK_SG_RULE_DESCRIPTION,
];
