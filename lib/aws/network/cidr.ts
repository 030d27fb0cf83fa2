/** Whether a CIDR covers every address of its family (`0.0.0.0/0`, `::/0`, or any `/0`). */
export function isOpenCidr(cidr: string | undefined): boolean {
  return typeof cidr === 'string' && /\/0+$/.test(cidr.trim());
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6 = /^[0-9a-fA-F:]+(:[0-9a-fA-F]{0,4})*\/(12[0-8]|1[01]\d|\d?\d)$/;

/** Whether a string is a syntactically valid IPv4 or IPv6 CIDR. */
export function isCidr(cidr: string): boolean {
  return IPV4.test(cidr) || (cidr.includes(':') && IPV6.test(cidr));
}

/** Whether a CIDR is IPv6. */
export function isIpv6Cidr(cidr: string): boolean {
  return cidr.includes(':');
}
