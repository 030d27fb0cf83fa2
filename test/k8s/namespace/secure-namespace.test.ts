import { Chart, Testing } from 'cdk8s';
import { MeshProvider } from '../../../lib/k8s/mesh';
import { PodSecurityLevel, SecureNamespace } from '../../../lib/k8s/namespace';
import { checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, only, overridesOf, suppressionsOf, synth } from '../helpers';

describe('SecureNamespace', () => {
  test('no options: passes the full Kubernetes pack', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns');
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('Pod Security Admission restricted, enforced/audited/warned, pinned to v1.28', () => {
    const chart = testChart();
    const ns = new SecureNamespace(chart, 'ns', { name: 'payments' });
    const obj = only(synth(chart), 'Namespace');
    expect(ns.namespaceName).toBe('payments');
    expect(obj.metadata.name).toBe('payments');
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(obj.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
      expect(obj.metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toBe('v1.28');
    }
    expect(ns.node.defaultChild).toBe(ns.apiObject);
  });

  test('generated name when none is given', () => {
    const chart = testChart();
    const ns = new SecureNamespace(chart, 'ns');
    expect(ns.namespaceName).toMatch(/^test-ns-[0-9a-f]{8}$/);
    expect(only(synth(chart), 'Namespace').metadata.name).toBe(ns.namespaceName);
  });

  test('no metadata.namespace on the Namespace even in a chart with a namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'other' });
    new SecureNamespace(chart, 'ns', { name: 'apps' });
    const m = synth(chart);
    expect(only(m, 'Namespace').metadata.namespace).toBeUndefined();
    expect(only(m, 'NetworkPolicy', 'default-deny-all').metadata.namespace).toBe('apps');
  });

  test('default-deny ingress and egress for every pod, DNS egress to kube-dns only', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { name: 'apps' });
    const m = synth(chart);
    const deny = only(m, 'NetworkPolicy', 'default-deny-all');
    expect(deny.metadata.namespace).toBe('apps');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = only(m, 'NetworkPolicy', 'allow-dns-egress');
    expect(dns.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    });
  });

  test('DNS egress can be turned off only with a reason, which is recorded', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { withoutDnsEgress: { reason: 'Pods resolve nothing; host aliases only.' } });
    const m = synth(chart);
    expect(m.filter((o) => o.metadata.name === 'allow-dns-egress')).toEqual([]);
    expect(overridesOf(only(m, 'NetworkPolicy', 'default-deny-all'))).toEqual([{ property: 'withoutDnsEgress', reason: 'Pods resolve nothing; host aliases only.' }]);
    expectInvalid(() => new SecureNamespace(testChart(), 'ns', { withoutDnsEgress: { reason: 'no' } }), 'test/ns', 'withoutDnsEgress.reason');
  });

  test('custom DNS location', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { dnsNamespace: 'dns', dnsPodLabels: { app: 'coredns' } });
    const dns = only(synth(chart), 'NetworkPolicy', 'allow-dns-egress');
    expect(dns.spec.egress[0].to[0]).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'coredns' } } });
  });

  test('Istio control plane egress (istiod 15012/15017) and injection label', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { name: 'apps', meshControlPlane: MeshProvider.ISTIO });
    const m = synth(chart);
    const p = only(m, 'NetworkPolicy', 'allow-mesh-control-plane');
    expect(p.spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }],
      ports: [{ protocol: 'TCP', port: 15012 }, { protocol: 'TCP', port: 15017 }],
    }]);
    expect(only(m, 'Namespace').metadata.labels['istio-injection']).toBe('enabled');
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('Linkerd control plane egress and inject annotation; injection can be left off', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { name: 'apps', meshControlPlane: MeshProvider.LINKERD, meshControlPlaneNamespace: 'linkerd-cp' });
    const m = synth(chart);
    const p = only(m, 'NetworkPolicy', 'allow-mesh-control-plane');
    expect(p.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'linkerd-cp' } } }]);
    expect(p.spec.egress[0].ports.map((x: any) => x.port)).toEqual([8080, 8086, 8090]);
    expect(only(m, 'Namespace').metadata.annotations['linkerd.io/inject']).toBe('enabled');

    const c2 = testChart();
    new SecureNamespace(c2, 'ns', { meshControlPlane: MeshProvider.LINKERD, meshInjection: false });
    expect(only(synth(c2), 'Namespace').metadata.annotations).toBeUndefined();
  });

  test('no mesh policy by default', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns');
    expect(synth(chart).filter((o) => o.metadata.name === 'allow-mesh-control-plane')).toEqual([]);
  });

  test('ResourceQuota and LimitRange defaults', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { name: 'apps' });
    const m = synth(chart);
    expect(only(m, 'ResourceQuota').spec.hard).toEqual({
      'pods': '50',
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.memory': '16Gi',
      'requests.storage': '100Gi',
      'persistentvolumeclaims': '10',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    expect(only(m, 'LimitRange').spec.limits).toEqual([{
      type: 'Container',
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { memory: '512Mi' },
      max: { memory: '4Gi' },
    }]);
  });

  test('quota and limit range overrides', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { resourceQuota: { pods: 10, limitsCpu: '8' }, limitRange: { defaultLimitCpu: '1' } });
    const m = synth(chart);
    expect(only(m, 'ResourceQuota').spec.hard).toMatchObject({ 'pods': '10', 'limits.cpu': '8', 'requests.cpu': '4' });
    expect(only(m, 'LimitRange').spec.limits[0].default).toEqual({ cpu: '1', memory: '512Mi' });
  });

  test('weaker Pod Security enforcement needs a reason; audit and warn stay restricted; recorded', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', { weakenPodSecurity: { level: PodSecurityLevel.BASELINE, reason: 'Legacy agent needs to run as root until Q3.' } });
    const ns = only(synth(chart), 'Namespace');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(ns.metadata.labels['pod-security.kubernetes.io/audit']).toBe('restricted');
    expect(ns.metadata.labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    expect(overridesOf(ns)).toEqual([{ property: 'weakenPodSecurity', reason: 'Legacy agent needs to run as root until Q3.' }]);
    expect(suppressionsOf(ns).map((s) => s.id)).toEqual(['k8s-namespace-pod-security-admission']);
  });

  test('no quota / no limit range only with reasons', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'ns', {
      withoutResourceQuota: { reason: 'Quota managed by the platform team.' },
      withoutLimitRange: { reason: 'LimitRange managed by the platform team.' },
    });
    const m = synth(chart);
    expect(m.filter((o) => o.kind === 'ResourceQuota' || o.kind === 'LimitRange')).toEqual([]);
    expect(overridesOf(only(m, 'Namespace')).map((o) => o.property)).toEqual(['withoutResourceQuota', 'withoutLimitRange']);
  });

  describe('bad input', () => {
    test.each([
      [{ name: 'Bad_Name' }, 'name'],
      [{ name: 'kube-apps' }, 'name'],
      [{ name: 'default' }, 'name'],
      [{ podSecurityVersion: 'latest' }, 'podSecurityVersion'],
      [{ weakenPodSecurity: { level: PodSecurityLevel.PRIVILEGED, reason: '' } }, 'weakenPodSecurity.reason'],
      [{ weakenPodSecurity: { level: PodSecurityLevel.RESTRICTED, reason: 'this is a long reason' } }, 'weakenPodSecurity.level'],
      [{ dnsPodLabels: {} }, 'dnsPodLabels'],
      [{ meshControlPlaneNamespace: 'istio-system' }, 'meshControlPlaneNamespace'],
      [{ outsideMesh: { reason: 'short' } }, 'outsideMesh.reason'],
      [{ meshControlPlane: 'ISTIO', outsideMesh: { reason: 'batch jobs only here' } }, 'outsideMesh'],
      [{ resourceQuota: { requestsCpu: 'lots' } }, 'resourceQuota.requestsCpu'],
      [{ resourceQuota: { pods: -1 } }, 'resourceQuota.pods'],
      [{ limitRange: { defaultLimitMemory: '8Gi' } }, 'limitRange.defaultLimitMemory'],
      [{ withoutResourceQuota: { reason: 'platform-managed quota' }, resourceQuota: { pods: 3 } }, 'resourceQuota'],
    ] as [any, string][])('%j fails naming %s', (props, property) => {
      expectInvalid(() => new SecureNamespace(testChart(), 'ns', props), 'test/ns', property);
    });

    test('all problems reported at once', () => {
      const chart = testChart();
      try {
        new SecureNamespace(chart, 'ns', { name: 'BAD', podSecurityVersion: 'latest' });
        throw new Error('no error');
      } catch (e: any) {
        expect(e.problems.map((p: any) => p.property)).toEqual(['name', 'podSecurityVersion']);
      }
    });
  });
});
