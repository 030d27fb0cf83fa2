import { Token, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { isCidr, isIpv6Cidr } from './cidr';
import { internetReach } from '../../core/cidr';
import { PropValidator, isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { awsSolutions, suppress, weaken } from '../private/compliance';
import { howItArises, openCidrOf } from '../private/possible-values';

/** Props of a SecureNetworkAcl. */
export interface SecureNetworkAclProps {
  /** The VPC. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets to associate.
   * @default - none; call networkAcl.associateWithSubnet()
   */
  readonly subnetSelection?: ec2.SubnetSelection;
}

/** One network ACL entry. */
export interface NetworkAclEntryOptions {
  /** Rule number, 1-32766; lower numbers are evaluated first. */
  readonly ruleNumber: number;
  /** IPv4 or IPv6 CIDR the entry matches. */
  readonly cidr: string;
  /** Protocol and ports (`ec2.AclTraffic.tcpPort(443)`). */
  readonly traffic: ec2.AclTraffic;
  /**
   * Direction.
   * @default ec2.TrafficDirection.INGRESS
   */
  readonly direction?: ec2.TrafficDirection;
  /**
   * Allow or deny.
   * @default ec2.Action.ALLOW
   */
  readonly ruleAction?: ec2.Action;
  /**
   * Required for an ALLOW ingress entry from 0.0.0.0/0 or ::/0: why. Recorded in the template and the report.
   * SSH (22) and RDP (3389) are never allowed from the internet.
   * @default - open ingress is refused
   */
  readonly openToInternetReason?: string;
}

/**
 * A network ACL whose entries are validated: no ALLOW ingress from 0.0.0.0/0 or ::/0 without a reason, never
 * SSH/RDP from the internet. Network ACLs are optional (stateless, easy to get wrong); security groups are the
 * primary control.
 */
export class SecureNetworkAcl extends Construct {
  /** The wrapped network ACL. */
  public readonly networkAcl: ec2.NetworkAcl;

  constructor(scope: Construct, id: string, props: SecureNetworkAclProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(!!props && !!props.vpc, 'vpc', 'is required.', 'Pass the VPC (e.g. secureVpc.vpc).');
    v.throwIfInvalid();
    this.networkAcl = new ec2.NetworkAcl(this, 'Resource', { vpc: props.vpc, subnetSelection: props.subnetSelection });
    suppress(this, 'Network ACL added on purpose through SecureNetworkAcl as a stateless second layer behind security groups; '
      + 'every entry is validated (no open ingress without a recorded reason, never SSH/RDP from the internet).', awsSolutions('VPC3'));
  }

  /** Adds a validated entry. */
  public addEntry(id: string, entry: NetworkAclEntryOptions): ec2.NetworkAclEntry {
    const v = new PropValidator(this);
    const prop = `addEntry(${id})`;
    v.require(Token.isUnresolved(entry.ruleNumber) || (Number.isInteger(entry.ruleNumber) && entry.ruleNumber >= 1 && entry.ruleNumber <= 32766),
      `${prop}.ruleNumber`, `must be an integer from 1 to 32766 (got ${entry.ruleNumber}).`, 'Pick a free rule number; lower numbers win.');
    const cidrKnown = typeof entry.cidr === 'string' && !Token.isUnresolved(entry.cidr);
    if (cidrKnown) v.require(isCidr(entry.cidr), `${prop}.cidr`, `is not an IPv4 or IPv6 CIDR (got ${JSON.stringify(entry.cidr)}).`, 'Use a CIDR such as 10.0.0.0/16 or 2001:db8::/32.');
    const direction = entry.direction ?? ec2.TrafficDirection.INGRESS;
    const action = entry.ruleAction ?? ec2.Action.ALLOW;
    const possible = openCidrOf(this, entry.cidr);
    const inboundAllow = direction === ec2.TrafficDirection.INGRESS && action === ec2.Action.ALLOW;
    const open = inboundAllow && possible.open !== undefined;
    const shown = possible.open ? `${possible.open.value}${howItArises(entry.cidr, possible.open)}` : entry.cidr;
    if (inboundAllow && !open && possible.unknown) {
      const t = entry.traffic.toTrafficConfig() as { protocol: number; portRange?: { from: number; to: number } };
      const allPorts = t.protocol === -1 || ((t.protocol === 6 || t.protocol === 17) && !t.portRange);
      const covers = (p: number) => allPorts
        || (!!t.portRange && (t.protocol === 6 || t.protocol === 17) && t.portRange.from <= p && t.portRange.to >= p);
      if ([22, 3389].some(covers)) {
        v.fail(`${prop}.cidr`, 'is a CIDR that is not known before deployment, so it cannot be verified that SSH/RDP are not allowed from the internet.',
          'Use a literal CIDR or a CfnParameter with AllowedValues for entries that cover ports 22 or 3389.');
      }
    }
    if (open) {
      const t = entry.traffic.toTrafficConfig() as { protocol: number; portRange?: { from: number; to: number } };
      const allPorts = t.protocol === -1 || ((t.protocol === 6 || t.protocol === 17) && !t.portRange);
      const covers = (p: number) => allPorts
        || (!!t.portRange && (t.protocol === 6 || t.protocol === 17) && t.portRange.from <= p && t.portRange.to >= p);
      const admin = [22, 3389].filter(covers);
      if (admin.length > 0) {
        v.fail(`${prop}.traffic`, `allows port(s) ${admin.join(', ')} (SSH/RDP) from ${shown}; this is never allowed.`, 'Use Systems Manager Session Manager or narrow the CIDR.');
      } else if (!isValidReason(entry.openToInternetReason)) {
        v.fail(`${prop}.openToInternetReason`, `is required to allow ingress from ${shown} (${internetReach(possible.open!.value)}); at least ${MIN_REASON_LENGTH} characters.`,
          'Narrow the CIDR, or give the reason; it is recorded in the compliance report.');
      }
    }
    v.throwIfInvalid();
    const ipv6 = cidrKnown && isIpv6Cidr(entry.cidr);
    const created = this.networkAcl.addEntry(id, {
      ruleNumber: entry.ruleNumber,
      cidr: ipv6 ? ec2.AclCidr.ipv6(entry.cidr) : ec2.AclCidr.ipv4(entry.cidr),
      traffic: entry.traffic,
      direction,
      ruleAction: action,
    });
    if (open) {
      weaken(created.node.defaultChild as ec2.CfnNetworkAclEntry, `addEntry(${id}) from ${entry.cidr}`, entry.openToInternetReason!, [
        'aws-network-nacl-open-ingress',
      ]);
    }
    return created;
  }
}
