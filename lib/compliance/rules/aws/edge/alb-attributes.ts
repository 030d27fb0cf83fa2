import { Resource } from '../../../model';
import { attributes, props, str } from '../network/cfn-values';

/** Attributes of an application load balancer, or undefined for other load balancer types. */
export function albAttributes(resource: Resource): Map<string, string> | undefined {
  const p = props(resource);
  const type = p.Type === undefined ? 'application' : str(p.Type);
  if (type !== 'application') return undefined;
  return attributes(p.LoadBalancerAttributes);
}

