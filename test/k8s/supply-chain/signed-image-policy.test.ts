import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Chart, Testing } from 'cdk8s';
import { HardenedDeployment, HealthProbe, SecureNamespace } from '../../../lib/k8s';
import { ImagePolicyEngine, ImageSigner, SignedImagePolicy, SignedImagePolicyProps } from '../../../lib/k8s/supply-chain';
import { documentedDefaults, sourcesDefaults } from '../../util/doc-defaults';
import { checkChart, openK8sFindings } from '../../util/k8s';
import { expectInvalid, overridesOf } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kyverno = require('../schemas/vendor/kyverno-v1-clusterpolicy.validate.js') as { validate: ((o: unknown) => boolean) & { errors?: unknown } };
const KYVERNO_SOURCE = fs.readFileSync(path.join(__dirname, '..', 'schemas', 'vendor', 'kyverno-v1-clusterpolicy.validate.js'), 'utf8');
const CIP_SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'vendor', 'policy-controller-clusterimagepolicy-v1beta1.json'), 'utf8'));

/** Closes every object schema that does not preserve unknown fields (kubectl's strict field validation). */
function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (out.type === 'object' && out.properties && !out['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const ajv = new Ajv({ allErrors: true, strict: false });
const validateCip = ajv.compile({ type: 'object', required: ['apiVersion', 'kind', 'metadata', 'spec'], properties: { apiVersion: { const: 'policy.sigstore.dev/v1beta1' }, kind: { const: 'ClusterImagePolicy' }, metadata: { type: 'object', required: ['name'] }, spec: strict(CIP_SCHEMA.properties.spec) } });

/** Keys written under `spec` that the compiled Kyverno validator does not know (outside the free-form `pattern`). */
function unknownKyvernoFields(v: unknown, at = 'spec'): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => unknownKyvernoFields(x, at));
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => {
    if (k === 'pattern') return [];
    const known = KYVERNO_SOURCE.includes(`data.${k}`) || KYVERNO_SOURCE.includes(`"${k}"`);
    return [...(known ? [] : [`${at}.${k}`]), ...unknownKyvernoFields(x, `${at}.${k}`)];
  });
}

function schemaProblems(o: any): string[] {
  if (o.kind === 'ClusterPolicy') return [...(kyverno.validate(o) ? [] : [JSON.stringify(kyverno.validate.errors)]), ...unknownKyvernoFields(o.spec)];
  if (o.kind === 'ClusterImagePolicy') return validateCip(o) ? [] : [ajv.errorsText(validateCip.errors)];
  return [`no schema for ${o.kind}`];
}

const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const IMAGES = [`${REGISTRY}/shop/*`];
const KEYLESS = ImageSigner.keyless({ issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main' });
const PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexampleexampleexampleexampleexampleexampleexampleexampleexample==\n-----END PUBLIC KEY-----';

function policy(props: Partial<SignedImagePolicyProps> = {}, chart: Chart = new Chart(Testing.app(), 'test')): { chart: Chart; obj: any } {
  new SignedImagePolicy(chart, 'Signed', { images: IMAGES, signers: [KEYLESS], ...props });
  const obj = Testing.synth(chart).find((o) => o.kind === 'ClusterPolicy' || o.kind === 'ClusterImagePolicy');
  return { chart, obj };
}

function web(chart: Chart, namespace: string, image: string): HardenedDeployment {
  return new HardenedDeployment(chart, `web-${namespace}-${chart.node.children.length}`, {
    namespaceName: namespace,
    containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: HealthProbe.httpGet('/healthz', 8080), readinessProbe: HealthProbe.httpGet('/ready', 8080) }],
  });
}
const OUR_IMAGE = `${REGISTRY}/shop/web@sha256:${'1'.repeat(64)}`;

