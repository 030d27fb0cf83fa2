import { AWS_EDGE_ALB_DESYNC_MITIGATION } from './alb-desync-mitigation';
import { AWS_EDGE_ALB_DROP_INVALID_HEADERS } from './alb-drop-invalid-headers';
import { AWS_EDGE_ALB_HTTP_REDIRECT } from './alb-http-redirect';
import { AWS_EDGE_ALB_MTLS_VERIFY } from './alb-mtls-verify';
import { AWS_EDGE_ALB_WAF } from './alb-waf';
import { AWS_EDGE_APIGW_ACCESS_LOGS } from './apigw-access-logs';
import { AWS_EDGE_APIGW_CACHE_ENCRYPTED } from './apigw-cache-encrypted';
import { AWS_EDGE_APIGW_DOMAIN_TLS12 } from './apigw-domain-tls12';
import { AWS_EDGE_APIGW_EXECUTION_LOGGING } from './apigw-execution-logging';
import { AWS_EDGE_APIGW_METHOD_AUTHORIZATION } from './apigw-method-authorization';
import { AWS_EDGE_APIGW_NO_DATA_TRACE } from './apigw-no-data-trace';
import { AWS_EDGE_APIGW_REQUEST_VALIDATION } from './apigw-request-validation';
import { AWS_EDGE_APIGW_ROUTE_AUTHORIZATION } from './apigw-route-authorization';
import { AWS_EDGE_APIGW_WAF } from './apigw-waf';
import { AWS_EDGE_ELB_ACCESS_LOGS } from './elb-access-logs';
import { AWS_EDGE_LAMBDA_URL_AUTHORIZATION } from './lambda-url-authorization';
import { AWS_EDGE_ELB_LISTENER_TLS12 } from './listener-tls12';
import { AWS_EDGE_ELB_LISTENER_TLS13 } from './listener-tls13';
import { AWS_EDGE_WAF_LOGGING } from './waf-logging';
import { AWS_EDGE_WAF_RATE_BASED_RULE } from './waf-rate-based-rule';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  AWS_EDGE_ELB_LISTENER_TLS12, AWS_EDGE_ELB_LISTENER_TLS13, AWS_EDGE_ALB_DROP_INVALID_HEADERS, AWS_EDGE_ALB_DESYNC_MITIGATION,
  AWS_EDGE_ALB_MTLS_VERIFY, AWS_EDGE_WAF_RATE_BASED_RULE, AWS_EDGE_APIGW_DOMAIN_TLS12, AWS_EDGE_APIGW_METHOD_AUTHORIZATION,
  AWS_EDGE_APIGW_NO_DATA_TRACE, AWS_EDGE_ALB_HTTP_REDIRECT, AWS_EDGE_ELB_ACCESS_LOGS, AWS_EDGE_ALB_WAF, AWS_EDGE_APIGW_ACCESS_LOGS,
  AWS_EDGE_APIGW_EXECUTION_LOGGING, AWS_EDGE_APIGW_WAF, AWS_EDGE_APIGW_CACHE_ENCRYPTED, AWS_EDGE_APIGW_REQUEST_VALIDATION,
  AWS_EDGE_APIGW_ROUTE_AUTHORIZATION, AWS_EDGE_LAMBDA_URL_AUTHORIZATION, AWS_EDGE_WAF_LOGGING,
];
