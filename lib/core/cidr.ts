/**
 * The one CIDR parser (IPv4 and IPv6, with an embedded IPv4 tail), shared by the AWS and Kubernetes constructs and
 * the compliance rules, so that they always agree on what a CIDR is and how wide it is.
 */

/** A parsed CIDR: family, prefix length and the (masked) network address. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly prefix: number;
  /** The network address as an integer (host bits cleared). */
  readonly network: bigint;
}

function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIpv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.includes(':::')) return false;
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  let groups = s.split(':');
  // an embedded IPv4 tail counts as two groups
  const last = groups[groups.length - 1];
  let extra = 0;
  if (last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups = groups.slice(0, -1);
    extra = 2;
  }
  const nonEmpty = groups.filter((g) => g !== '');
  if (!nonEmpty.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = nonEmpty.length + extra;
  return doubles === 1 ? count < 8 : count === 8 && groups.every((g) => g !== '');
}

/** An IP address as an integer, or undefined when it is not an IPv4 / IPv6 address. */
export function ipToBigInt(ip: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIpv4(ip)) return { family: 4, value: ip.split('.').reduce((acc, p) => (acc << BigInt(8)) + BigInt(Number(p)), BigInt(0)) };
  if (!isIpv6(ip)) return undefined;
  let s = ip;
  const last = s.split(':').pop()!;
  if (last.includes('.')) {
    const v4 = last.split('.').map(Number);
    s = s.slice(0, s.length - last.length) + `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return { family: 6, value: groups.reduce((acc, g) => (acc << BigInt(16)) + BigInt(parseInt(g, 16)), BigInt(0)) };
}

/** Formats an integer address. */
export function bigIntToIp(family: 4 | 6, n: bigint): string {
  if (family === 4) return [24, 16, 8, 0].map((s) => String(Number((n >> BigInt(s)) & BigInt(255)))).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & BigInt(0xffff)).toString(16));
  const full = groups.join(':');
  // compress the longest run of zero groups (RFC 5952)
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return full;
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** Parses `address/prefix` (surrounding spaces allowed); undefined when it is not a CIDR. */
export function parseCidr(s: unknown): Cidr | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^([^/]+)\/([0-9]{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const ip = ipToBigInt(m[1]);
  if (!ip) return undefined;
  const width = ip.family === 4 ? 32 : 128;
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  return { family: ip.family, prefix, network: (ip.value >> hostBits) << hostBits };
}

/** Whether a string is a syntactically valid IPv4 or IPv6 CIDR. */
export function isCidr(s: unknown): boolean {
  return parseCidr(s) !== undefined;
}

/** Whether a CIDR covers every address of its family (`0.0.0.0/0`, `::/0`, any `/0`). */
export function isOpenCidr(s: unknown): boolean {
  const c = parseCidr(s);
  if (c) return c.prefix === 0;
  // not a CIDR CloudFormation would accept, but read the way a lenient consumer might: any `/0` is everything
  return typeof s === 'string' && /\/0+\s*$/.test(s);
}

/**
 * Ranges no internet host can come from (RFC 6890: "this network", private, loopback, multicast, reserved; IPv6
 * IPv4-mapped and reserved, unique local, link local, multicast): a CIDR inside one of them is never internet-wide.
 */
const NOT_INTERNET: readonly Cidr[] = ['0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4', '::/8', 'fc00::/7', 'fe80::/10', 'ff00::/8']
  .map((c) => parseCidr(c)!);
/** IPv6 global unicast: where the internet's IPv6 hosts are. */
const GLOBAL_UNICAST: Cidr = parseCidr('2000::/3')!;
/** The longest prefix of a CIDR that counts as a large part of the internet: a public /8 (16.7 million IPv4 addresses) or a /16 of IPv6 global unicast. */
export const INTERNET_WIDE_PREFIX: Readonly<Record<4 | 6, number>> = { 4: 8, 6: 16 };

/**
 * Whether a CIDR opens a port to the internet: every address (`0.0.0.0/0`, `::/0`, any `/0`), or a block so wide that
 * it holds a large part of the internet (`0.0.0.0/1` and `128.0.0.0/1` together are the whole IPv4 internet; a public
 * `/8` or wider, an IPv6 `/16` or wider that reaches into global unicast). Blocks inside private or reserved ranges
 * (`10.0.0.0/8`, `fc00::/7`...) are not.
 */
export function isInternetWideCidr(s: unknown): boolean {
  if (isOpenCidr(s)) return true;
  const c = parseCidr(s);
  if (!c || c.prefix > INTERNET_WIDE_PREFIX[c.family]) return false;
  if (NOT_INTERNET.some((r) => contains(r, c))) return false;
  return c.family === 4 || contains(c, GLOBAL_UNICAST) || contains(GLOBAL_UNICAST, c);
}

/**
 * How much of the internet an internet-wide CIDR opens, for messages: `the whole internet` or `2^31 addresses, ...`
 * (surrounding spaces allowed, as for parseCidr).
 */
export function internetReach(s: string): string {
  if (isOpenCidr(s)) return 'the whole internet';
  const c = parseCidr(s);
  const bits = c ? (c.family === 4 ? 32 : 128) - c.prefix : 0;
  return `2^${bits} addresses: a large part of the internet`;
}

/**
 * The family whose every address the union of these CIDRs covers (`0.0.0.0/1` with `128.0.0.0/1` is all of IPv4), or
 * undefined. Strings that are not CIDRs are ignored.
 */
export function unionCoversFamily(cidrs: readonly unknown[]): 4 | 6 | undefined {
  for (const family of [4, 6] as const) {
    const width = BigInt(family === 4 ? 32 : 128);
    const ranges = cidrs.map(parseCidr).filter((c): c is Cidr => c !== undefined && c.family === family)
      .map((c) => [c.network, c.network + (BigInt(1) << (width - BigInt(c.prefix)))] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let reach = BigInt(0);
    for (const [from, to] of ranges) {
      if (from > reach) break;
      if (to > reach) reach = to;
    }
    if (ranges.length > 0 && reach === BigInt(1) << width) return family;
  }
  return undefined;
}

/** Whether CIDR `inner` lies within CIDR `outer` (same family, longer or equal prefix). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return o !== undefined && i !== undefined && contains(o, i);
}

function contains(o: Cidr, i: Cidr): boolean {
  if (o.family !== i.family || i.prefix < o.prefix) return false;
  const shift = BigInt((o.family === 4 ? 32 : 128) - o.prefix);
  return (o.network >> shift) === (i.network >> shift);
}

/**
 * The `count` subnets of `bits` host bits each, carved from the start of `block`, as CloudFormation's `Fn::Cidr`
 * computes them; undefined when the arguments are not valid.
 */
export function cidrSubnets(block: string, count: number, bits: number): string[] | undefined {
  const c = parseCidr(block);
  if (!c || !Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(bits) || bits < 0) return undefined;
  const width = c.family === 4 ? 32 : 128;
  const newPrefix = width - bits;
  if (bits > width || newPrefix < c.prefix) return undefined;
  if (BigInt(count) > BigInt(1) << BigInt(newPrefix - c.prefix)) return undefined;
  const size = BigInt(1) << BigInt(bits);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${bigIntToIp(c.family, c.network + size * BigInt(i))}/${newPrefix}`);
  return out;
}
