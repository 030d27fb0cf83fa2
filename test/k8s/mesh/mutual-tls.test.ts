import { MeshProvider, MutualTls, LinkerdProxyProtocol } from '../../../lib/k8s/mesh';
import { SecureNamespace } from '../../../lib/k8s/namespace';
import { HardenedDeployment, HealthProbe } from '../../../lib/k8s/workload';
import { bareChart, checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, objectsOf, only, synth } from '../helpers';
import { webContainer } from '../workload/fixtures';

function setup() {
  const chart = testChart();
  const api = new HardenedDeployment(chart, 'api', {
    name: 'api',
    namespaceName: 'back',
    containers: [webContainer({ name: 'api', ports: [{ name: 'grpc', containerPort: 9090 }, { name: 'metrics', containerPort: 9100 }], livenessProbe: HealthProbe.grpc(9090), readinessProbe: HealthProbe.grpc(9090) })],
  });
  const web = new HardenedDeployment(chart, 'web', { name: 'web', namespaceName: 'front', containers: [webContainer()] });
  return { chart, api, web };
}

describe('MutualTls with Istio', () => {
  test('STRICT PeerAuthentication, ALLOW only named principals, ISTIO_MUTUAL DestinationRule, injection', () => {
    const { chart, api, web } = setup();
    new MutualTls(chart, 'mtls', { provider: MeshProvider.ISTIO, workload: api, allowedClients: [web], allowedServiceAccounts: [{ name: 'istio-ingressgateway', namespaceName: 'istio-system' }], ports: ['grpc'], serviceName: 'api' });
    const m = synth(chart);
    const pa = only(m, 'PeerAuthentication');
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.metadata).toEqual({ name: 'api', namespace: 'back' });
    expect(pa.spec).toEqual({ selector: { matchLabels: api.podSelectorLabels }, mtls: { mode: 'STRICT' } });
    const ap = only(m, 'AuthorizationPolicy');
    expect(ap.apiVersion).toBe('security.istio.io/v1');
    expect(ap.spec).toEqual({
      selector: { matchLabels: api.podSelectorLabels },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/front/sa/web', 'cluster.local/ns/istio-system/sa/istio-ingressgateway'] } }], to: [{ operation: { ports: ['9090'] } }] }],
    });
    const dr = only(m, 'DestinationRule');
    expect(dr.apiVersion).toBe('networking.istio.io/v1');
    expect(dr.spec).toEqual({ host: 'api.back.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
    for (const name of ['api', 'web']) {
      expect(only(m, 'Deployment', name).spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    }
  });

  test('control plane egress for the server and each client', () => {
    const { chart, api, web } = setup();
    new MutualTls(chart, 'mtls', { provider: MeshProvider.ISTIO, workload: api, allowedClients: [web], serviceName: 'api' });
    const egress = objectsOf(synth(chart), 'NetworkPolicy').filter((p) => p.spec.policyTypes.length === 1);
    expect(egress.map((p) => [p.metadata.namespace, p.spec.podSelector.matchLabels])).toEqual([['back', api.podSelectorLabels], ['front', web.podSelectorLabels]]);
    expect(egress[0].spec.egress[0].ports.map((p: any) => p.port)).toEqual([15012, 15017]);
  });

  test('passes the full pack with its namespaces', () => {
    const { chart, api, web } = setup();
    new SecureNamespace(chart, 'back', { name: 'back', meshControlPlane: MeshProvider.ISTIO });
    new SecureNamespace(chart, 'front', { name: 'front', meshControlPlane: MeshProvider.ISTIO });
    new MutualTls(chart, 'mtls', { provider: MeshProvider.ISTIO, workload: api, allowedClients: [web], serviceName: 'api' });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });
});

describe('MutualTls with Linkerd', () => {
  test('Server per port (deny by default), MeshTLSAuthentication with identities, AuthorizationPolicy per Server, inject annotations', () => {
    const { chart, api, web } = setup();
    new MutualTls(chart, 'mtls', { provider: MeshProvider.LINKERD, workload: api, allowedClients: [web], linkerdProxyProtocol: LinkerdProxyProtocol.GRPC });
    const m = synth(chart);
    const servers = objectsOf(m, 'Server');
    expect(servers.map((s) => [s.apiVersion, s.metadata.name, s.spec])).toEqual([
      ['policy.linkerd.io/v1beta3', 'api-grpc', { podSelector: { matchLabels: api.podSelectorLabels }, port: 'grpc', accessPolicy: 'deny', proxyProtocol: 'gRPC' }],
      ['policy.linkerd.io/v1beta3', 'api-metrics', { podSelector: { matchLabels: api.podSelectorLabels }, port: 'metrics', accessPolicy: 'deny', proxyProtocol: 'gRPC' }],
    ]);
    const authn = only(m, 'MeshTLSAuthentication');
    expect(authn.apiVersion).toBe('policy.linkerd.io/v1alpha1');
    expect(authn.spec).toEqual({ identityRefs: [{ kind: 'ServiceAccount', name: 'web', namespace: 'front' }] });
    const aps = objectsOf(m, 'AuthorizationPolicy');
    expect(aps.map((a) => [a.apiVersion, a.spec])).toEqual(servers.map((s) => ['policy.linkerd.io/v1alpha1', {
      targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: s.metadata.name },
      requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: authn.metadata.name }],
    }]));
    const apiPod = only(m, 'Deployment', 'api').spec.template.metadata.annotations;
    expect(apiPod).toEqual({ 'linkerd.io/inject': 'enabled', 'config.linkerd.io/default-inbound-policy': 'all-authenticated' });
    expect(only(m, 'Deployment', 'web').spec.template.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(objectsOf(m, 'PeerAuthentication')).toEqual([]);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });
});

describe('MutualTls bad input', () => {
  test.each([
    ['no clients', {}, 'allowedClients'],
    ['unknown port', { ports: ['http'] }, 'ports[0]'],
    ['Istio without serviceName', { provider: MeshProvider.ISTIO, serviceName: undefined }, 'serviceName'],
    ['server as its own client', { selfClient: true }, 'allowedClients[0]'],
    ['bad service account', { allowedServiceAccounts: [{ name: 'x', namespaceName: 'Not Valid' }] }, 'allowedServiceAccounts[0].namespaceName'],
    ['linkerd protocol with Istio', { provider: MeshProvider.ISTIO, linkerdProxyProtocol: LinkerdProxyProtocol.HTTP2 }, 'linkerdProxyProtocol'],
  ])('%s', (_what, extra: any, property) => {
    const { chart, api, web } = setup();
    const props: any = { provider: MeshProvider.LINKERD, workload: api, serviceName: 'api', ...extra };
    if (extra.selfClient) props.allowedClients = [api];
    else if (!('allowedServiceAccounts' in extra) && _what !== 'no clients') props.allowedClients = [web];
    expectInvalid(() => new MutualTls(chart, 'mtls', props), 'test/mtls', property);
  });

  test('workload without namespace', () => {
    const chart = bareChart();
    const w = new HardenedDeployment(chart, 'w', { containers: [webContainer()] });
    expectInvalid(() => new MutualTls(chart, 'mtls', { provider: MeshProvider.LINKERD, workload: w, allowedServiceAccounts: [{ name: 'a', namespaceName: 'b' }] }), 'test/mtls', 'workload', /no namespace/);
  });
});
