import { Resource, RuleContext } from '../../../model';
import { Alt, hasTokens } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/**
 * The attributes of an application load balancer in each possible value of the resource, as key -> value maps
 * (values as written: strings, booleans, or tokens); [] for load balancers that are certainly not application ones.
 */
export function albAttributes(resource: Resource, context: RuleContext): Alt<Map<string, unknown>>[] {
  const out: Alt<Map<string, unknown>>[] = [];
  for (const a of valuesOf(resource, context).alts([])) {
    const p = obj(a.value) ?? {};
    if (p.Type !== undefined && p.Type !== 'application' && !(typeof p.Type === 'string' && hasTokens(p.Type))) continue;
    const m = new Map<string, unknown>();
    for (const entry of asList(p.LoadBalancerAttributes)) {
      const e = obj(entry);
      if (e && typeof e.Key === 'string') m.set(e.Key, e.Value);
    }
    out.push({ value: m, via: a.via });
  }
  return out;
}
