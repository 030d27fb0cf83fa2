import { SecureNamespace } from '../../../lib/k8s/namespace';
import { AllowCidrEgress, AllowNamespaceIngress, AllowWorkloadTraffic } from '../../../lib/k8s/network';
import { HardenedDeployment, HealthProbe, PortProtocol } from '../../../lib/k8s/workload';
import { bareChart, checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, objectsOf, overridesOf, synth } from '../helpers';
import { webContainer } from '../workload/fixtures';

function twoWorkloads(nsA?: string, nsB?: string) {
  const chart = nsA === undefined || nsB === undefined ? bareChart() : testChart();
  const web = new HardenedDeployment(chart, 'web', { name: 'web', namespaceName: nsA, containers: [webContainer()] });
  const api = new HardenedDeployment(chart, 'api', {
    name: 'api',
    namespaceName: nsB,
    containers: [webContainer({
      name: 'api',
      ports: [{ name: 'grpc', containerPort: 9090 }, { name: 'metrics', containerPort: 9100 }, { name: 'dns', containerPort: 5353, protocol: PortProtocol.UDP }],
      livenessProbe: HealthProbe.grpc(9090),
      readinessProbe: HealthProbe.grpc(9090),
    })],
  });
  return { chart, web, api };
}

const created = (m: any[]) => objectsOf(m, 'NetworkPolicy').filter((p) => !['web', 'api'].includes(p.metadata.name));

describe('AllowWorkloadTraffic', () => {
  test('same namespace: ingress on the server from the client, egress on the client to the server, named ports only', () => {
    const { chart, web, api } = twoWorkloads('shop', 'shop');
    const allow = new AllowWorkloadTraffic(chart, 'web-to-api', { client: web, server: api, ports: ['grpc'] });
    const m = synth(chart);
    const [ingress, egress] = created(m);
    expect(ingress.metadata.name).toBe(allow.ingressPolicy.name);
    expect(ingress.metadata.namespace).toBe('shop');
    expect(ingress.spec).toEqual({
      podSelector: { matchLabels: api.podSelectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: web.podSelectorLabels } }], ports: [{ protocol: 'TCP', port: 9090 }] }],
    });
    expect(egress.metadata.namespace).toBe('shop');
    expect(egress.spec).toEqual({
      podSelector: { matchLabels: web.podSelectorLabels },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: api.podSelectorLabels } }], ports: [{ protocol: 'TCP', port: 9090 }] }],
    });
    expect(created(m)).toHaveLength(2);
  });

  test('across namespaces: namespaceSelector by kubernetes.io/metadata.name; protocols kept', () => {
    const { chart, web, api } = twoWorkloads('front', 'back');
    new AllowWorkloadTraffic(chart, 'web-to-api', { client: web, server: api, ports: ['grpc', 'dns'] });
    const [ingress, egress] = created(synth(chart));
    expect(ingress.metadata.namespace).toBe('back');
    expect(ingress.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } }, podSelector: { matchLabels: web.podSelectorLabels } }]);
    expect(ingress.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 9090 }, { protocol: 'UDP', port: 5353 }]);
    expect(egress.metadata.namespace).toBe('front');
    expect(egress.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'back' } }, podSelector: { matchLabels: api.podSelectorLabels } }]);
  });

  test('no namespaces at all: same namespace assumed', () => {
    const { chart, web, api } = twoWorkloads();
    new AllowWorkloadTraffic(chart, 'a', { client: web, server: api, ports: ['metrics'] });
    const [ingress] = created(synth(chart));
    expect(ingress.metadata.namespace).toBeUndefined();
    expect(ingress.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: web.podSelectorLabels } }]);
  });

  test('passes the full pack together with the workloads and namespaces', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'front', { name: 'front' });
    new SecureNamespace(chart, 'back', { name: 'back' });
    const web = new HardenedDeployment(chart, 'web', { namespaceName: 'front', containers: [webContainer()] });
    const api = new HardenedDeployment(chart, 'api', { namespaceName: 'back', containers: [webContainer()] });
    new AllowWorkloadTraffic(chart, 'a', { client: web, server: api, ports: ['http'] });
    new AllowNamespaceIngress(chart, 'ingress', { server: web, clientNamespace: 'ingress-nginx', ports: ['http'] });
    new AllowCidrEgress(chart, 'db', { client: api, cidr: '10.20.0.0/16', port: 5432 });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('bad input', () => {
    const { chart, web, api } = twoWorkloads('a', 'b');
    expectInvalid(() => new AllowWorkloadTraffic(chart, 'x1', { client: web, server: api, ports: [] }), 'test/x1', 'ports');
    expectInvalid(() => new AllowWorkloadTraffic(chart, 'x2', { client: web, server: api, ports: ['https'] }), 'test/x2', 'ports[0]', /"grpc", "metrics", "dns"/);
    expectInvalid(() => new AllowWorkloadTraffic(chart, 'x3', { client: web, server: web, ports: ['http'] }), 'test/x3', 'server');
    const c2 = twoWorkloads('a', undefined);
    expectInvalid(() => new AllowWorkloadTraffic(c2.chart, 'x4', { client: c2.web, server: c2.api, ports: ['grpc'] }), 'test/x4', 'server', /no namespace/);
  });
});

