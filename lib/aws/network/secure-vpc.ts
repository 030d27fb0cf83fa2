import { Aws, Stack, Token, aws_ec2 as ec2, aws_logs as logs } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { isCidr } from './cidr';
import { NETWORK_DEFAULTS } from './defaults';
import { SecureNetworkAcl } from './secure-network-acl';
import { SecureSecurityGroup } from './secure-security-group';
import { GatewayEndpoint, InterfaceEndpoint, SubnetLayout } from './types';
import { PropValidator, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { LeastPrivilegeRole } from '../iam/least-privilege-role';
import { RoleTrust } from '../iam/role-trust';
import { IEncryptionKey } from '../kms/encryption-key';
import { SecureLogGroup } from '../logs/secure-log-group';
import { controlTower, nagPacks, suppress, weaken } from '../private/compliance';

/** Props of a SecureVpc. Every default is secure; weakening one takes a reason. */
export interface SecureVpcProps {
  /**
   * IPv4 CIDR of the VPC (/16 to /24).
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Number of availability zones.
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * Subnet layout. `ISOLATED` has no route to the internet at all.
   * @default SubnetLayout.ISOLATED
   */
  readonly subnetLayout?: SubnetLayout;
  /**
   * Why the VPC needs internet egress (required with `SubnetLayout.PRIVATE_WITH_EGRESS`). Recorded on the
   * internet-gateway routes of the public subnets, which the NIST/HIPAA/PCI packs flag.
   * @default - no internet access
   */
  readonly internetAccessReason?: string;
  /**
   * NAT gateways (only with `PRIVATE_WITH_EGRESS`).
   * @default - one per availability zone with PRIVATE_WITH_EGRESS, none otherwise
   */
  readonly natGateways?: number;
  /**
   * Which traffic the flow log records.
   * @default ec2.FlowLogTrafficType.ALL
   */
  readonly flowLogTrafficType?: ec2.FlowLogTrafficType;
  /**
   * Why the flow log records less than ALL traffic (required when `flowLogTrafficType` is not ALL).
   * @default - none
   */
  readonly flowLogTrafficTypeReason?: string;
  /**
   * Retention of the flow log group. Shorter than one year needs `flowLogRetentionReason`; INFINITE is refused.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * Why flow logs are kept for less than a year.
   * @default - none
   */
  readonly flowLogRetentionReason?: string;
  /**
   * KMS key of the flow log group. Keys whose policy this app manages get the CloudWatch Logs statement added.
   * @default - a new EncryptionKey used by the flow log group only
   */
  readonly flowLogEncryptionKey?: IEncryptionKey;
  /**
   * An existing log group for the flow logs (must be KMS-encrypted and retained; you own its settings).
   * Cannot be combined with `flowLogEncryptionKey` or `flowLogRetention`.
   * @default - a new KMS-encrypted log group, retained, kept for a year
   */
  readonly flowLogGroup?: logs.ILogGroup;
  /**
   * Gateway endpoints (free) attached to every route table.
   * @default [GatewayEndpoint.S3, GatewayEndpoint.DYNAMODB]
   */
  readonly gatewayEndpoints?: GatewayEndpoint[];
  /**
   * Interface endpoints (billed per AZ-hour) in the private subnets, with private DNS, reachable on 443 from the VPC only.
   * @default []
   */
  readonly interfaceEndpoints?: InterfaceEndpoint[];
}

/** Options of `SecureVpc.addSecurityGroup`. */
export interface SecurityGroupOptions {
  /**
   * What the security group is for.
   * @default - the construct path
   */
  readonly description?: string;
  /**
   * Allow all outbound traffic.
   * @default false
   */
  readonly allowAllOutbound?: boolean;
}

const INTERFACE_SERVICES: Record<InterfaceEndpoint, ec2.InterfaceVpcEndpointAwsService> = {
  [InterfaceEndpoint.SECRETS_MANAGER]: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  [InterfaceEndpoint.KMS]: ec2.InterfaceVpcEndpointAwsService.KMS,
  [InterfaceEndpoint.STS]: ec2.InterfaceVpcEndpointAwsService.STS,
  [InterfaceEndpoint.ECR_API]: ec2.InterfaceVpcEndpointAwsService.ECR,
  [InterfaceEndpoint.ECR_DOCKER]: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  [InterfaceEndpoint.CLOUDWATCH_LOGS]: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
};

const GATEWAY_SERVICES: Record<GatewayEndpoint, ec2.GatewayVpcEndpointAwsService> = {
  [GatewayEndpoint.S3]: ec2.GatewayVpcEndpointAwsService.S3,
  [GatewayEndpoint.DYNAMODB]: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
};

/** Providers already suppressed (one per stack, shared by its VPCs). */
const SUPPRESSED_PROVIDERS = new WeakSet<IConstruct>();
const RESTRICT_SG_PROVIDER = 'Custom::VpcRestrictDefaultSGCustomResourceProvider';
const RESTRICT_SG_REASON = 'aws-cdk-lib custom resource that removes every rule of the VPC default security group '
  + '(restrictDefaultSecurityGroup). It runs only when CloudFormation deploys the VPC, is invoked by CloudFormation alone, '
  + 'and its code and runtime are managed by aws-cdk-lib.';

/**
 * A VPC that is private by default: isolated subnets (no internet gateway), flow logs of ALL traffic to a
 * KMS-encrypted, retained log group through a least-privilege role, the default security group stripped of every
 * rule, no public IP auto-assignment anywhere, S3/DynamoDB gateway endpoints, and optional interface endpoints.
 *
 * ```ts
 * const net = new SecureVpc(this, 'Network', { interfaceEndpoints: [InterfaceEndpoint.SECRETS_MANAGER, InterfaceEndpoint.KMS] });
 * const sg = net.addSecurityGroup('App');
 * sg.allowIngress({ peer: ec2.Peer.ipv4(net.vpc.vpcCidrBlock), port: ec2.Port.tcp(443), description: 'HTTPS from the VPC' });
 * ```
 */
export class SecureVpc extends Construct {
  /** The wrapped VPC. */
  public readonly vpc: ec2.Vpc;
  /** The flow log. */
  public readonly flowLog: ec2.CfnFlowLog;
  /** Where flow logs go. */
  public readonly flowLogGroup: logs.ILogGroup;
  /** The role VPC Flow Logs assumes to write to the log group (may only write there). */
  public readonly flowLogRole: LeastPrivilegeRole;
  /** Key of the flow log group (undefined when `flowLogGroup` was given). */
  public readonly flowLogEncryptionKey?: IEncryptionKey;
  /** Security group of the interface endpoints (443 from the VPC CIDR only), when any were requested. */
  public readonly endpointSecurityGroup?: ec2.SecurityGroup;
  /** Interface endpoints by service. */
  public readonly interfaceEndpoints: Record<string, ec2.InterfaceVpcEndpoint> = {};
  /** Gateway endpoints by service. */
  public readonly gatewayEndpoints: Record<string, ec2.GatewayVpcEndpoint> = {};
  /** The subnet layout in use. */
  public readonly subnetLayout: SubnetLayout;

  constructor(scope: Construct, id: string, props: SecureVpcProps = {}) {
    super(scope, id);
    const settings = validateProps(this, props);
    this.subnetLayout = settings.layout;
    this.vpc = this.createVpc(props, settings);
    if (settings.egress) this.recordInternetRoutes(props.internetAccessReason!);
    suppressRestrictDefaultSgProvider(this);

    const destination = this.flowLogDestination(props, settings);
    this.flowLogGroup = destination.logGroup;
    this.flowLogEncryptionKey = destination.encryptionKey;
    this.flowLogRole = this.createFlowLogRole(destination.logGroup);
    this.flowLog = this.createFlowLog(props, settings);

    for (const g of settings.gateways) {
      this.gatewayEndpoints[g] = this.vpc.addGatewayEndpoint(`${pascal(g)}Endpoint`, { service: GATEWAY_SERVICES[g] });
    }
    if (settings.interfaces.length > 0) this.endpointSecurityGroup = this.addInterfaceEndpoints(settings);
  }

  /** Adds a SecureSecurityGroup in this VPC (no egress unless `allowAllOutbound`). */
  public addSecurityGroup(id: string, options: SecurityGroupOptions = {}): SecureSecurityGroup {
    return new SecureSecurityGroup(this, id, { vpc: this.vpc, ...options });
  }

  /** Adds a SecureNetworkAcl in this VPC, associated with the given subnets. */
  public addNetworkAcl(id: string, subnetSelection?: ec2.SubnetSelection): SecureNetworkAcl {
    return new SecureNetworkAcl(this, id, { vpc: this.vpc, subnetSelection });
  }

  /** The VPC: isolated (or private-with-egress) subnets, DNS on, no public IPs, the default security group emptied. */
  private createVpc(props: SecureVpcProps, settings: VpcSettings): ec2.Vpc {
    const subnetConfiguration: ec2.SubnetConfiguration[] = [
      ...(settings.egress ? [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: NETWORK_DEFAULTS.publicSubnetCidrMask, mapPublicIpOnLaunch: false }] : []),
      { name: settings.egress ? 'Private' : 'Isolated', subnetType: settings.privateType, cidrMask: NETWORK_DEFAULTS.privateSubnetCidrMask },
    ];
    return new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(settings.cidr),
      maxAzs: settings.maxAzs,
      subnetConfiguration,
      natGateways: settings.egress ? props.natGateways : 0,
      restrictDefaultSecurityGroup: true,
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
  }

  /** The internet-gateway routes of the public subnets carry the reason (the NIST/HIPAA/PCI packs flag them). */
  private recordInternetRoutes(reason: string): void {
    for (const subnet of this.vpc.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute') as ec2.CfnRoute | undefined;
      if (route) weaken(route, 'subnetLayout', reason, [...nagPacks('VPCNoUnrestrictedRouteToIGW')]);
    }
  }

  /** Where flow logs go: the given log group, or a new KMS-encrypted, retained SecureLogGroup. */
  private flowLogDestination(props: SecureVpcProps, settings: VpcSettings): { logGroup: logs.ILogGroup; encryptionKey?: IEncryptionKey } {
    if (props.flowLogGroup) return { logGroup: props.flowLogGroup };
    const created = new SecureLogGroup(this, 'FlowLogGroup', {
      encryptionKey: props.flowLogEncryptionKey,
      retention: settings.retention,
      retentionReason: settings.shortRetention ? `flowLogRetention: ${props.flowLogRetentionReason!.trim()}` : undefined,
    });
    return { logGroup: created.logGroup, encryptionKey: created.encryptionKey };
  }

  /** The role VPC Flow Logs assumes: it may only write to the flow log group, and only for this account's flow logs. */
  private createFlowLogRole(logGroup: logs.ILogGroup): LeastPrivilegeRole {
    const stack = Stack.of(this);
    const logGroupArn = logGroup.logGroupArn;
    return new LeastPrivilegeRole(this, 'FlowLogRole', {
      description: `Lets VPC Flow Logs write the flow logs of ${this.node.path}`,
      assumedBy: RoleTrust.service('vpc-flow-logs.amazonaws.com', { sourceArn: `arn:${Aws.PARTITION}:ec2:${stack.region}:${stack.account}:vpc-flow-log/*` }),
      statements: [{
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroupArn],
        // an imported log group's ARN is written `...:log-group:<name>:*` (its log streams)
        wildcardJustification: !Token.isUnresolved(logGroupArn) || logGroupArn.includes('*') ? 'The ARN of a log group covers its log streams with a trailing :*; nothing outside the flow log group.' : undefined,
      }],
    });
  }

  /** The flow log of the whole VPC (ALL traffic unless weakened with a reason), 1-minute aggregation. */
  private createFlowLog(props: SecureVpcProps, settings: VpcSettings): ec2.CfnFlowLog {
    const flowLog = new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceId: this.vpc.vpcId,
      resourceType: 'VPC',
      trafficType: settings.trafficType,
      logDestinationType: 'cloud-watch-logs',
      logGroupName: this.flowLogGroup.logGroupName,
      deliverLogsPermissionArn: this.flowLogRole.roleArn,
      maxAggregationInterval: NETWORK_DEFAULTS.flowLogMaxAggregationInterval,
      tags: [{ key: 'Name', value: this.node.path }],
    });
    flowLog.node.addDependency(this.flowLogRole);
    if (settings.trafficType !== ec2.FlowLogTrafficType.ALL) {
      weaken(flowLog, 'flowLogTrafficType', props.flowLogTrafficTypeReason!, ['aws-network-vpc-flow-logs-all-traffic']);
    }
    return flowLog;
  }

  /** Interface endpoints with private DNS in the private subnets, behind a security group open to the VPC on 443. */
  private addInterfaceEndpoints(settings: VpcSettings): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: `Interface endpoints of ${this.node.path}: HTTPS from the VPC only`,
      allowAllOutbound: false,
    });
    // the literal CIDR (not the VpcCidrBlock token) keeps the packs' security-group rules able to evaluate it
    sg.addIngressRule(ec2.Peer.ipv4(settings.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
    for (const e of settings.interfaces) {
      this.interfaceEndpoints[e] = this.vpc.addInterfaceEndpoint(`${pascal(e)}Endpoint`, {
        service: INTERFACE_SERVICES[e],
        privateDnsEnabled: true,
        securityGroups: [sg],
        open: false,
        subnets: { subnetType: settings.privateType },
      });
    }
    return sg;
  }
}

