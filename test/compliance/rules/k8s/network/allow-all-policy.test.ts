import { K8S_NETWORK_ALLOW_ALL_POLICY } from '../../../../../lib/compliance/rules/k8s/network/allow-all-policy';
import { K8S_NETWORK_DEFAULT_DENY } from '../../../../../lib/compliance/rules/k8s/network/default-deny';
import { check, ids, workload } from '../helpers';

const RULE = K8S_NETWORK_ALLOW_ALL_POLICY;
const np = (spec: object, name = 'allow-all', namespace = 'app') => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec,
});
const DENY_ALL = np({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'default-deny');
const deploy = workload('Deployment', { containers: [{ name: 'a', image: 'x' }] }); // namespace "app"
const found = (...docs: object[]) => ids(check(RULE, docs));

describe('k8s-network-allow-all-policy: networking.k8s.io NetworkPolicy', () => {
  test('a deny-all plus an allow-all in the same namespace: the namespace is open, reported on the allow-all', () => {
    const allowAll = np({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    // k8s-network-default-deny sees the deny and is satisfied ...
    expect(check(K8S_NETWORK_DEFAULT_DENY, [deploy, DENY_ALL, allowAll])).toEqual([]);
    // ... this rule sees that the allow-all undoes it
    const f = check(RULE, [deploy, DENY_ALL, allowAll]);
    expect(ids(f)).toEqual(['k8s-network-allow-all-policy[ingress[0]]']);
    expect(f[0].resource.objectName).toBe('allow-all');
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('every pod of namespace "app"');
    expect(f[0].message).toContain('undoes the ingress default deny');
  });

  test.each([
    ['ingress: [{}]', { podSelector: {}, ingress: [{}] }, 'ingress[0]'],
    ['an empty from list', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [] }] }, 'ingress[0]'],
    ['ipBlock 0.0.0.0/0', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }, { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'ingress[1]'],
    ['ipBlock ::/0', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::/0' } }] }] }, 'ingress[0]'],
    ['namespaceSelector: {}', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }, 'ingress[0]'],
    ['namespaceSelector: {} with podSelector: {}', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] }, 'ingress[0]'],
    ['egress: [{}]', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }, 'egress[0]'],
    ['egress to 0.0.0.0/0 on a whole protocol', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP' }] }] }, 'egress[0]'],
    ['an absent podSelector (read as {})', { ingress: [{}] }, 'ingress[0]'],
  ])('%s is reported', (_what, spec, id) => {
    expect(found(np(spec))).toEqual([`k8s-network-allow-all-policy[${id}]`]);
  });

  test('narrow policies are fine: some pods, named peers, some ports, an except, the same namespace, a direction not in policyTypes', () => {
    expect(found(
      DENY_ALL,
      np({ podSelector: { matchLabels: { app: 'ingress' } }, ingress: [{}] }, 'public-front'),
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] }] }, 'https-only'),
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] }, 'except'),
      np({ podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }, 'same-namespace'),
      np({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }] }, 'from-ingress'),
      np({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }] }] }, 'prometheus'),
      np({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }] }, 'dns'),
    )).toEqual([]);
  });

  test('without a default deny the message says so; system namespaces and other API groups are skipped', () => {
    const f = check(RULE, [np({ podSelector: {}, egress: [{}] })]);
    expect(f[0].message).toContain('has no egress default deny either');
    expect(found(np({ podSelector: {}, ingress: [{}] }, 'a', 'kube-system'))).toEqual([]);
    expect(found({ ...np({ podSelector: {}, ingress: [{}] }), apiVersion: 'example.com/v1' })).toEqual([]);
  });
});

describe('k8s-network-allow-all-policy: every address however it is written', () => {
  test.each([
    ['ipBlock 0::/0', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0::/0' } }] }] }],
    ['ipBlock 0.0.0.0/00', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/00' } }] }] }],
    ['ipBlocks 0.0.0.0/1 + 128.0.0.0/1', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }] }],
    ['ipBlocks of four quarters, out of order', { podSelector: {}, ingress: [{ from: ['192.0.0.0/2', '0.0.0.0/2', '128.0.0.0/2', '64.0.0.0/2'].map((cidr) => ({ ipBlock: { cidr } })) }] }],
  ])('%s is every address', (_what, spec) => {
    const f = check(RULE, [np(spec)]);
    expect(ids(f)).toEqual(['k8s-network-allow-all-policy[ingress[0]]']);
    expect(f[0].message).toContain('every address');
  });

  test('halves with an except, or halves that leave a gap, are not every address', () => {
    expect(found(
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1', except: ['192.168.0.0/16'] } }] }] }, 'except'),
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/2' } }] }] }, 'gap'),
      np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }] }, { from: [{ ipBlock: { cidr: '128.0.0.0/1' } }] }] }, 'two-rules'),
    )).toEqual([]);
  });

  test('Cilium CIDR lists and Calico nets that together are every address', () => {
    const cnp = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'open', namespace: 'app' }, spec: { endpointSelector: {}, egress: [{ toCIDR: ['0.0.0.0/1'], toCIDRSet: [{ cidr: '128.0.0.0/1' }] }] } };
    const calico = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'open', namespace: 'app' }, spec: { types: ['Egress'], egress: [{ action: 'Allow', destination: { nets: ['::/1', '8000::/1'] } }] } };
    expect(found(cnp)).toEqual(['k8s-network-allow-all-policy[spec.egress[0]]']);
    expect(found(calico)).toEqual(['k8s-network-allow-all-policy[egress[0]]']);
  });
});

