import { aws_ec2 as ec2, aws_logs as logs } from 'aws-cdk-lib';
import { GatewayEndpoint, InterfaceEndpoint, SubnetLayout } from './types';

/** The secure defaults of the network area, in one typed place. Documented in docs/aws-network-edge-audit.md. */
export const NETWORK_DEFAULTS = {
  /** IPv4 CIDR of a SecureVpc. */
  cidr: '10.0.0.0/16',
  /** Availability zones a SecureVpc spans. */
  maxAzs: 2,
  subnetLayout: SubnetLayout.ISOLATED,
  /** Netmask of the isolated / private subnets. */
  privateSubnetCidrMask: 20,
  /** Netmask of the public subnets (PRIVATE_WITH_EGRESS only: NAT gateways and load balancers). */
  publicSubnetCidrMask: 24,
  flowLogTrafficType: ec2.FlowLogTrafficType.ALL,
  /** Seconds; the shortest aggregation interval, for timely detection. */
  flowLogMaxAggregationInterval: 60,
  flowLogRetention: logs.RetentionDays.ONE_YEAR,
  /** Days of flowLogRetention; shorter retention needs a reason. */
  flowLogRetentionDays: 365,
  gatewayEndpoints: [GatewayEndpoint.S3, GatewayEndpoint.DYNAMODB] as GatewayEndpoint[],
  interfaceEndpoints: [] as InterfaceEndpoint[],
  /** Security groups created by the helpers allow no outbound traffic unless told to. */
  securityGroupAllowAllOutbound: false,
} as const;

/**
 * Ports that are never opened to 0.0.0.0/0 or ::/0, not even with a reason (AWS Control Tower CT.EC2.PR.4 high-risk
 * ports, which include SSH 22 and RDP 3389). Use Systems Manager Session Manager or a VPN instead.
 */
export const HIGH_RISK_PORTS: readonly number[] = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300,
];
