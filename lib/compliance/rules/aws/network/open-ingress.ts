/** Shared helpers of the open-ingress rules (also used by the constructs to narrow their recorded overrides). */

/** Whether a CIDR value covers every address of its family (`0.0.0.0/0`, `::/0`, any `/0`). */
export function isOpenCidrValue(value: unknown): value is string {
  return typeof value === 'string' && /\/0+$/.test(value.trim());
}

/** Normalises a protocol as CloudFormation accepts it (`tcp`, `6`, `-1`, `all`). */
export function protocolName(protocol: unknown): string {
  const p = String(protocol ?? '-1').toLowerCase();
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
  const ports = proto === 'all' || fromPort === undefined ? '*' : `${fromPort}-${toPort ?? fromPort}`;
  return `${proto}:${ports}:${cidr.trim()}`;
}