describe('SignedImagePolicy', () => {
  test('Kyverno (default): a cluster-scoped ClusterPolicy restricting registries and verifying signatures and digests', () => {
    const { obj } = policy({}, new Chart(Testing.app(), 'test', { namespace: 'shop' }));
    expect(obj.apiVersion).toBe('kyverno.io/v1');
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.spec).toMatchObject({ validationFailureAction: 'Enforce', failurePolicy: 'Fail', background: false, webhookTimeoutSeconds: 30 });
    const [registries, signed] = obj.spec.rules;
    expect(registries.validate.pattern.spec.containers).toEqual([{ image: `${REGISTRY}/shop/*` }]);
    expect(Object.keys(registries.validate.pattern.spec).sort()).toEqual(['=(ephemeralContainers)', '=(initContainers)', 'containers']);
    expect(signed.verifyImages).toEqual([{
      imageReferences: IMAGES, required: true, verifyDigest: true, mutateDigest: false,
      attestors: [{ count: 1, entries: [{ keyless: { issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main', rekor: { url: 'https://rekor.sigstore.dev' } } }] }],
    }]);
    expect(schemaProblems(obj)).toEqual([]);
  });

  test('policy-controller: a ClusterImagePolicy with globs and one authority per signer, valid against the CRD schema', () => {
    const { obj } = policy({ engine: ImagePolicyEngine.SIGSTORE_POLICY_CONTROLLER, signers: [KEYLESS, ImageSigner.publicKey(PEM)] });
    expect(obj.apiVersion).toBe('policy.sigstore.dev/v1beta1');
    expect(obj.spec.mode).toBe('enforce');
    expect(obj.spec.images).toEqual([{ glob: `${REGISTRY}/shop/**` }]);
    expect(obj.spec.authorities.map((a: any) => Object.keys(a).sort())).toEqual([['ctlog', 'keyless', 'name'], ['ctlog', 'key', 'name']]);
    expect(obj.spec.authorities[0].keyless).toEqual({ url: 'https://fulcio.sigstore.dev', identities: [{ issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main' }] });
    expect(schemaProblems(obj)).toEqual([]);
  });

  test('the validators reject broken objects (so the checks above can fail)', () => {
    const { obj } = policy({ signers: [ImageSigner.publicKey(PEM)] });
    expect(schemaProblems(obj)).toEqual([]);
    expect(schemaProblems({ ...obj, spec: { ...obj.spec, validationFailureAction: 'Sometimes' } })).not.toEqual([]);
    expect(schemaProblems({ ...obj, spec: { ...obj.spec, verifyImagez: true } })).toEqual(['spec.verifyImagez']);
    const { obj: cip } = policy({ engine: ImagePolicyEngine.SIGSTORE_POLICY_CONTROLLER });
    expect(schemaProblems({ ...cip, spec: { ...cip.spec, images: [{ globb: 'x' }] } })).not.toEqual([]);
    expect(schemaProblems({ ...cip, spec: { ...cip.spec, mode: 3 } })).not.toEqual([]);
  });

  test('with SecureNamespace and hardened workloads from the allowed registry: no finding; a workload elsewhere is reported', () => {
    const chart = new Chart(Testing.app(), 'test');
    new SecureNamespace(chart, 'shop', { name: 'shop' });
    web(chart, 'shop', OUR_IMAGE);
    policy({}, chart);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
    web(chart, 'shop', `registry.example.com/other/web@sha256:${'2'.repeat(64)}`);
    expect(openK8sFindings(checkChart(chart))).toEqual([expect.stringMatching(/^k8s-supply-chain-signed-images\[container:web] apps\/Deployment\/shop\/.*registry\.example\.com\/other\/web/)]);
  });

  test('weakening with reasons is recorded on the policy and makes it count as not enforcing', () => {
    const { chart, obj } = policy({
      allowTags: { reason: 'Lab charts pin tags; Kyverno resolves and verifies digests' },
      auditOnly: { reason: 'Rolling out signing: report unsigned images first' },
      exemptNamespaces: { namespaces: ['vendor-agent'], reason: 'Vendor images are checked by the vendor policy' },
    });
    expect(obj.spec.validationFailureAction).toBe('Audit');
    expect(obj.spec.rules[1].verifyImages[0].mutateDigest).toBe(true);
    expect(obj.spec.rules[1].exclude).toEqual({ any: [{ resources: { namespaces: ['vendor-agent'] } }] });
    expect(overridesOf(obj).map((o) => o.property)).toEqual(['allowTags', 'auditOnly', 'exemptNamespaces']);
    expect(schemaProblems(obj)).toEqual([]);
    new SecureNamespace(chart, 'shop', { name: 'shop' });
    web(chart, 'shop', OUR_IMAGE);
    const report = checkChart(chart);
    expect(report.overrides.map((o) => o.property)).toEqual(expect.arrayContaining(['allowTags', 'auditOnly', 'exemptNamespaces']));
    expect(openK8sFindings(report)).toEqual([expect.stringMatching(/k8s-supply-chain-signed-images\[container:web\].*only audits/)]);
  });

  test('bad input: one ValidationError naming every property', () => {
    const chart = new Chart(Testing.app(), 'test');
    const e = expectInvalid(() => new SignedImagePolicy(chart, 'Bad', {
      images: ['*', '*.dkr.ecr.eu-west-1.amazonaws.com/*', 'nginx'],
      signers: [ImageSigner.keyless({ issuer: 'http://issuer', subject: 'repo:acme/*' }), ImageSigner.publicKey('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----')],
      name: 'Bad Name',
      webhookTimeoutSeconds: 60,
      auditOnly: { reason: 'short' },
    }), 'test/Bad', 'images[0]');
    expect(e.problems.map((p) => p.property)).toEqual(['images[0]', 'images[1]', 'images[2]', 'signers[0].issuer', 'signers[0].subject', 'signers[1]', 'name', 'webhookTimeoutSeconds', 'auditOnly.reason']);
    expectInvalid(() => new SignedImagePolicy(chart, 'Empty', { images: [], signers: [] }), 'test/Empty', 'signers');
    expectInvalid(() => new SignedImagePolicy(chart, 'Pc', {
      images: IMAGES, signers: [KEYLESS], engine: ImagePolicyEngine.SIGSTORE_POLICY_CONTROLLER,
      exemptNamespaces: { namespaces: ['x'], reason: 'a long enough reason' }, allowTags: { reason: 'a long enough reason' },
    }), 'test/Pc', 'exemptNamespaces');
  });
});

describe('SignedImagePolicy documented defaults (docs/kubernetes-supply-chain.md)', () => {
  const { obj } = policy();
  const { obj: cip } = policy({ engine: ImagePolicyEngine.SIGSTORE_POLICY_CONTROLLER, signers: [ImageSigner.publicKey(PEM)] });
  const verify = obj.spec.rules[1].verifyImages[0];
  const CHECKS: Record<string, () => void> = {
    'name': () => expect(obj.metadata.name).toMatch(/^test-signed-c[0-9a-f]{7}$/),
    'engine': () => expect([obj.apiVersion, obj.kind]).toEqual(['kyverno.io/v1', 'ClusterPolicy']),
    'allowTags': () => expect([verify.verifyDigest, verify.mutateDigest]).toEqual([true, false]),
    'auditOnly': () => expect([obj.spec.validationFailureAction, cip.spec.mode]).toEqual(['Enforce', 'enforce']),
    'exemptNamespaces': () => expect(obj.spec.rules.map((r: any) => r.exclude)).toEqual([undefined, undefined]),
    'webhookTimeoutSeconds': () => expect(obj.spec.webhookTimeoutSeconds).toBe(30),
    'signers[].rekorUrl': () => expect([verify.attestors[0].entries[0].keyless.rekor.url, cip.spec.authorities[0].ctlog.url]).toEqual(['https://rekor.sigstore.dev', 'https://rekor.sigstore.dev']),
  };
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    const documented = documentedDefaults('kubernetes-supply-chain.md', 'SignedImagePolicy', '### Defaults');
    const file = 'lib/k8s/supply-chain/signed-image-policy.ts';
    const source = sourcesDefaults([[file, 'SignedImagePolicyProps'], [file, 'KeylessSignerOptions', 'signers[].'], [file, 'PublicKeySignerOptions', 'signers[].']]);
    expect([...documented.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [k, v] of source) expect(`${k}: ${documented.get(k)}`).toBe(`${k}: ${v}`);
    expect(Object.keys(CHECKS).sort()).toEqual([...documented.keys()].sort());
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
});
