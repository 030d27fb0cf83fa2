import { aws_apigateway as apigw, aws_elasticloadbalancingv2 as elbv2 } from 'aws-cdk-lib';
import { ApiAuthorization, ApiEndpointType, ManagedRuleGroup, MtlsMode } from './types';

/** The secure defaults of the edge area, in one typed place. Documented in docs/aws-network-edge-audit.md. */
export const EDGE_DEFAULTS = {
  /** TLS 1.3 + TLS 1.2 (AEAD, forward-secret ciphers only) with post-quantum hybrid key exchange. */
  sslPolicy: elbv2.SslPolicy.TLS13_12_RES_PQ,
  internetFacing: false,
  redirectHttp: false,
  deletionProtection: true,
  mtlsMode: MtlsMode.VERIFY,
  ignoreClientCertificateExpiry: false,
  advertiseTrustStoreCaNames: false,
  /** HTTP Strict-Transport-Security on every response of the HTTPS listener. */
  hstsHeaderValue: 'max-age=31536000; includeSubDomains',
  /** X-Content-Type-Options on every response of the HTTPS listener. */
  contentTypeOptionsHeaderValue: 'nosniff',
  desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
  dropInvalidHeaderFields: true,
  /** Requests per IP per evaluation window before the WAF rate rule blocks. */
  rateLimit: 1000,
  /** WAF rate-based rule evaluation window, seconds. */
  rateLimitWindowSeconds: 300,
  managedRuleGroups: [
    ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS, ManagedRuleGroup.AMAZON_IP_REPUTATION,
  ] as ManagedRuleGroup[],
  /** Headers never written to WAF logs. */
  wafRedactedHeaders: ['authorization', 'cookie'] as string[],
  // SecureRestApi
  apiEndpointType: ApiEndpointType.REGIONAL,
  apiAuthorization: ApiAuthorization.IAM,
  stageName: 'prod',
  throttlingRateLimit: 100,
  throttlingBurstLimit: 200,
  loggingLevel: apigw.MethodLoggingLevel.ERROR,
  dataTraceEnabled: false,
  tracingEnabled: true,
  cacheClusterEnabled: false,
  cacheClusterSize: '0.5',
  cacheTtlSeconds: 300,
  domainSecurityPolicy: apigw.SecurityPolicy.TLS_1_2,
  cloudWatchRole: true,
} as const;
