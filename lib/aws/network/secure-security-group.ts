import { CfnResource, Token, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { NETWORK_DEFAULTS, HIGH_RISK_PORTS } from './defaults';
import { ingressFindingId } from '../../compliance/rules/aws/network/open-ingress';
import { display } from '../../compliance/values/cfn-resolve';
import { viaText } from '../../compliance/values/cfn-values';
import { internetReach } from '../../core/cidr';
import { PropValidator, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { awsSolutions, controlTower, weaken } from '../private/compliance';
import { howItArises, openCidrOf } from '../private/possible-values';

/** Props of a SecureSecurityGroup. */
export interface SecureSecurityGroupProps {
  /** The VPC of the security group. */
  readonly vpc: ec2.IVpc;
  /**
   * What the security group is for (shown in the console and required by AwsSolutions-EC27).
   * @default - the construct path
   */
  readonly description?: string;
  /**
   * Physical name.
   * @default - generated
   */
  readonly securityGroupName?: string;
  /**
   * Allow all outbound traffic. Off by default: add egress rules for what the workload needs.
   * @default false
   */
  readonly allowAllOutbound?: boolean;
}

/** One ingress permission. */
export interface IngressRule {
  /** Where traffic comes from: a CIDR (`ec2.Peer.ipv4(...)`), a security group or a prefix list. */
  readonly peer: ec2.IPeer;
  /** Protocol and port(s). */
  readonly port: ec2.Port;
  /** What the permission is for. */
  readonly description: string;
  /**
   * Required when `peer` is 0.0.0.0/0 or ::/0 (the whole internet), or a block holding a large part of it (0.0.0.0/1,
   * a public /8 or wider, an IPv6 /16 or wider in global unicast): why the port must be open to everyone.
   * Recorded in the template and the compliance report. High-risk ports (SSH, RDP, databases, ...) are never
   * opened to the internet, with or without a reason.
   * @default - open ingress is refused
   */
  readonly openToInternetReason?: string;
}

/**
 * A security group whose ingress helper refuses 0.0.0.0/0 and ::/0 unless given a reason (recorded), never opens
 * high-risk ports to the internet, and allows no outbound traffic by default.
 *
 * ```ts
 * const sg = new SecureSecurityGroup(this, 'Web', { vpc });
 * sg.allowIngress({ peer: ec2.Peer.ipv4('10.0.0.0/16'), port: ec2.Port.tcp(443), description: 'HTTPS from the VPC' });
 * ```
 */
export class SecureSecurityGroup extends Construct {
  /** The wrapped security group. */
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: SecureSecurityGroupProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(!!props && !!props.vpc, 'vpc', 'is required.', 'Pass the VPC the security group belongs to (e.g. secureVpc.vpc).');
    v.throwIfInvalid();
    this.securityGroup = new ec2.SecurityGroup(this, 'Resource', {
      vpc: props.vpc,
      description: props.description ?? this.node.path,
      securityGroupName: props.securityGroupName,
      allowAllOutbound: props.allowAllOutbound ?? NETWORK_DEFAULTS.securityGroupAllowAllOutbound,
    });
  }

  /** The id of the security group. */
  public get securityGroupId(): string {
    return this.securityGroup.securityGroupId;
  }

  /** The connections object of the security group. */
  public get connections(): ec2.Connections {
    return this.securityGroup.connections;
  }

  /**
   * Allows ingress. Refuses 0.0.0.0/0 and ::/0 without `openToInternetReason`, and refuses high-risk ports
   * (see `HIGH_RISK_PORTS`) and all-traffic rules from the internet outright.
   */
  public allowIngress(rule: IngressRule): void {
    const v = new PropValidator(this);
    if (!rule || !rule.peer || !rule.port) {
      v.fail('allowIngress', 'needs a peer and a port.', 'Pass { peer: ec2.Peer.ipv4("10.0.0.0/16"), port: ec2.Port.tcp(443), description }.');
      v.throwIfInvalid();
    }
    v.require(typeof rule.description === 'string' && rule.description.trim().length > 0, 'allowIngress.description', 'is empty.', 'Say what the permission is for.');
    const peer = rule.peer.toIngressRuleConfig() as { cidrIp?: string; cidrIpv6?: string };
    const given = peer.cidrIp ?? peer.cidrIpv6;
    // every value the CIDR can take once CloudFormation evaluates it (Fn.sub('0.0.0.0/0'), a parameter default...)
    const { open: openAlt, unknown: unknownAlt } = openCidrOf(this, given);
    const cidr = openAlt ? openAlt.value : given;
    const how = openAlt ? howItArises(given, openAlt) : '';
    const open = openAlt !== undefined;
    const json = rule.port.toRuleJson() as { ipProtocol: string; fromPort?: number; toPort?: number };
    const allTraffic = json.ipProtocol === '-1';
    const known = !Token.isUnresolved(json.fromPort) && !Token.isUnresolved(json.toPort);
    const from = json.fromPort ?? 0;
    const to = json.toPort ?? 65535;
    const tcpOrUdp = json.ipProtocol === 'tcp' || json.ipProtocol === 'udp' || json.ipProtocol === '6' || json.ipProtocol === '17';
    const risky = known ? HIGH_RISK_PORTS.filter((p) => p >= from && p <= to) : [];
    if (open) {
      if (allTraffic) {
        v.fail('allowIngress.port', `opens all traffic to ${cidr}${how}.`, 'Open only the port the service listens on (e.g. ec2.Port.tcp(443)).');
      } else if (tcpOrUdp && risky.length > 0) {
        v.fail('allowIngress.port', `opens high-risk port(s) ${risky.join(', ')} to ${cidr}${how}; this is never allowed.`,
          'Reach administrative and database ports through Systems Manager Session Manager, a VPN or a bastion with a narrow CIDR.');
      } else if (!isValidReason(rule.openToInternetReason)) {
        v.fail('allowIngress.openToInternetReason', `is required to open ${rule.port.toString()} to ${cidr} (${internetReach(String(cidr))})${how}; at least ${MIN_REASON_LENGTH} characters.`,
          'Restrict the peer to a known CIDR or security group, or give the reason the port must be public; it is recorded in the compliance report.');
      }
    } else if (unknownAlt && (allTraffic || (tcpOrUdp && risky.length > 0))) {
      // "never from the internet" cannot be verified for a CIDR that is unknown before deployment: refuse
      v.fail('allowIngress.peer', `is a CIDR that is not known before deployment (${display(unknownAlt.value)}${viaText(unknownAlt)}), so it cannot be verified that ${allTraffic ? 'all traffic' : `high-risk port(s) ${risky.join(', ')}`} are not opened to the internet.`,
        'Use a literal CIDR, a CfnParameter with AllowedValues, or a security-group peer (ec2.Peer.securityGroupId) for administrative and database ports.');
    }
    v.throwIfInvalid();
    this.securityGroup.addIngressRule(rule.peer, rule.port, rule.description);
    if (open) {
      const cfn = this.securityGroup.node.defaultChild as CfnResource;
      const http = json.fromPort !== undefined && json.fromPort === json.toPort && (json.fromPort === 80 || json.fromPort === 443);
      weaken(cfn, `allowIngress ${rule.port.toString()} from ${cidr}`, rule.openToInternetReason!, [
        `aws-network-sg-open-ingress[${ingressFindingId(json.ipProtocol, json.fromPort, json.toPort, cidr!)}]`,
        awsSolutions('EC23'),
        ...(http ? [] : [controlTower('vpc_sg_open_only_to_authorized_ports_check')]),
      ]);
    }
  }

  /** Allows egress to a peer on a port (security groups of this helper allow no egress by default). */
  public allowEgress(peer: ec2.IPeer, port: ec2.Port, description: string): void {
    this.securityGroup.addEgressRule(peer, port, description);
  }
}
