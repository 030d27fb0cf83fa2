import { runEngine } from '../../../../../lib/compliance/engine';
import { parseManifests } from '../../../../../lib/compliance/loaders/kubernetes';
import { RULES } from '../../../../../lib/compliance/rules/k8s/mesh';
import { K8S_MESH_ISTIO_DESTINATION_RULE_TLS } from '../../../../../lib/compliance/rules/k8s/mesh/destination-rule-tls';
import { K8S_MESH_NAMESPACE_ENROLMENT } from '../../../../../lib/compliance/rules/k8s/mesh/namespace-enrolment';
import { K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT } from '../../../../../lib/compliance/rules/k8s/mesh/peer-authentication-strict';
import { K8S_MESH_PROXY_SKIP_PORTS } from '../../../../../lib/compliance/rules/k8s/mesh/proxy-skip-ports';
import { K8S_MESH_SIDECAR_OPT_OUT } from '../../../../../lib/compliance/rules/k8s/mesh/sidecar-opt-out';
import { MeshProvider, MutualTls } from '../../../../../lib/k8s/mesh';
import { SecureNamespace } from '../../../../../lib/k8s/namespace';
import { HardenedDeployment, HardenedJob } from '../../../../../lib/k8s/workload';
import { synth } from '../../../../k8s/helpers';
import { batchContainer, webContainer } from '../../../../k8s/workload/fixtures';
import { testChart } from '../../../../util/k8s';
import { check, ids, workload } from '../helpers';

const pa = (namespace: string, spec: object, apiVersion = 'security.istio.io/v1') => ({ apiVersion, kind: 'PeerAuthentication', metadata: { name: 'default', namespace }, spec });
const ns = (name: string, labels: object = {}, annotations?: object) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, ...(annotations ? { annotations } : {}) } });
const ISTIO_NS = ns('app', { 'istio-injection': 'enabled' });
const spec = { containers: [{ name: 'a', image: 'x' }] };

describe('k8s-mesh-istio-peer-authentication-strict', () => {
  test('STRICT (mesh-wide, namespace, workload) passes; UNSET inherits below the root namespace', () => {
    expect(check(K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT, [
      pa('istio-system', { mtls: { mode: 'STRICT' } }), pa('app', { mtls: { mode: 'STRICT' } }, 'security.istio.io/v1beta1'),
      pa('app', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'STRICT' } } }),
      pa('app', { selector: { matchLabels: { app: 'web' } } }), pa('app', {}),
    ])).toEqual([]);
  });
  test('PERMISSIVE is a warning, DISABLE an error, also per port; mesh-wide UNSET is PERMISSIVE', () => {
    const f = check(K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT, pa('app', { mtls: { mode: 'PERMISSIVE' } }));
    expect(ids(f)).toEqual(['k8s-mesh-istio-peer-authentication-strict[mtls:PERMISSIVE]']);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('namespace "app"');
    const d = check(K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT, pa('istio-system', { mtls: { mode: 'DISABLE' } }));
    expect(d[0].severity).toBe('error');
    expect(d[0].message).toContain('mesh-wide');
    expect(ids(check(K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT, pa('app', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 9100: { mode: 'DISABLE' } } }))))
      .toEqual(['k8s-mesh-istio-peer-authentication-strict[port:9100:DISABLE]']);
    expect(ids(check(K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT, pa('istio-system', {})))).toEqual(['k8s-mesh-istio-peer-authentication-strict[mtls:UNSET]']);
  });
  test('the root namespace is a setting', () => {
    const { resources } = parseManifests('x.yaml', JSON.stringify(pa('mesh-root', {})));
    const report = runEngine([K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT], resources, { ruleOptions: { 'k8s-mesh-istio-peer-authentication-strict': { rootNamespace: 'mesh-root' } } } as any);
    expect(report.findings.map((x) => x.findingId)).toEqual(['mtls:UNSET']);
  });
});

describe('k8s-mesh-istio-destination-rule-tls', () => {
  const dr = (s: object) => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'api', namespace: 'app' }, spec: { host: 'api.app.svc.cluster.local', ...s } });
  test('ISTIO_MUTUAL, SIMPLE to an external host, or no tls passes', () => {
    expect(check(K8S_MESH_ISTIO_DESTINATION_RULE_TLS, [dr({ trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }), dr({ trafficPolicy: { tls: { mode: 'SIMPLE' } } }), dr({})])).toEqual([]);
  });
  test('DISABLE for the host, a port or a subset', () => {
    expect(ids(check(K8S_MESH_ISTIO_DESTINATION_RULE_TLS, dr({
      trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 9100 }, tls: { mode: 'DISABLE' } }] },
      subsets: [{ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { tls: { mode: 'DISABLE' } } }],
    })))).toEqual(['k8s-mesh-istio-destination-rule-tls[tls]', 'k8s-mesh-istio-destination-rule-tls[port:9100]', 'k8s-mesh-istio-destination-rule-tls[subset:v2/tls]']);
  });
});

