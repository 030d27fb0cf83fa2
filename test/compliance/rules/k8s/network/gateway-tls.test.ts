import { K8S_NETWORK_GATEWAY_TLS } from '../../../../../lib/compliance/rules/k8s/network/gateway-tls';
import { check, ids } from '../helpers';

const RULE = K8S_NETWORK_GATEWAY_TLS;
const GW = 'gateway.networking.k8s.io/v1';
const gateway = (listeners: object[], extra: object = {}) => ({
  apiVersion: GW, kind: 'Gateway', metadata: { name: 'public', namespace: 'edge', ...extra }, spec: { gatewayClassName: 'eg', listeners },
});
const https = { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'shop-tls' }] }, allowedRoutes: { namespaces: { from: 'All' } } };
const http = { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } };
const route = (rules: object[], parentRef: object = { name: 'public', namespace: 'edge', sectionName: 'http' }, kind = 'HTTPRoute', namespace = 'shop') => ({
  apiVersion: GW, kind, metadata: { name: kind === 'HTTPRoute' ? 'redirect' : 'grpc', namespace }, spec: { parentRefs: [parentRef], hostnames: ['shop.example.com'], rules },
});
const REDIRECT = { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] };
const FORWARD = { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 8080 }] };
const found = (...docs: object[]) => ids(check(RULE, docs));

describe('k8s-network-gateway-tls: Gateway API', () => {
  test('HTTPS with a certificate plus an HTTP listener whose only route redirects to https: fine', () => {
    expect(found(gateway([https, http]), route([REDIRECT]), { ...route([FORWARD], { name: 'public', namespace: 'edge', sectionName: 'https' }), metadata: { name: 'web', namespace: 'shop' } })).toEqual([]);
  });

  test('a Gateway with only an HTTP listener: everything is plain (error)', () => {
    const f = check(RULE, [gateway([http])]);
    expect(ids(f)).toEqual(['k8s-network-gateway-tls[listener:http]']);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('no HTTPS or TLS listener');
  });

  test('an HTTP listener with a route that forwards (also a route naming no section, or a GRPCRoute) is plain', () => {
    const f = check(RULE, [gateway([https, http]), route([REDIRECT, FORWARD])]);
    expect(ids(f)).toEqual(['k8s-network-gateway-tls[listener:http]']);
    expect(f[0].message).toContain('HTTPRoute shop/redirect rules[1]');
    expect(found(gateway([https, http]), route([FORWARD], { name: 'public', namespace: 'edge' }))).toEqual(['k8s-network-gateway-tls[listener:http]']);
    expect(found(gateway([https, http]), route([REDIRECT]), route([{ backendRefs: [{ name: 'api', port: 9090 }] }], { name: 'public', namespace: 'edge', port: 80 }, 'GRPCRoute'))).toEqual(['k8s-network-gateway-tls[listener:http]']);
  });

  test('an HTTP listener with no attached route in the run cannot be verified; routes of other Gateways, other sections or not admitted do not attach', () => {
    const lone = check(RULE, [gateway([https, http])]);
    expect(ids(lone)).toEqual(['k8s-network-gateway-tls[listener:http]']);
    expect(lone[0].unverified).toBe(true);
    const sameOnly = { ...http, allowedRoutes: { namespaces: { from: 'Same' } } };
    for (const docs of [
      [gateway([https, http]), route([FORWARD], { name: 'other', namespace: 'edge' })],
      [gateway([https, http]), route([FORWARD], { name: 'public', namespace: 'edge', sectionName: 'https' })],
      [gateway([https, sameOnly]), route([FORWARD])], // from: Same, the route is in another namespace
      [gateway([https, http]), route([FORWARD], { name: 'public', namespace: 'edge', kind: 'Service' })],
    ]) {
      const f = check(RULE, docs);
      expect(f.map((x) => x.unverified)).toEqual([true]);
    }
  });

  test('TLS without certificate is reported; Passthrough and certificates given by GKE options are fine; TCP is not judged', () => {
    expect(found(gateway([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate' } }]))).toEqual(['k8s-network-gateway-tls[listener:https]']);
    expect(found(gateway([{ name: 'https', protocol: 'HTTPS', port: 443 }]))).toEqual(['k8s-network-gateway-tls[listener:https]']);
    expect(found(gateway([{ name: 'tls', protocol: 'TLS', port: 8443, tls: { mode: 'Terminate', certificateRefs: [] } }]))).toEqual(['k8s-network-gateway-tls[listener:tls]']);
    expect(found(
      gateway([{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' } }, { name: 'db', protocol: 'TCP', port: 5432 }]),
      { ...gateway([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { options: { 'networking.gke.io/pre-shared-certs': 'shop-cert' } } }]), metadata: { name: 'gke', namespace: 'edge' } },
      gateway([{ name: 'https', protocol: 'HTTPS', port: 443 }], { name: 'certmap', annotations: { 'networking.gke.io/certmap': 'shop-map' } }),
    )).toEqual([]);
  });
});

describe('k8s-network-gateway-tls: Istio Gateway', () => {
  const istio = (servers: object[]) => ({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'ingress', namespace: 'istio-ingress' }, spec: { selector: { istio: 'ingressgateway' }, servers } });
  test('HTTP with httpsRedirect, HTTPS with credentialName, passthrough and mesh mTLS are fine', () => {
    expect(found(istio([
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'], tls: { httpsRedirect: true } },
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-tls' } },
      { port: { number: 8443, name: 'tls', protocol: 'TLS' }, hosts: ['db.example.com'], tls: { mode: 'PASSTHROUGH' } },
      { port: { number: 15443, name: 'tls-mesh', protocol: 'TLS' }, hosts: ['*.local'], tls: { mode: 'AUTO_PASSTHROUGH' } },
      { port: { number: 15012, name: 'tls-istiod', protocol: 'TLS' }, hosts: ['*'], tls: { mode: 'ISTIO_MUTUAL' } },
    ]))).toEqual([]);
  });
  test('plain HTTP without redirect, plain gRPC, and HTTPS without credentials are reported', () => {
    expect(found(istio([
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] },
      { port: { number: 9090, name: 'grpc', protocol: 'GRPC' }, hosts: ['*'] },
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls: { mode: 'SIMPLE' } },
      { port: { number: 8443, name: 'https-2', protocol: 'HTTPS' }, hosts: ['*'] },
    ]))).toEqual(['k8s-network-gateway-tls[server:http]', 'k8s-network-gateway-tls[server:grpc]', 'k8s-network-gateway-tls[server:https]', 'k8s-network-gateway-tls[server:https-2]']);
  });
  test('a Gateway of another API group is not judged', () => {
    expect(found({ ...istio([{ port: { number: 80, name: 'http', protocol: 'HTTP' } }]), apiVersion: 'example.com/v1' })).toEqual([]);
  });
});
