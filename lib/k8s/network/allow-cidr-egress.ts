import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { policyMeta } from './peers';
import { internetReach, isInternetWideCidr } from '../../core/cidr';
import { PropValidator } from '../../core/errors';
import { Justification } from '../shared/justification';
import { applyOverrides, checkJustification } from '../shared/overrides';
import { cidrContains, isPort, parseCidr } from '../shared/validate';
import { IHardenedWorkload, PortProtocol } from '../workload/types';

/** Props of AllowCidrEgress. */
export interface AllowCidrEgressProps {
  /** The client workload. */
  readonly client: IHardenedWorkload;
  /** Destination address range, e.g. "10.20.0.0/16" or "2001:db8::/32". */
  readonly cidr: string;
  /** Ranges inside `cidr` to keep closed. @default - none */
  readonly exceptCidrs?: string[];
  /** Destination port. */
  readonly port: number;
  /** Protocol. @default PortProtocol.TCP */
  readonly protocol?: PortProtocol;
  /** Allow 0.0.0.0/0 or ::/0 (any address), or a block that holds a large part of the internet (0.0.0.0/1, a public /8 or wider, an IPv6 /16 or wider in global unicast), with a reason. @default - refused */
  readonly allowAnyAddress?: Justification;
}

/**
 * Allows a workload's pods to reach an external address range on one port. Any-address ranges
 * (`0.0.0.0/0`, `::/0`, and blocks that hold a large part of the internet such as `0.0.0.0/1`) are refused unless `allowAnyAddress` gives a reason (recorded).
 */
export class AllowCidrEgress extends Construct {
  /** The egress NetworkPolicy on the client. */
  public readonly egressPolicy: ApiObject;

  constructor(scope: Construct, id: string, props: AllowCidrEgressProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(!!props?.client?.podSelectorLabels, 'client', 'is not a hardened workload.', 'Pass a HardenedDeployment, HardenedStatefulSet, HardenedJob or HardenedCronJob.');
    v.throwIfInvalid();
    const cidr = parseCidr(props.cidr);
    v.require(cidr !== undefined, 'cidr', `${JSON.stringify(props.cidr)} is not an IPv4 or IPv6 CIDR.`, 'Use e.g. "203.0.113.0/24".');
    const any = checkJustification(v, 'allowAnyAddress', props.allowAnyAddress);
    // every address, or a block that holds a large part of the internet (0.0.0.0/1, a public /8...): the same rule as the AWS constructs
    const anyAddress = cidr !== undefined && isInternetWideCidr(props.cidr);
    if (anyAddress && props.allowAnyAddress === undefined) {
      v.fail('cidr', `"${props.cidr}" is ${cidr.prefix === 0 ? 'every address' : internetReach(props.cidr)}.`, 'Narrow it to the service\'s address range, or set allowAnyAddress with a reason.');
    }
    if (cidr && !anyAddress && props.allowAnyAddress !== undefined) v.fail('allowAnyAddress', `is set but "${props.cidr}" is not an any-address range.`, 'Remove allowAnyAddress.');
    (props.exceptCidrs ?? []).forEach((e, i) => {
      const x = parseCidr(e);
      v.require(x !== undefined && cidr !== undefined && x.prefix > cidr.prefix && cidrContains(props.cidr, e), `exceptCidrs[${i}]`, `${JSON.stringify(e)} is not a narrower range inside cidr.`, 'Give a sub-range of cidr.');
    });
    v.require(isPort(props.port), 'port', `${JSON.stringify(props.port)} is not a port number.`, 'Use a number from 1 to 65535.');
    const protocol = props.protocol ?? PortProtocol.TCP;
    v.require(Object.values(PortProtocol).includes(protocol), 'protocol', `${JSON.stringify(protocol)} is not a protocol.`, 'Use PortProtocol.TCP, UDP or SCTP.');
    v.throwIfInvalid();

    this.egressPolicy = new k8s.KubeNetworkPolicy(this, 'Egress', {
      metadata: policyMeta(props.client),
      spec: {
        podSelector: { matchLabels: { ...props.client.podSelectorLabels } },
        policyTypes: ['Egress'],
        egress: [{
          to: [{ ipBlock: { cidr: props.cidr, ...(props.exceptCidrs?.length ? { except: [...props.exceptCidrs] } : {}) } }],
          ports: [{ protocol, port: k8s.IntOrString.fromNumber(props.port) }],
        }],
      },
    });
    applyOverrides(this.egressPolicy, [any]);
  }
}
