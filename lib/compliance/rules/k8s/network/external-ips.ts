import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj } from '../pod';

/**
 * CVE-2020-8554: a Service's externalIPs make kube-proxy capture traffic to those addresses on every node, so whoever
 * can create a Service can intercept traffic meant for any IP (man in the middle). Kubernetes cannot fix it; the
 * mitigation is to keep externalIPs out of manifests and deny them at admission (DenyServiceExternalIPs).
 */
export const K8S_NETWORK_EXTERNAL_IPS = defineRule({
  id: 'k8s-network-external-ips',
  title: 'Services do not set externalIPs',
  description: 'The Service sets spec.externalIPs; kube-proxy then captures traffic to those addresses from every node and pod (CVE-2020-8554, man in the middle of traffic to any IP).',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Service'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:SC-8'],
  remediation: 'Remove spec.externalIPs and expose the Service through a LoadBalancer or Ingress; enable the DenyServiceExternalIPs admission plugin (or an admission policy) to reject them cluster-wide.',
  helpUri: 'https://github.com/kubernetes/kubernetes/issues/97076',
  evaluate: (resource) => {
    const ips = arr(obj(obj(resource.body)?.spec)?.externalIPs);
    if (ips.length === 0) return COMPLIANT;
    return nonCompliant({ id: 'externalIPs', message: `Service sets externalIPs ${ips.map((x) => JSON.stringify(x)).join(', ')} (CVE-2020-8554).` });
  },
});
