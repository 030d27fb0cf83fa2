/** AWS managed WAF rule groups a SecureWebAcl can add. */
export enum ManagedRuleGroup {
  /** OWASP-style core protections (AWSManagedRulesCommonRuleSet). */
  COMMON_RULE_SET = 'AWSManagedRulesCommonRuleSet',
  /** Request patterns known to be malicious, e.g. Log4Shell (AWSManagedRulesKnownBadInputsRuleSet). */
  KNOWN_BAD_INPUTS = 'AWSManagedRulesKnownBadInputsRuleSet',
  /** Amazon threat-intelligence IP reputation list (AWSManagedRulesAmazonIpReputationList). */
  AMAZON_IP_REPUTATION = 'AWSManagedRulesAmazonIpReputationList',
  /** Anonymising services: VPNs, Tor, hosting providers (AWSManagedRulesAnonymousIpList). */
  ANONYMOUS_IP_LIST = 'AWSManagedRulesAnonymousIpList',
  /** SQL injection (AWSManagedRulesSQLiRuleSet). */
  SQL_DATABASE = 'AWSManagedRulesSQLiRuleSet',
  /** Linux-specific exploits (AWSManagedRulesLinuxRuleSet). */
  LINUX_OS = 'AWSManagedRulesLinuxRuleSet',
  /** POSIX-specific exploits (AWSManagedRulesUnixRuleSet). */
  POSIX_OS = 'AWSManagedRulesUnixRuleSet',
  /** Access to admin pages (AWSManagedRulesAdminProtectionRuleSet). */
  ADMIN_PROTECTION = 'AWSManagedRulesAdminProtectionRuleSet',
}

/** How an ALB handles client certificates when mutual TLS is on. */
export enum MtlsMode {
  /** The load balancer verifies client certificates against the trust store and rejects the handshake otherwise. */
  VERIFY = 'verify',
  /** The load balancer forwards the client certificate chain in headers and the target must verify it. Needs a reason. */
  PASSTHROUGH = 'passthrough',
}

/** How clients are authorized on a SecureRestApi. */
export enum ApiAuthorization {
  /** AWS Signature Version 4 with IAM policies (service-to-service). */
  IAM = 'IAM',
  /** A Cognito user pool authorizer (pass `cognitoUserPools`). */
  COGNITO = 'COGNITO',
}

/** Endpoint type of a SecureRestApi. */
export enum ApiEndpointType {
  /** Regional endpoint (default). */
  REGIONAL = 'REGIONAL',
  /** Private endpoint reachable only through the given interface VPC endpoints. */
  PRIVATE = 'PRIVATE',
  /** Edge-optimized (CloudFront-fronted, AWS-owned distribution where a WAF cannot be attached to the edge). Needs a reason. */
  EDGE = 'EDGE',
}
