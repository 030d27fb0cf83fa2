import { K8S_SUPPLY_CHAIN_SIGNED_IMAGES } from '../../../../../lib/compliance/rules/k8s/supply-chain/signed-images';
import { check, ids, pod, safeSpec } from '../helpers';

const REG = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const GOOD = `${REG}/shop/api@sha256:${'a'.repeat(64)}`;

function kyverno(rule: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): object {
  return {
    apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'signed' },
    spec: {
      validationFailureAction: 'Enforce',
      rules: [{
        name: 'signed', match: { any: [{ resources: { kinds: ['Pod'] } }] },
        verifyImages: [{ imageReferences: [`${REG}/shop/*`], attestors: [{ entries: [{ keyless: { issuer: 'https://i', subject: 's' } }] }] }],
        ...rule,
      }],
      ...spec,
    },
  };
}
const cip = (spec: Record<string, unknown> = {}): object => ({
  apiVersion: 'policy.sigstore.dev/v1beta1', kind: 'ClusterImagePolicy', metadata: { name: 'signed' },
  spec: { images: [{ glob: `${REG}/shop/**` }], authorities: [{ keyless: { identities: [{ issuer: 'https://i', subject: 's' }] } }], ...spec },
});
const ns = (name: string, labels: Record<string, string> = {}): object => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const app = (image: string, namespace = 'app'): object => pod(safeSpec({ containers: [{ name: 'app', image }] }), { namespace });
const rule = K8S_SUPPLY_CHAIN_SIGNED_IMAGES;

describe('k8s-supply-chain-signed-images', () => {
  test('not applicable without image policies in the bundle', () => {
    expect(check(rule, [app('nginx')])).toEqual([]);
  });

  test('compliant: an enforcing Kyverno policy verifies the image in the namespace', () => {
    expect(check(rule, [kyverno(), app(GOOD)])).toEqual([]);
    expect(check(rule, [kyverno({ match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['ap*'] } }] } }), app(GOOD)])).toEqual([]);
  });

  test('non-compliant: images outside the patterns, in every container list, and in other spellings', () => {
    const spec = safeSpec({
      initContainers: [{ name: 'init', image: `registry.example.com/shop/api@sha256:${'b'.repeat(64)}` }],
      containers: [{ name: 'app', image: GOOD }, { name: 'side', image: 'nginx' }],
    });
    expect(ids(check(rule, [kyverno(), pod(spec, { namespace: 'app' })]))).toEqual([
      'k8s-supply-chain-signed-images[initContainer:init]', 'k8s-supply-chain-signed-images[container:side]',
    ]);
    // a pattern written for the short spelling does not cover what the controller compares (docker.io/library/...)
    expect(ids(check(rule, [kyverno({ verifyImages: [{ imageReferences: ['nginx*'], attestors: [{ entries: [{ keys: { publicKeys: 'k' } }] }] }] }), app('nginx:1.27')])))
      .toEqual(['k8s-supply-chain-signed-images[container:app]']);
  });

  test('non-compliant: the policy does not count when it audits, does not require signatures, has no attestor, or has preconditions', () => {
    const weak = [
      kyverno({}, { validationFailureAction: 'Audit' }),
      kyverno({ verifyImages: [{ imageReferences: [`${REG}/shop/*`], required: false, attestors: [{ entries: [{ keys: { publicKeys: 'k' } }] }] }] }),
      kyverno({ verifyImages: [{ imageReferences: [`${REG}/shop/*`] }] }),
      kyverno({ preconditions: { all: [{ key: '{{ request.operation }}', operator: 'Equals', value: 'CREATE' }] } }),
      kyverno({ verifyImages: [{ imageReferences: [`${REG}/shop/*`], failureAction: 'Audit', attestors: [{ entries: [{ keys: { publicKeys: 'k' } }] }] }] }),
    ];
    for (const p of weak) expect(ids(check(rule, [p, app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
  });

  test('non-compliant: the workload\'s namespace is excluded or not matched, or the match cannot be evaluated', () => {
    const uncovered = [
      kyverno({ exclude: { any: [{ resources: { namespaces: ['app'] } }] } }),
      kyverno({ match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['prod'] } }] } }),
      kyverno({ match: { any: [{ resources: { kinds: ['Pod'], namespaceSelector: { matchLabels: { signed: 'yes' } } } }] } }),
      kyverno({ match: { any: [{ resources: { kinds: ['Pod'] }, subjects: [{ kind: 'User', name: 'ci' }] }] } }),
      kyverno({ match: { any: [{ resources: { kinds: ['Service'] } }] } }),
      kyverno({ verifyImages: [{ imageReferences: [`${REG}/shop/*`], skipImageReferences: [`${REG}/shop/api*`], attestors: [{ entries: [{ keys: { publicKeys: 'k' } }] }] }] }),
    ];
    uncovered.forEach((p, i) => expect([i, ...ids(check(rule, [p, app(GOOD)]))]).toEqual([i, 'k8s-supply-chain-signed-images[container:app]']));
    // a namespaced Kyverno Policy covers only its own namespace
    const namespaced = { ...kyverno(), kind: 'Policy', metadata: { name: 'signed', namespace: 'other' } };
    expect(ids(check(rule, [namespaced, app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
  });

  test('policy-controller: covers only labelled Namespace objects of the input, in enforce mode, without static pass', () => {
    expect(check(rule, [cip(), ns('app', { 'policy.sigstore.dev/include': 'true' }), app(GOOD)])).toEqual([]);
    expect(ids(check(rule, [cip(), app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
    expect(ids(check(rule, [cip(), ns('app'), app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
    expect(ids(check(rule, [cip({ mode: 'warn' }), ns('app', { 'policy.sigstore.dev/include': 'true' }), app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
    expect(ids(check(rule, [cip({ authorities: [{ static: { action: 'pass' } }] }), ns('app', { 'policy.sigstore.dev/include': 'true' }), app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
    // `*` does not cross `/` in policy-controller globs
    expect(ids(check(rule, [cip({ images: [{ glob: `${REG}/*` }] }), ns('app', { 'policy.sigstore.dev/include': 'true' }), app(GOOD)]))).toEqual(['k8s-supply-chain-signed-images[container:app]']);
  });

  test('the message names why', () => {
    const [f] = check(rule, [kyverno({}, { validationFailureAction: 'Audit' }), app(GOOD)]);
    expect(f.message).toContain('ClusterPolicy/signed: it only audits');
  });
});
