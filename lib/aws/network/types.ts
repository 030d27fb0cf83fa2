/** How the subnets of a SecureVpc are laid out. */
export enum SubnetLayout {
  /** Isolated subnets only: no internet gateway, no NAT, no route to the internet. AWS services are reached through VPC endpoints. */
  ISOLATED = 'ISOLATED',
  /**
   * Private subnets with outbound internet access through NAT gateways in public subnets. The public subnets
   * (for NAT gateways and internet-facing load balancers) never auto-assign public IPs. Needs a reason.
   */
  PRIVATE_WITH_EGRESS = 'PRIVATE_WITH_EGRESS',
}

/** Gateway VPC endpoints (free; route-table based). */
export enum GatewayEndpoint {
  /** Amazon S3. */
  S3 = 'S3',
  /** Amazon DynamoDB. */
  DYNAMODB = 'DYNAMODB',
}

/** Interface VPC endpoints (PrivateLink; billed per AZ and hour). */
export enum InterfaceEndpoint {
  /** AWS Secrets Manager. */
  SECRETS_MANAGER = 'SECRETS_MANAGER',
  /** AWS KMS. */
  KMS = 'KMS',
  /** AWS STS. */
  STS = 'STS',
  /** Amazon ECR API. */
  ECR_API = 'ECR_API',
  /** Amazon ECR Docker registry. */
  ECR_DOCKER = 'ECR_DOCKER',
  /** Amazon CloudWatch Logs. */
  CLOUDWATCH_LOGS = 'CLOUDWATCH_LOGS',
}
