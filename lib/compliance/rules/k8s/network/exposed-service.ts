import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { obj, str } from '../pod';

const EXPOSED = ['NodePort', 'LoadBalancer'];

/** Services of type NodePort or LoadBalancer expose pods outside the cluster network. */
export const K8S_NETWORK_EXPOSED_SERVICE = defineRule({
  id: 'k8s-network-exposed-service',
  title: 'Services are not exposed through NodePort or LoadBalancer',
  description: 'The Service is of type NodePort or LoadBalancer, opening a port on every node or an external load balancer.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['Service'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-7'],
  remediation: 'Use type ClusterIP and expose the service through an Ingress or Gateway with TLS and authentication; if external exposure is intended, restrict loadBalancerSourceRanges and suppress with the reason.',
  evaluate: (resource) => {
    const type = str(obj(obj(resource.body)?.spec)?.type);
    if (!type || !EXPOSED.includes(type)) return COMPLIANT;
    return nonCompliant({ id: `type:${type}`, message: `Service is of type ${type}.` });
  },
});
