import { K8S_NETWORK_EXTERNAL_IPS } from '../../../../../lib/compliance/rules/k8s/network/external-ips';
import { K8S_NETWORK_INGRESS_TLS, tlsCovers } from '../../../../../lib/compliance/rules/k8s/network/ingress-tls';
import { K8S_NETWORK_LOAD_BALANCER_TLS } from '../../../../../lib/compliance/rules/k8s/network/load-balancer-tls';
import { check, ids } from '../helpers';

const svc = (spec: object, annotations?: object) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'app', ...(annotations ? { annotations } : {}) },
  spec: { selector: { app: 'web' }, ports: [{ name: 'https', port: 443, targetPort: 8443 }], ...spec },
});

describe('k8s-network-external-ips (CVE-2020-8554)', () => {
  test('a Service with externalIPs is an error', () => {
    const f = check(K8S_NETWORK_EXTERNAL_IPS, svc({ externalIPs: ['203.0.113.10'] }));
    expect(ids(f)).toEqual(['k8s-network-external-ips[externalIPs]']);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('203.0.113.10');
  });
  test('without externalIPs (or an empty list) is fine', () => {
    expect(check(K8S_NETWORK_EXTERNAL_IPS, [svc({}), svc({ type: 'LoadBalancer', externalIPs: [] })])).toEqual([]);
  });
});

describe('k8s-network-ingress-tls', () => {
  const ingress = (spec: object, apiVersion = 'networking.k8s.io/v1') => ({
    apiVersion, kind: 'Ingress', metadata: { name: 'web', namespace: 'app' },
    spec: { ingressClassName: 'nginx', ...spec },
  });
  const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } });

  test('no tls section', () => {
    expect(ids(check(K8S_NETWORK_INGRESS_TLS, ingress({ rules: [rule('shop.example.com')] })))).toEqual(['k8s-network-ingress-tls[tls:missing]']);
    expect(ids(check(K8S_NETWORK_INGRESS_TLS, ingress({ rules: [rule('shop.example.com')] }, 'extensions/v1beta1')))).toEqual(['k8s-network-ingress-tls[tls:missing]']);
  });
  test('every rule host covered (exactly, or by a one-label wildcard) passes', () => {
    expect(check(K8S_NETWORK_INGRESS_TLS, ingress({
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }, { hosts: ['*.api.example.com'], secretName: 'api-tls' }],
      rules: [rule('shop.example.com'), rule('v1.api.example.com'), rule('SHOP.example.com')],
    }))).toEqual([]);
    // a tls entry without hosts: the controller's default certificate for every host
    expect(check(K8S_NETWORK_INGRESS_TLS, ingress({ tls: [{ secretName: 'default-tls' }], rules: [rule(), rule('x.example.com')] }))).toEqual([]);
  });
  test('hosts not covered, wildcards spanning two labels or the apex, and host-less rules are reported', () => {
    const f = check(K8S_NETWORK_INGRESS_TLS, ingress({
      tls: [{ hosts: ['*.example.com'], secretName: 'wild' }],
      rules: [rule('shop.example.com'), rule('a.b.example.com'), rule('example.com'), rule('other.org'), rule()],
    }));
    expect(ids(f)).toEqual(['k8s-network-ingress-tls[host:a.b.example.com]', 'k8s-network-ingress-tls[host:example.com]', 'k8s-network-ingress-tls[host:other.org]', 'k8s-network-ingress-tls[host:*]']);
  });
  test('tlsCovers', () => {
    expect(tlsCovers('*.example.com', 'a.example.com')).toBe(true);
    expect(tlsCovers('*.example.com', '*.example.com')).toBe(true);
    expect(tlsCovers('*.example.com', 'a.b.example.com')).toBe(false);
    expect(tlsCovers('*.example.com', '.example.com')).toBe(false);
    expect(tlsCovers('a.example.com', '*.example.com')).toBe(false);
  });
  test('certificates by annotation: AWS Load Balancer Controller and GKE', () => {
    const alb = (annotations: object) => ({ ...(ingress({ rules: [rule('shop.example.com')] }) as any), metadata: { name: 'web', namespace: 'app', annotations } });
    const arn = { 'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' };
    expect(check(K8S_NETWORK_INGRESS_TLS, alb(arn))).toEqual([]);
    expect(ids(check(K8S_NETWORK_INGRESS_TLS, alb({ ...arn, 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]' })))).toEqual(['k8s-network-ingress-tls[alb:http-listener]']);
    expect(check(K8S_NETWORK_INGRESS_TLS, alb({ ...arn, 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]', 'alb.ingress.kubernetes.io/ssl-redirect': '443' }))).toEqual([]);
    expect(check(K8S_NETWORK_INGRESS_TLS, alb({ 'networking.gke.io/managed-certificates': 'shop-cert' }))).toEqual([]);
    expect(ids(check(K8S_NETWORK_INGRESS_TLS, alb({ 'alb.ingress.kubernetes.io/scheme': 'internet-facing' })))).toEqual(['k8s-network-ingress-tls[tls:missing]']);
  });
  test('an Ingress of another API group (OpenShift cluster config) is not an ingress route', () => {
    expect(check(K8S_NETWORK_INGRESS_TLS, { apiVersion: 'config.openshift.io/v1', kind: 'Ingress', metadata: { name: 'cluster' }, spec: { domain: 'apps.example.com' } })).toEqual([]);
  });
});

describe('k8s-network-load-balancer-tls', () => {
  const lb = (annotations?: object, ports?: object[]) => svc({ type: 'LoadBalancer', ...(ports ? { ports } : {}) }, annotations);
  test('a plain public load balancer is a warning', () => {
    const f = check(K8S_NETWORK_LOAD_BALANCER_TLS, lb());
    expect(ids(f)).toEqual(['k8s-network-load-balancer-tls[public-plain]']);
    expect(f[0].severity).toBe('warning');
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ 'service.beta.kubernetes.io/aws-load-balancer-internal': 'false' }))).toHaveLength(1);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' }))).toHaveLength(1);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ 'networking.gke.io/load-balancer-type': 'External' }))).toHaveLength(1);
  });
  test.each([
    ['service.beta.kubernetes.io/aws-load-balancer-internal', 'true'],
    ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
    ['networking.gke.io/load-balancer-type', 'Internal'],
    ['cloud.google.com/load-balancer-type', 'Internal'],
    ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
    ['service.beta.kubernetes.io/aws-load-balancer-ssl-cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'],
  ])('%s: %s passes', (key, value) => {
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ [key]: value }))).toEqual([]);
  });
  test('the AWS Load Balancer Controller makes internal NLBs unless the scheme is internet-facing', () => {
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, svc({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }))).toEqual([]);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' }))).toEqual([]);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, svc({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }, { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' }))).toHaveLength(1);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' }))).toHaveLength(1); // in-tree: public
  });
  test('AWS ssl-ports: ports not listed stay plain', () => {
    const cert = { 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' };
    const ports = [{ name: 'https', port: 443 }, { name: 'http', port: 80 }];
    expect(ids(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ ...cert, 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports': '443' }, ports)))).toEqual(['k8s-network-load-balancer-tls[port:http]']);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ ...cert, 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports': 'https,http' }, ports))).toEqual([]);
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, lb({ ...cert, 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports': '*' }, ports))).toEqual([]);
  });
  test('other Service types are not load balancers', () => {
    expect(check(K8S_NETWORK_LOAD_BALANCER_TLS, [svc({}), svc({ type: 'NodePort' })])).toEqual([]);
  });
});
