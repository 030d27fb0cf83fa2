import { Rule } from '../../../model';
import { AWS_EDGE_ALB_MTLS_VERIFY } from './alb-mtls-verify';
import { AWS_EDGE_ALB_DESYNC_MITIGATION } from './alb-desync-mitigation';
import { AWS_EDGE_ALB_DROP_INVALID_HEADERS } from './alb-drop-invalid-headers';
import { AWS_EDGE_APIGW_DOMAIN_TLS12 } from './apigw-domain-tls12';
import { AWS_EDGE_APIGW_METHOD_AUTHORIZATION } from './apigw-method-authorization';
import { AWS_EDGE_APIGW_NO_DATA_TRACE } from './apigw-no-data-trace';
import { AWS_EDGE_ELB_LISTENER_TLS12 } from './listener-tls12';
import { AWS_EDGE_ELB_LISTENER_TLS13 } from './listener-tls13';
import { AWS_EDGE_WAF_RATE_BASED_RULE } from './waf-rate-based-rule';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_EDGE_ELB_LISTENER_TLS12, AWS_EDGE_ELB_LISTENER_TLS13, AWS_EDGE_ALB_DROP_INVALID_HEADERS, AWS_EDGE_ALB_DESYNC_MITIGATION,
  AWS_EDGE_ALB_MTLS_VERIFY, AWS_EDGE_WAF_RATE_BASED_RULE, AWS_EDGE_APIGW_DOMAIN_TLS12, AWS_EDGE_APIGW_METHOD_AUTHORIZATION,
  AWS_EDGE_APIGW_NO_DATA_TRACE,
];
