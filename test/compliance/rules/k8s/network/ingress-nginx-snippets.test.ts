import { K8S_NETWORK_INGRESS_NGINX_SNIPPETS } from '../../../../../lib/compliance/rules/k8s/network/ingress-nginx-snippets';
import { check, ids } from '../helpers';

const RULE = K8S_NETWORK_INGRESS_NGINX_SNIPPETS;
const ingress = (annotations: Record<string, string>, apiVersion = 'networking.k8s.io/v1') => ({
  apiVersion, kind: 'Ingress', metadata: { name: 'web', namespace: 'shop', annotations },
  spec: { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
});
const controllerConfig = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data });

describe('k8s-network-ingress-nginx-snippets (CVE-2021-25742)', () => {
  test('every snippet annotation of an Ingress is reported (ingress-nginx and F5 NGINX)', () => {
    const f = check(RULE, ingress({
      'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X-Frame-Options: DENY";',
      'nginx.ingress.kubernetes.io/server-snippet': 'location /metrics { deny all; }',
      'nginx.org/location-snippets': 'add_header X-Debug 1;',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    }));
    expect(ids(f)).toEqual([
      'k8s-network-ingress-nginx-snippets[annotation:nginx.ingress.kubernetes.io/configuration-snippet]',
      'k8s-network-ingress-nginx-snippets[annotation:nginx.ingress.kubernetes.io/server-snippet]',
      'k8s-network-ingress-nginx-snippets[annotation:nginx.org/location-snippets]',
    ]);
    expect(f[0].severity).toBe('error');
  });
  test('dedicated annotations, empty snippets and other controllers are fine', () => {
    expect(check(RULE, ingress({
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/auth-snippet': '',
      'example.com/config-snippet': 'x',
      'traefik.ingress.kubernetes.io/router.middlewares': 'shop-headers@kubernetescrd',
    }))).toEqual([]);
    expect(check(RULE, ingress({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'x' }, 'config.openshift.io/v1'))).toEqual([]);
  });
  test('a controller ConfigMap that allows snippets is reported; the defaults and other ConfigMaps are fine', () => {
    expect(ids(check(RULE, controllerConfig({ 'allow-snippet-annotations': 'true', 'annotations-risk-level': 'Critical' })))).toEqual([
      'k8s-network-ingress-nginx-snippets[data:allow-snippet-annotations]',
      'k8s-network-ingress-nginx-snippets[data:annotations-risk-level]',
    ]);
    expect(check(RULE, [controllerConfig({ 'allow-snippet-annotations': 'false', 'annotations-risk-level': 'High' }), { ...controllerConfig({ 'use-forwarded-headers': 'true' }), metadata: { name: 'app-settings', namespace: 'shop' } }])).toEqual([]);
  });
});
