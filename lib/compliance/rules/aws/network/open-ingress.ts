/** Shared helpers of the open-ingress rules (also used by the constructs to narrow their recorded overrides). */
import { isInternetWideCidr } from '../../../../core/cidr';
import { display } from '../../../values/cfn-resolve';

/**
 * Whether a CIDR value opens to the internet: every address of its family (`0.0.0.0/0`, `::/0`, any `/0`) or a block
 * that holds a large part of it (`0.0.0.0/1`, a public `/8`, `2000::/3`: see isInternetWideCidr).
 */
export function isOpenCidrValue(value: unknown): value is string {
  return typeof value === 'string' && isInternetWideCidr(value);
}

/** Normalises a protocol as CloudFormation accepts it (`tcp`, `6`, `-1`, `all`), case-insensitively. */
export function protocolName(protocol: unknown): string {
  const p = (protocol === undefined || protocol === null ? '-1' : typeof protocol === 'string' ? display(protocol) : String(protocol)).trim().toLowerCase();
  if (p === '6') return 'tcp';
  if (p === '17') return 'udp';
  if (p === '1') return 'icmp';
  if (p === '58') return 'icmpv6';
  if (p === 'all' || p === '-1') return 'all';
  return p;
}

/**
 * The finding id of one open ingress permission: `<protocol>:<from>-<to>:<cidr>` (`all:*:0.0.0.0/0` for all traffic).
 * Constructs use it to suppress exactly the permission they were given a reason for.
 */
export function ingressFindingId(protocol: unknown, fromPort: unknown, toPort: unknown, cidr: string): string {
  const proto = protocolName(protocol);
  const port = (v: unknown) => (typeof v === 'string' ? display(v) : String(v));
  const ports = proto === 'all' || fromPort === undefined ? '*' : `${port(fromPort)}-${port(toPort ?? fromPort)}`;
  return `${proto}:${ports}:${display(cidr).trim()}`;
}