describe('k8s-network-allow-all-policy: Cilium and Calico', () => {
  const cnp = (spec: object, kind = 'CiliumNetworkPolicy') => ({
    apiVersion: 'cilium.io/v2', kind, metadata: { name: 'open', ...(kind === 'CiliumNetworkPolicy' ? { namespace: 'app' } : {}) }, spec,
  });
  const calico = (spec: object, kind = 'NetworkPolicy', apiVersion = 'projectcalico.org/v3') => ({
    apiVersion, kind, metadata: { name: 'open', ...(kind === 'NetworkPolicy' ? { namespace: 'app' } : {}) }, spec,
  });

  test.each([
    ['ingress: [{}]', cnp({ endpointSelector: {}, ingress: [{}] }), 'spec.ingress[0]'],
    ['fromEntities all', cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['all'] }] }), 'spec.ingress[0]'],
    ['fromEntities world', cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['world'] }] }), 'spec.ingress[0]'],
    ['toCIDR 0.0.0.0/0', cnp({ endpointSelector: {}, egress: [{ toCIDR: ['0.0.0.0/0'] }] }), 'spec.egress[0]'],
    ['toCIDRSet 0.0.0.0/0', cnp({ endpointSelector: {}, egress: [{ toCIDRSet: [{ cidr: '0.0.0.0/0' }] }] }), 'spec.egress[0]'],
    ['a rule of specs', { ...cnp({}), spec: undefined, specs: [{ endpointSelector: { matchLabels: { a: 'b' } }, ingress: [{}] }, { endpointSelector: {}, egress: [{}] }] }, 'specs[1].egress[0]'],
    ['clusterwide, one namespace', cnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'app' } }, ingress: [{ fromEntities: ['cluster'] }] }, 'CiliumClusterwideNetworkPolicy'), 'spec.ingress[0]'],
  ])('Cilium: %s is reported', (_what, doc, id) => {
    expect(found(doc)).toEqual([`k8s-network-allow-all-policy[${id}]`]);
  });

  test('Cilium: some pods, named peers, ports, an except and host policies are fine', () => {
    expect(found(
      cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{}] }),
      cnp({ endpointSelector: {}, ingress: [{ fromEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] }),
      cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] }),
      cnp({ endpointSelector: {}, egress: [{ toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }] }] }),
      cnp({ nodeSelector: {}, endpointSelector: {}, ingress: [{}] }, 'CiliumClusterwideNetworkPolicy'),
      cnp({ endpointSelector: {}, ingress: [{ fromEntities: [] }] }),
    )).toEqual([]);
  });

  test.each([
    ['an Allow rule without criteria', calico({ selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow' }] }), 'ingress[0]'],
    ['Allow from nets 0.0.0.0/0', calico({ types: ['Egress'], egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }] }), 'egress[0]'],
    ['Allow from namespaceSelector all()', calico({ selector: '', ingress: [{ action: 'Allow', source: { namespaceSelector: 'all()' } }] }), 'ingress[0]'],
    ['GlobalNetworkPolicy, crd.projectcalico.org', calico({ selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow' }] }, 'GlobalNetworkPolicy', 'crd.projectcalico.org/v1'), 'ingress[0]'],
  ])('Calico: %s is reported', (_what, doc, id) => {
    expect(found(doc)).toEqual([`k8s-network-allow-all-policy[${id}]`]);
  });

  test('Calico: Deny and Pass rules, criteria, some pods, host endpoint policies are fine', () => {
    expect(found(
      calico({ selector: 'all()', types: ['Ingress', 'Egress'], ingress: [{ action: 'Deny' }], egress: [{ action: 'Pass' }] }),
      calico({ selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }] }),
      calico({ selector: 'all()', ingress: [{ action: 'Allow', source: { selector: 'app == "web"' } }] }),
      calico({ selector: 'app == "web"', ingress: [{ action: 'Allow' }] }),
      calico({ selector: 'all()', serviceAccountSelector: 'name == "a"', ingress: [{ action: 'Allow' }] }),
      calico({ selector: 'all()', preDNAT: true, applyOnForward: true, ingress: [{ action: 'Allow' }] }, 'GlobalNetworkPolicy'),
      calico({ selector: 'all()', types: ['Egress'], ingress: [{ action: 'Allow' }], egress: [{ action: 'Allow', destination: { ports: [53] }, protocol: 'UDP' }] }),
    )).toEqual([]);
  });
});
