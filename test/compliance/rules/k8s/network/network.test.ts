import { runEngine } from '../../../../../lib/compliance/engine';
import { parseManifests } from '../../../../../lib/compliance/loaders/kubernetes';
import { K8S_NETWORK_DEFAULT_DENY, defaultDenyOf } from '../../../../../lib/compliance/rules/k8s/network/default-deny';
import { K8S_NETWORK_EXPOSED_SERVICE } from '../../../../../lib/compliance/rules/k8s/network/exposed-service';
import { POD_KINDS } from '../../../../../lib/compliance/rules/k8s/pod';
import { check, ids, workload } from '../helpers';

const np = (namespace: string | undefined, spec: object, name = 'deny') => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace ? { namespace } : {}) }, spec,
});
const DENY_ALL = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
const deploy = workload('Deployment', { containers: [{ name: 'a', image: 'x' }] }); // namespace "app"

describe('k8s-network-default-deny', () => {
  test('compliant: a deny-all policy in the workload namespace', () => {
    expect(check(K8S_NETWORK_DEFAULT_DENY, [deploy, np('app', DENY_ALL)])).toEqual([]);
  });

  test('non-compliant: no policy, or one in another namespace', () => {
    const f = check(K8S_NETWORK_DEFAULT_DENY, [deploy, np('other', DENY_ALL)]);
    expect(ids(f)).toEqual(['k8s-network-default-deny[namespace:app]']);
    expect(f[0].message).toContain('Ingress and Egress');
  });

  test('ingress and egress may come from two policies', () => {
    expect(check(K8S_NETWORK_DEFAULT_DENY, [
      deploy, np('app', { podSelector: {}, policyTypes: ['Ingress'] }, 'in'), np('app', { podSelector: {}, policyTypes: ['Egress'] }, 'out'),
    ])).toEqual([]);
    const f = check(K8S_NETWORK_DEFAULT_DENY, [deploy, np('app', { podSelector: {} })]); // no policyTypes: Ingress only
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('for Egress');
  });

  test('a policy selecting some pods, or allowing everything, is not a default deny', () => {
    expect(check(K8S_NETWORK_DEFAULT_DENY, [deploy, np('app', { ...DENY_ALL, podSelector: { matchLabels: { app: 'x' } } })])).toHaveLength(1);
    expect(check(K8S_NETWORK_DEFAULT_DENY, [deploy, np('app', { ...DENY_ALL, ingress: [{}] })])).toHaveLength(1);
    // rules allowing specific peers keep the default deny
    expect(check(K8S_NETWORK_DEFAULT_DENY, [deploy, np('app', { ...DENY_ALL, egress: [{ to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] })])).toEqual([]);
  });

  test('objects without a namespace are in "default"', () => {
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x' }] } };
    expect(ids(check(K8S_NETWORK_DEFAULT_DENY, [bare]))).toEqual(['k8s-network-default-deny[namespace:default]']);
    expect(check(K8S_NETWORK_DEFAULT_DENY, [bare, np(undefined, DENY_ALL)])).toEqual([]);
  });

  test('applies to every kind that runs pods, not to PodTemplate', () => {
    for (const kind of POD_KINDS) {
      expect(check(K8S_NETWORK_DEFAULT_DENY, workload(kind, { containers: [{ name: 'a', image: 'x' }] }))).toHaveLength(kind === 'PodTemplate' ? 0 : 1);
    }
  });

  test('the NetworkPolicy and Namespace indexes are built once per run', () => {
    const docs = [np('app', DENY_ALL), ...Array.from({ length: 50 }, (_, i) => ({ ...(deploy as any), metadata: { name: `d${i}`, namespace: 'app' } }))];
    const { resources } = parseManifests('x.yaml', docs.map((d) => JSON.stringify(d)).join('\n---\n'));
    const built: Record<string, number> = {};
    const orig = K8S_NETWORK_DEFAULT_DENY.evaluate;
    const rule = {
      ...K8S_NETWORK_DEFAULT_DENY,
      evaluate: (r: any, ctx: any) => orig(r, {
        ...ctx,
        ofType: (t: string) => { built[t] = (built[t] ?? 0) + 1; return ctx.ofType(t); },
        memo: ctx.memo.bind(ctx),
      }),
    };
    const report = runEngine([rule], resources);
    expect(report.findings).toEqual([]);
    expect(built).toEqual({ Namespace: 1, NetworkPolicy: 1, CiliumNetworkPolicy: 1, CiliumClusterwideNetworkPolicy: 1, GlobalNetworkPolicy: 1 });
  });

  test('when the Namespace object is in the run, it carries the one finding instead of its workloads', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } };
    const other = workload('StatefulSet', { containers: [{ name: 'a', image: 'x' }] });
    const f = check(K8S_NETWORK_DEFAULT_DENY, [ns, deploy, other]);
    expect(f.map((x) => `${x.resource.type}:${x.findingId}`)).toEqual(['Namespace:namespace:app']);
    expect(check(K8S_NETWORK_DEFAULT_DENY, [ns, deploy, other, np('app', DENY_ALL)])).toEqual([]);
    // a Namespace is reported even without workloads in the run; system namespaces never are
    expect(check(K8S_NETWORK_DEFAULT_DENY, [ns])).toHaveLength(1);
    expect(check(K8S_NETWORK_DEFAULT_DENY, [{ ...ns, metadata: { name: 'kube-system' } }])).toEqual([]);
  });

  test('defaultDenyOf: policyTypes default', () => {
    expect(defaultDenyOf({ spec: { podSelector: {}, egress: [] } })).toEqual({ ingress: true, egress: true });
    expect(defaultDenyOf({ spec: { podSelector: {} } })).toEqual({ ingress: true, egress: false });
  });
});