describe('k8s-mesh-sidecar-opt-out', () => {
  test('sidecar.istio.io/inject "false" (label or annotation) in an injected namespace', () => {
    expect(ids(check(K8S_MESH_SIDECAR_OPT_OUT, [ISTIO_NS, workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': 'false' } })]))).toEqual(['k8s-mesh-sidecar-opt-out[sidecar.istio.io/inject]']);
    expect(ids(check(K8S_MESH_SIDECAR_OPT_OUT, [ns('app', { 'istio.io/rev': 'canary' }), workload('CronJob', spec, { annotations: { 'sidecar.istio.io/inject': 'false' } })]))).toEqual(['k8s-mesh-sidecar-opt-out[sidecar.istio.io/inject]']);
    expect(ids(check(K8S_MESH_SIDECAR_OPT_OUT, [ns('app', {}, { 'linkerd.io/inject': 'enabled' }), workload('StatefulSet', spec, { annotations: { 'linkerd.io/inject': 'disabled' } })]))).toEqual(['k8s-mesh-sidecar-opt-out[linkerd.io/inject]']);
  });
  test('Istio reads the value loosely: "False", "no", "off" opt out too; "Yes" and "on" opt in; the label wins over the annotation', () => {
    for (const v of ['False', 'no', 'off', 'disabled']) {
      expect(check(K8S_MESH_SIDECAR_OPT_OUT, [ISTIO_NS, workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': v } })])).toHaveLength(1);
    }
    for (const v of ['Yes', 'on', 'TRUE']) {
      expect(check(K8S_MESH_SIDECAR_OPT_OUT, [ISTIO_NS, workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': v } })])).toEqual([]);
    }
    expect(check(K8S_MESH_SIDECAR_OPT_OUT, [ISTIO_NS, workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } })])).toEqual([]);
  });
  test('no opt-out, a namespace that does not inject, or one not in the run is fine', () => {
    expect(check(K8S_MESH_SIDECAR_OPT_OUT, [ISTIO_NS, workload('Deployment', spec)])).toEqual([]);
    const optOut = workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': 'false' } });
    expect(check(K8S_MESH_SIDECAR_OPT_OUT, [ns('app', { 'istio-injection': 'disabled', 'istio.io/rev': 'x' }), optOut])).toEqual([]);
    expect(check(K8S_MESH_SIDECAR_OPT_OUT, [optOut])).toEqual([]);
  });
});

describe('k8s-mesh-proxy-skip-ports', () => {
  test('Linkerd skip ports on pod templates and namespaces, Istio exclude ports', () => {
    expect(ids(check(K8S_MESH_PROXY_SKIP_PORTS, workload('Deployment', spec, { annotations: { 'config.linkerd.io/skip-inbound-ports': '4222,6222', 'config.linkerd.io/skip-outbound-ports': '5432' } }))))
      .toEqual(['k8s-mesh-proxy-skip-ports[config.linkerd.io/skip-inbound-ports]', 'k8s-mesh-proxy-skip-ports[config.linkerd.io/skip-outbound-ports]']);
    expect(ids(check(K8S_MESH_PROXY_SKIP_PORTS, ns('app', {}, { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/skip-outbound-ports': '3306' })))).toEqual(['k8s-mesh-proxy-skip-ports[config.linkerd.io/skip-outbound-ports]']);
    expect(ids(check(K8S_MESH_PROXY_SKIP_PORTS, workload('Pod', spec, { annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '9100' } })))).toEqual(['k8s-mesh-proxy-skip-ports[traffic.sidecar.istio.io/excludeInboundPorts]']);
  });
  test('opaque ports and other proxy settings are fine', () => {
    expect(check(K8S_MESH_PROXY_SKIP_PORTS, [ns('app', {}, { 'config.linkerd.io/opaque-ports': '5432' }), workload('Deployment', spec, { annotations: { 'config.linkerd.io/opaque-ports': '5432', 'config.linkerd.io/skip-inbound-ports': '' } })])).toEqual([]);
  });
});

describe('k8s-mesh-namespace-enrolment', () => {
  test('no mesh in the run: nothing to enrol', () => {
    expect(check(K8S_MESH_NAMESPACE_ENROLMENT, [ns('app'), workload('Deployment', spec)])).toEqual([]);
  });
  test('a pod template opting in shows the run uses a mesh', () => {
    const meshed = { ...(workload('Deployment', spec, { annotations: { 'linkerd.io/inject': 'enabled' } }) as any), metadata: { name: 'meshed', namespace: 'app' } };
    expect(ids(check(K8S_MESH_NAMESPACE_ENROLMENT, [meshed, workload('StatefulSet', spec)]))).toEqual(['k8s-mesh-namespace-enrolment[namespace:app]']);
  });
  test('a mesh object in the run: an unenrolled namespace is reported on the Namespace, listing its workloads', () => {
    const f = check(K8S_MESH_NAMESPACE_ENROLMENT, [pa('istio-system', { mtls: { mode: 'STRICT' } }), ns('app'), workload('Deployment', spec), workload('Job', spec)]);
    expect(f.map((x) => `${x.resource.type}:${x.findingId}`)).toEqual(['Namespace:namespace:app']);
    expect(f[0].message).toContain('Deployment/deployment, Job/job');
  });
  test('enrolled: injected namespace, ambient, Linkerd annotation, or pods opting in', () => {
    expect(check(K8S_MESH_NAMESPACE_ENROLMENT, [ISTIO_NS, workload('Deployment', spec)])).toEqual([]);
    expect(check(K8S_MESH_NAMESPACE_ENROLMENT, [pa('istio-system', {}), ns('app', { 'istio.io/dataplane-mode': 'ambient' }), workload('Deployment', spec)])).toEqual([]);
    expect(check(K8S_MESH_NAMESPACE_ENROLMENT, [ns('app', {}, { 'linkerd.io/inject': 'enabled' }), workload('Deployment', spec)])).toEqual([]);
    expect(check(K8S_MESH_NAMESPACE_ENROLMENT, [ISTIO_NS, ns('other'), { ...(workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': 'true' } }) as any), metadata: { name: 'w', namespace: 'other' } }])).toEqual([]);
  });
  test('an opted-out workload in an injected namespace, and workloads of namespaces not in the run', () => {
    const f = check(K8S_MESH_NAMESPACE_ENROLMENT, [ISTIO_NS, workload('Deployment', spec, { labels: { 'sidecar.istio.io/inject': 'false' } })]);
    expect(f.map((x) => `${x.resource.type}:${x.findingId}`)).toEqual(['Namespace:namespace:app']);
    const g = check(K8S_MESH_NAMESPACE_ENROLMENT, [ns('mesh', { 'istio-injection': 'enabled' }), workload('Deployment', spec)]);
    expect(g.map((x) => `${x.resource.type}:${x.findingId}`)).toEqual(['Deployment:namespace:app']);
    // control-plane namespaces are exempt
    expect(check(K8S_MESH_NAMESPACE_ENROLMENT, [ISTIO_NS, ns('istio-system'), { ...(workload('Deployment', spec) as any), metadata: { name: 'istiod', namespace: 'istio-system' } }])).toEqual([]);
  });
});

describe('our mesh constructs pass every mesh rule', () => {
  test.each([[MeshProvider.ISTIO], [MeshProvider.LINKERD]])('%s', (provider) => {
    const chart = testChart();
    const shop = new SecureNamespace(chart, 'shop', { name: 'shop', meshControlPlane: provider });
    const api = new HardenedDeployment(chart, 'api', { name: 'api', namespaceName: shop.namespaceName, containers: [webContainer({ name: 'api' })] });
    const web = new HardenedDeployment(chart, 'web', { name: 'web', namespaceName: shop.namespaceName, containers: [webContainer()] });
    new HardenedJob(chart, 'migrate', { namespaceName: shop.namespaceName, containers: [batchContainer()] });
    new MutualTls(chart, 'mtls', { provider, workload: api, allowedClients: [web], ...(provider === MeshProvider.ISTIO ? { serviceName: 'api' } : {}) });
    const docs = synth(chart);
    expect(docs.length).toBeGreaterThan(5);
    expect(check(RULES, docs)).toEqual([]);
  });
  test('SecureNamespace outsideMesh suppresses enrolment with its reason', () => {
    const chart = testChart();
    new SecureNamespace(chart, 'shop', { name: 'shop', meshControlPlane: MeshProvider.ISTIO });
    const jobs = new SecureNamespace(chart, 'jobs', { name: 'jobs', outsideMesh: { reason: 'Batch only, talks to no meshed service.' } });
    new HardenedJob(chart, 'migrate', { namespaceName: jobs.namespaceName, containers: [batchContainer()] });
    const text = synth(chart).map((d) => JSON.stringify(d)).join('\n---\n');
    const { resources } = parseManifests('x.yaml', text);
    const report = runEngine([K8S_MESH_NAMESPACE_ENROLMENT], resources);
    expect(report.findings.map((f) => `${f.status}:${f.resource.name}:${f.suppression?.reason}`)).toEqual(['suppressed:jobs:outsideMesh: Batch only, talks to no meshed service.']);
  });
});
