import { COMPLIANT, NOT_APPLICABLE, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';

/** Annotations that make a cloud load balancer internal (value: what it must be; `true` = any value but "false"). */
export const INTERNAL_ANNOTATIONS: Readonly<Record<string, string>> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
  'networking.gke.io/load-balancer-type': 'Internal',
  'cloud.google.com/load-balancer-type': 'Internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
  'service.beta.kubernetes.io/oci-load-balancer-internal': 'true',
  'service.beta.kubernetes.io/openstack-internal-load-balancer': 'true',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': 'intranet',
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': 'private',
};

/** Annotations that terminate TLS at the load balancer with a certificate. */
export const TLS_ANNOTATIONS: readonly string[] = [
  'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
  'service.beta.kubernetes.io/do-loadbalancer-certificate-id',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-cert-id',
  'service.beta.kubernetes.io/oci-load-balancer-tls-secret',
];
const AWS_SSL_PORTS = 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports';

/**
 * The AWS Load Balancer Controller (loadBalancerClass service.k8s.aws/nlb, or aws-load-balancer-type external /
 * nlb-ip) creates internal NLBs unless aws-load-balancer-scheme is internet-facing.
 */
function awsLbControllerInternal(spec: Record<string, any> | undefined, annotations: Record<string, any>): boolean {
  const type = (str(annotations['service.beta.kubernetes.io/aws-load-balancer-type']) ?? '').trim().toLowerCase();
  const controller = str(spec?.loadBalancerClass) === 'service.k8s.aws/nlb' || type === 'external' || type === 'nlb-ip';
  return controller && str(annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']) === undefined;
}

function isInternal(annotations: Record<string, any>): string | undefined {
  for (const [key, want] of Object.entries(INTERNAL_ANNOTATIONS)) {
    const v = str(annotations[key]);
    if (v === undefined) continue;
    if (want === 'true' ? v.trim() !== '' && v.trim().toLowerCase() !== 'false' : v.trim().toLowerCase() === want.toLowerCase()) return key;
  }
  return undefined;
}

/**
 * A LoadBalancer Service gets a cloud load balancer, public by default. It should be internal, or terminate TLS with
 * a certificate (on AWS, `aws-load-balancer-ssl-ports` narrows TLS to some ports: the others stay plain).
 */
export const K8S_NETWORK_LOAD_BALANCER_TLS = defineRule({
  id: 'k8s-network-load-balancer-tls',
  title: 'LoadBalancer Services are internal or terminate TLS',
  description: 'The Service of type LoadBalancer carries neither an internal-load-balancer annotation (AWS aws-load-balancer-internal / aws-load-balancer-scheme: internal, GKE networking.gke.io/load-balancer-type: Internal, Azure azure-load-balancer-internal, OCI, OpenStack, Alibaba, IBM) nor a TLS certificate annotation (AWS aws-load-balancer-ssl-cert, DigitalOcean, Alibaba, OCI), and is not an AWS Load Balancer Controller NLB left at its internal default scheme, so a public load balancer forwards plain traffic; with AWS aws-load-balancer-ssl-ports, ports not listed stay plain.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: ['Service'],
  controls: ['NSA-CISA:network-separation', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:SC-8'],
  remediation: 'Annotate the Service for an internal load balancer, or terminate TLS at it with a certificate annotation (covering every port); better, keep the Service ClusterIP behind an Ingress or Gateway with TLS.',
  evaluate: (resource) => {
    const body = obj(resource.body);
    const spec = obj(body?.spec);
    if (str(spec?.type) !== 'LoadBalancer') return NOT_APPLICABLE;
    const annotations = obj(obj(body?.metadata)?.annotations) ?? {};
    if (isInternal(annotations) || awsLbControllerInternal(spec, annotations)) return COMPLIANT;
    const tls = TLS_ANNOTATIONS.find((k) => (str(annotations[k]) ?? '').trim() !== '');
    if (!tls) return fromFindings([{ id: 'public-plain', message: 'LoadBalancer Service is neither internal nor terminates TLS (no internal or certificate annotation).' }]);
    const sslPorts = str(annotations[AWS_SSL_PORTS]);
    if (tls !== TLS_ANNOTATIONS[0] || sslPorts === undefined || sslPorts.split(',').map((p) => p.trim()).includes('*')) return COMPLIANT;
    const listed = new Set(sslPorts.split(',').map((p) => p.trim()).filter((p) => p !== ''));
    const findings: RuleFinding[] = [];
    for (const p of arr(spec?.ports)) {
      const port = obj(p);
      const num = port?.port;
      const name = str(port?.name);
      if ((num !== undefined && listed.has(String(num))) || (name !== undefined && listed.has(name))) continue;
      findings.push({ id: `port:${name ?? String(num)}`, message: `Port ${name ? `"${name}" (${String(num)})` : String(num)} is not in ${AWS_SSL_PORTS} (${sslPorts}): it stays plain.` });
    }
    return fromFindings(findings);
  },
});
