import { ELB_DEFAULT_POLICY } from './tls-policies';
import { Resource, RuleContext } from '../../../model';
import { Alt, hasTokens } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

const TLS_PROTOCOLS = ['HTTPS', 'TLS'];

/** The TLS policy of a listener in one possible value: the policy (absent: the ELB default) or a token when unknown. */
export interface ListenerPolicy {
  readonly policy: string;
  readonly explicit: boolean;
  /** The policy (or the protocol) is not known before deployment. */
  readonly unknown: boolean;
}

/**
 * The TLS policy of an HTTPS/TLS listener in each possible value of the resource; alternatives whose protocol is
 * certainly not HTTPS/TLS are left out (none: the rule is not applicable).
 */
export function listenerPolicies(resource: Resource, context: RuleContext): Alt<ListenerPolicy>[] {
  const out: Alt<ListenerPolicy>[] = [];
  for (const a of valuesOf(resource, context).alts([])) {
    const p = obj(a.value) ?? {};
    const protocol = p.Protocol;
    const protocolUnknown = typeof protocol === 'string' && hasTokens(protocol);
    if (!protocolUnknown && !TLS_PROTOCOLS.includes(String(protocol ?? '').toUpperCase())) continue;
    const policy = p.SslPolicy;
    if (policy === undefined) out.push({ value: { policy: ELB_DEFAULT_POLICY, explicit: false, unknown: protocolUnknown }, via: a.via });
    else if (typeof policy !== 'string' || hasTokens(policy)) out.push({ value: { policy: String(policy), explicit: true, unknown: true }, via: a.via });
    else out.push({ value: { policy, explicit: true, unknown: protocolUnknown }, via: a.via });
  }
  return out;
}
