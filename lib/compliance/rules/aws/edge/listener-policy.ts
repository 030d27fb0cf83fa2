import { Resource } from '../../../model';
import { props, str } from '../network/cfn-values';
import { ELB_DEFAULT_POLICY } from './tls-policies';

const TLS_PROTOCOLS = ['HTTPS', 'TLS'];

/** The TLS policy of an HTTPS/TLS listener (absent: the ELB default), or undefined for other protocols. */
export function listenerPolicy(resource: Resource): { policy: string; explicit: boolean } | undefined {
  const p = props(resource);
  if (!TLS_PROTOCOLS.includes(String(p.Protocol ?? '').toUpperCase())) return undefined;
  const policy = str(p.SslPolicy);
  if (p.SslPolicy !== undefined && policy === undefined) return { policy: '<intrinsic>', explicit: true };
  return { policy: policy ?? ELB_DEFAULT_POLICY, explicit: policy !== undefined };
}

