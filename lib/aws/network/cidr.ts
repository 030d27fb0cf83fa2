// CIDRs: the one parser of the project (lib/core/cidr.ts), shared with the rules and the Kubernetes constructs.
import { parseCidr } from '../../core/cidr';

export { isCidr, isOpenCidr } from '../../core/cidr';

/** Whether a CIDR is IPv6. */
export function isIpv6Cidr(cidr: string): boolean {
  return parseCidr(cidr)?.family === 6 || cidr.includes(':');
}