/** The props of a SecureVpc with every default applied. */
interface VpcSettings {
  readonly cidr: string;
  readonly maxAzs: number;
  readonly layout: SubnetLayout;
  readonly egress: boolean;
  readonly privateType: ec2.SubnetType;
  readonly trafficType: ec2.FlowLogTrafficType;
  readonly retention: logs.RetentionDays;
  readonly shortRetention: boolean;
  readonly gateways: readonly GatewayEndpoint[];
  readonly interfaces: readonly InterfaceEndpoint[];
}

/** Checks every prop (all problems in one throw) and applies the defaults. */
function validateProps(scope: Construct, props: SecureVpcProps): VpcSettings {
  const v = new PropValidator(scope);
  const cidr = props.cidr ?? NETWORK_DEFAULTS.cidr;
  if (!Token.isUnresolved(cidr)) {
    const prefix = Number(cidr.split('/')[1]);
    v.require(isCidr(cidr) && !cidr.includes(':') && prefix >= 16 && prefix <= 24, 'cidr', `must be an IPv4 CIDR from /16 to /24 (got ${JSON.stringify(cidr)}).`, 'Use e.g. 10.0.0.0/16.');
  }
  const maxAzs = props.maxAzs ?? NETWORK_DEFAULTS.maxAzs;
  v.require(Token.isUnresolved(maxAzs) || (Number.isInteger(maxAzs) && maxAzs >= 1 && maxAzs <= 6), 'maxAzs', `must be an integer from 1 to 6 (got ${maxAzs}).`, 'Use 2 or 3 availability zones.');
  const layout = props.subnetLayout ?? NETWORK_DEFAULTS.subnetLayout;
  const egress = layout === SubnetLayout.PRIVATE_WITH_EGRESS;
  if (egress) {
    v.require(isValidReason(props.internetAccessReason), 'internetAccessReason',
      `is required with subnetLayout PRIVATE_WITH_EGRESS (internet gateway and NAT); at least ${MIN_REASON_LENGTH} characters.`,
      'Prefer SubnetLayout.ISOLATED with VPC endpoints; if the workload must reach the internet, say why.');
    if (props.natGateways !== undefined) {
      v.require(Token.isUnresolved(props.natGateways) || (Number.isInteger(props.natGateways) && props.natGateways >= 1), 'natGateways', `must be at least 1 with PRIVATE_WITH_EGRESS (got ${props.natGateways}).`, 'Use 1 (cheaper) or one per AZ (resilient).');
    }
  } else {
    v.require(props.internetAccessReason === undefined, 'internetAccessReason', 'only applies to SubnetLayout.PRIVATE_WITH_EGRESS.', 'Remove it, or set subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS.');
    v.require(props.natGateways === undefined || props.natGateways === 0, 'natGateways', 'needs SubnetLayout.PRIVATE_WITH_EGRESS (isolated subnets have no NAT).', 'Remove natGateways, or set subnetLayout: SubnetLayout.PRIVATE_WITH_EGRESS with internetAccessReason.');
  }
  const trafficType = props.flowLogTrafficType ?? NETWORK_DEFAULTS.flowLogTrafficType;
  if (trafficType !== ec2.FlowLogTrafficType.ALL) {
    v.require(isValidReason(props.flowLogTrafficTypeReason), 'flowLogTrafficTypeReason',
      `is required when flowLogTrafficType is ${trafficType} (not ALL); at least ${MIN_REASON_LENGTH} characters.`, 'Record ALL traffic, or say why only part of it is needed.');
  }
  if (props.flowLogGroup) {
    v.require(props.flowLogEncryptionKey === undefined, 'flowLogEncryptionKey', 'cannot be combined with flowLogGroup (the given log group has its own key).', 'Pass only one of flowLogGroup and flowLogEncryptionKey.');
    v.require(props.flowLogRetention === undefined, 'flowLogRetention', 'cannot be combined with flowLogGroup (the given log group has its own retention).', 'Pass only one of flowLogGroup and flowLogRetention.');
  }
  const retention = props.flowLogRetention ?? NETWORK_DEFAULTS.flowLogRetention;
  v.require(retention !== logs.RetentionDays.INFINITE, 'flowLogRetention', 'must not be INFINITE: flow logs kept forever outlive any need.',
    'Use logs.RetentionDays.ONE_YEAR (the default) or another finite retention.');
  const shortRetention = retention !== logs.RetentionDays.INFINITE && retention < NETWORK_DEFAULTS.flowLogRetentionDays;
  if (shortRetention) {
    v.require(isValidReason(props.flowLogRetentionReason), 'flowLogRetentionReason',
      `is required when flowLogRetention (${retention} days) is shorter than ${NETWORK_DEFAULTS.flowLogRetentionDays} days; at least ${MIN_REASON_LENGTH} characters.`,
      'Keep flow logs for at least a year, or say why less is enough.');
  }
  const gateways = props.gatewayEndpoints ?? NETWORK_DEFAULTS.gatewayEndpoints;
  const interfaces = props.interfaceEndpoints ?? NETWORK_DEFAULTS.interfaceEndpoints;
  validateEndpoints(v, 'gatewayEndpoints', gateways, Object.values(GatewayEndpoint));
  validateEndpoints(v, 'interfaceEndpoints', interfaces, Object.values(InterfaceEndpoint));
  v.throwIfInvalid();
  return {
    cidr, maxAzs, layout, egress, trafficType, retention, shortRetention, gateways, interfaces,
    privateType: egress ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
  };
}

function validateEndpoints(v: PropValidator, name: string, list: readonly string[], valid: readonly string[]): void {
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    v.require(valid.includes(e), `${name}[${i}]`, `is not a known endpoint (got ${JSON.stringify(e)}).`, `Use one of ${valid.join(', ')}.`);
    v.require(!seen.has(e), `${name}[${i}]`, `lists ${e} twice.`, 'List each endpoint once.');
    seen.add(e);
  }
}

/** The aws-cdk-lib provider behind restrictDefaultSecurityGroup: one per stack, shared by every VPC in it. */
function suppressRestrictDefaultSgProvider(scope: Construct): void {
  const provider = Stack.of(scope).node.tryFindChild(RESTRICT_SG_PROVIDER);
  if (provider && !SUPPRESSED_PROVIDERS.has(provider)) {
    SUPPRESSED_PROVIDERS.add(provider);
    suppress(provider, RESTRICT_SG_REASON, controlTower('lambda_inside_vpc_check'), 'aws-iam-role-trust-conditions', 'aws-iam-role-permissions-boundary');
  }
}

function pascal(s: string): string {
  return s.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