describe('AllowNamespaceIngress', () => {
  test('from a namespace (optionally some of its pods) on named ports', () => {
    const { chart, web } = twoWorkloads('shop', 'shop');
    new AllowNamespaceIngress(chart, 'from-ingress', { server: web, clientNamespace: 'ingress-nginx', clientPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: ['http'] });
    const [p] = created(synth(chart));
    expect(p.metadata.namespace).toBe('shop');
    expect(p.spec).toEqual({
      podSelector: { matchLabels: web.podSelectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      }],
    });
  });

  test('bad input', () => {
    const { chart, web } = twoWorkloads();
    expectInvalid(() => new AllowNamespaceIngress(chart, 'x', { server: web, clientNamespace: 'Bad NS', ports: ['http'] }), 'test/x', 'clientNamespace');
    expectInvalid(() => new AllowNamespaceIngress(chart, 'y', { server: web, clientNamespace: 'ok', ports: ['nope'] }), 'test/y', 'ports[0]');
  });
});

describe('AllowCidrEgress', () => {
  test('to an address range on one port', () => {
    const { chart, web } = twoWorkloads('shop', 'shop');
    new AllowCidrEgress(chart, 'db', { client: web, cidr: '10.20.0.0/16', exceptCidrs: ['10.20.99.0/24'], port: 5432 });
    const [p] = created(synth(chart));
    expect(p.spec).toEqual({
      podSelector: { matchLabels: web.podSelectorLabels },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.99.0/24'] } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
  });

  test('any address only with a reason, recorded', () => {
    const { chart, web } = twoWorkloads();
    expectInvalid(() => new AllowCidrEgress(chart, 'a', { client: web, cidr: '0.0.0.0/0', port: 443 }), 'test/a', 'cidr', /every address/);
    expectInvalid(() => new AllowCidrEgress(chart, 'b', { client: web, cidr: '::/0', port: 443 }), 'test/b', 'cidr');
    // a block that holds a large part of the internet is treated like every address (as the AWS constructs do)
    expectInvalid(() => new AllowCidrEgress(chart, 'h', { client: web, cidr: '128.0.0.0/1', port: 443 }), 'test/h', 'cidr', /2\^31 addresses: a large part of the internet/);
    new AllowCidrEgress(chart, 'w', { client: web, cidr: '0.0.0.0/1', port: 443, allowAnyAddress: { reason: 'Calls customer webhooks at arbitrary addresses.' } });
    new AllowCidrEgress(chart, 'c', { client: web, cidr: '0.0.0.0/0', port: 443, allowAnyAddress: { reason: 'Calls customer webhooks at arbitrary addresses.' } });
    const [p] = created(synth(chart));
    expect(overridesOf(p)).toEqual([{ property: 'allowAnyAddress', reason: 'Calls customer webhooks at arbitrary addresses.' }]);
  });

  test('bad input', () => {
    const { chart, web } = twoWorkloads();
    expectInvalid(() => new AllowCidrEgress(chart, 'a', { client: web, cidr: '10.0.0.300/8', port: 443 }), 'test/a', 'cidr');
    expectInvalid(() => new AllowCidrEgress(chart, 'b', { client: web, cidr: '10.0.0.0/8', port: 0 }), 'test/b', 'port');
    expectInvalid(() => new AllowCidrEgress(chart, 'c', { client: web, cidr: '10.0.0.0/8', exceptCidrs: ['10.1.0.0/16', '192.168.0.0/16'], port: 443 }), 'test/c', 'exceptCidrs[1]');
    expectInvalid(() => new AllowCidrEgress(chart, 'd', { client: web, cidr: '10.0.0.0/8', port: 443, allowAnyAddress: { reason: 'not needed here at all' } }), 'test/d', 'allowAnyAddress');
  });
});