describe('k8s-network-default-deny: Cilium and Calico policies', () => {
  const cnp = (spec: object, kind = 'CiliumNetworkPolicy', namespace: string | undefined = 'app') => ({
    apiVersion: 'cilium.io/v2', kind, metadata: { name: 'deny', ...(kind === 'CiliumNetworkPolicy' && namespace ? { namespace } : {}) }, spec,
  });
  const calico = (spec: object, kind = 'NetworkPolicy', apiVersion = 'projectcalico.org/v3') => ({
    apiVersion, kind, metadata: { name: 'deny', ...(kind === 'NetworkPolicy' ? { namespace: 'app' } : {}) }, spec,
  });
  const dns = { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] };
  const ok = (...docs: object[]) => expect(check(K8S_NETWORK_DEFAULT_DENY, [deploy, ...docs])).toEqual([]);
  const missing = (docs: object[], what: string) => {
    const f = check(K8S_NETWORK_DEFAULT_DENY, [deploy, ...docs]);
    expect(ids(f)).toEqual(['k8s-network-default-deny[namespace:app]']);
    expect(f[0].message).toContain(`for ${what} in`);
  };

  test('Cilium: endpointSelector {} with rules that allow only some peers (or an ingressDeny) denies by default', () => {
    ok(cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }], egress: [dns] }));
    ok(cnp({ endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'] }], egress: [{ toEntities: [] }] }));
    // rules of `specs` count like `spec`
    ok({ ...cnp({}), spec: undefined, specs: [{ endpointSelector: {}, ingress: [{ fromEntities: ['cluster'] }] }, { endpointSelector: {}, egress: [dns] }] });
  });

  test('Cilium: an empty rule list, ingress: [{}], fromEntities: [all], enableDefaultDeny false or a label selector is no default deny', () => {
    missing([cnp({ endpointSelector: {}, ingress: [], egress: [dns] })], 'Ingress'); // empty list: does not apply
    missing([cnp({ endpointSelector: {}, ingress: [{}], egress: [dns] })], 'Ingress'); // no peer field: allows every peer
    missing([cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['all'] }], egress: [dns] })], 'Ingress');
    missing([cnp({ endpointSelector: {}, enableDefaultDeny: { egress: false }, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] })], 'Egress');
    missing([cnp({ endpointSelector: { matchLabels: { app: 'x' } }, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] })], 'Ingress and Egress');
    // a port-only rule allows every peer on those ports, but is not everything: it keeps the default deny
    ok(cnp({ endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }], egress: [dns] }));
    // in another namespace, or the wrong API group
    missing([cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] }, 'CiliumNetworkPolicy', 'other')], 'Ingress and Egress');
    missing([{ ...cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] }), apiVersion: 'example.com/v1' }], 'Ingress and Egress');
  });

  test('CiliumClusterwideNetworkPolicy covers every namespace its selector names; nodeSelector policies are host policies', () => {
    ok(cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] }, 'CiliumClusterwideNetworkPolicy'));
    const notIn = (values: string[]) => cnp({
      endpointSelector: { matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'NotIn', values }] }, ingress: [{ fromEntities: ['cluster'] }], egress: [dns],
    }, 'CiliumClusterwideNetworkPolicy');
    ok(notIn(['kube-system']));
    ok(cnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'app' } }, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] }, 'CiliumClusterwideNetworkPolicy'));
    // a namespace term plus a pod label selects only some pods
    missing([cnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'app', 'app': 'x' } }, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] }, 'CiliumClusterwideNetworkPolicy')], 'Ingress and Egress');
    missing([notIn(['kube-system', 'app'])], 'Ingress and Egress');
    missing([cnp({ nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }], egress: [dns] }, 'CiliumClusterwideNetworkPolicy')], 'Ingress and Egress');
  });

  test('Calico NetworkPolicy and GlobalNetworkPolicy (both API groups)', () => {
    ok(calico({ selector: 'all()', types: ['Ingress', 'Egress'] }));
    ok(calico({ types: ['Ingress', 'Egress'], egress: [{ action: 'Allow', protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", ports: [53] } }] }, 'NetworkPolicy', 'crd.projectcalico.org/v1'));
    ok(calico({ selector: "projectcalico.org/namespace not in {'kube-system', 'calico-system'}", types: ['Ingress', 'Egress'] }, 'GlobalNetworkPolicy'));
    ok(calico({ selector: 'all()', ingress: [{ action: 'Deny' }], egress: [{ action: 'Deny' }] }, 'GlobalNetworkPolicy', 'crd.projectcalico.org/v1'));
  });

  test('Calico: allow-all rules, narrowed selectors, host-endpoint policies and missing types are no default deny', () => {
    missing([calico({ selector: 'all()', types: ['Ingress', 'Egress'], ingress: [{ action: 'Allow' }] })], 'Ingress');
    missing([calico({ selector: 'all()', types: ['Ingress', 'Egress'], egress: [{ action: 'Pass', destination: {} }] })], 'Egress');
    missing([calico({ selector: "app == 'x'", types: ['Ingress', 'Egress'] })], 'Ingress and Egress');
    missing([calico({ selector: "projectcalico.org/namespace in {'other'}", types: ['Ingress', 'Egress'] }, 'GlobalNetworkPolicy')], 'Ingress and Egress');
    missing([calico({ selector: 'all()', types: ['Ingress', 'Egress'], preDNAT: true, applyOnForward: true }, 'GlobalNetworkPolicy')], 'Ingress and Egress');
    missing([calico({ selector: 'all()' })], 'Egress'); // no types and no egress rules: Ingress only
    missing([calico({ selector: 'all()', serviceAccountSelector: "name == 'api'", types: ['Ingress', 'Egress'] })], 'Ingress and Egress');
    missing([{ ...calico({ selector: 'all()', types: ['Ingress', 'Egress'] }), kind: 'StagedNetworkPolicy' }], 'Ingress and Egress'); // staged: not enforced
  });
});

describe('k8s-network-exposed-service', () => {
  const svc = (type?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'app' }, spec: { ...(type ? { type } : {}), ports: [{ port: 80 }] } });
  test('ClusterIP (or no type) is compliant', () => {
    expect(check(K8S_NETWORK_EXPOSED_SERVICE, [svc(), svc('ClusterIP')])).toEqual([]);
  });
  test('NodePort and LoadBalancer are warnings', () => {
    expect(ids(check(K8S_NETWORK_EXPOSED_SERVICE, svc('NodePort')))).toEqual(['k8s-network-exposed-service[type:NodePort]']);
    const f = check(K8S_NETWORK_EXPOSED_SERVICE, svc('LoadBalancer'));
    expect(ids(f)).toEqual(['k8s-network-exposed-service[type:LoadBalancer]']);
    expect(f[0].severity).toBe('warning');
  });
});
