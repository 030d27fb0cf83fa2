import { ANNOTATIONS_TRAIT, parseManifests } from '../../../../../lib/compliance/loaders/kubernetes';
import { K8S_SECRETS_ANNOTATIONS, LAST_APPLIED } from '../../../../../lib/compliance/rules/k8s/secrets/annotations';
import { K8S_SUPPRESSIONS_ANNOTATION } from '../../../../../lib/compliance/suppressions';
import { SAFE_CONTAINER, check, ids, safeSpec, workload } from '../helpers';

// Test credentials assembled at run time so that the source holds no literal token.
const PEM = ['-----BEGIN OPENSSH PRIVATE', 'KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----'].join(' ');
const BEARER = 'Bearer ' + 'eyJhbGciOiJIUzI1NiJ9x' + '9f8e7d6c5b4a3210';
const RULE = K8S_SECRETS_ANNOTATIONS;

const annotated = (annotations: Record<string, string>, kind = 'Service', extra: object = {}) => ({
  apiVersion: kind === 'Ingress' ? 'networking.k8s.io/v1' : 'v1', kind, metadata: { name: 'o', namespace: 'app', annotations }, ...extra,
});
const found = (doc: object | object[]) => ids(check(RULE, doc));

describe('k8s-secrets-annotations: annotation values', () => {
  test.each([
    ['a PEM private key', { 'example.com/deploy-key': PEM }],
    ['a bearer token in an nginx snippet', { 'nginx.ingress.kubernetes.io/configuration-snippet': `proxy_set_header Authorization "${BEARER}";` }],
    ['an assignment in a change cause', { 'kubernetes.io/change-cause': 'kubectl set env deployment/api DB_PASSWORD=hunter2' }],
    ['a literal under a sensitive name', { 'example.com/db-password': 'S3cr3t!Pass' }],
    ['a URL with a password', { 'example.com/upstream': 'postgres://app:Xk9-pw-77@db.internal:5432/app' }],
  ])('%s is reported on the annotation, the value is not shown', (_what, annotations) => {
    const [key, value] = Object.entries(annotations)[0];
    const f = check(RULE, annotated(annotations));
    expect(ids(f)).toEqual([`k8s-secrets-annotations[metadata.annotations:${key}]`]);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).not.toContain(value);
  });

  test('references to where a secret is kept, checksums and ordinary annotations are not secrets', () => {
    expect(found(annotated({
      'nginx.ingress.kubernetes.io/auth-secret': 'basic-auth',
      'nginx.ingress.kubernetes.io/auth-tls-secret': 'ingress-nginx/client-ca',
      'nginx.ingress.kubernetes.io/auth-secret-type': 'auth-map',
      'vault.hashicorp.com/agent-inject-secret-db': 'database/creds/app',
      'vault.hashicorp.com/agent-inject-template-db': '{{- with secret "database/creds/app" -}}\nexport DB_PASSWORD="{{ .Data.password }}"\n{{- end }}',
      'checksum/secret': 'a'.repeat(40) + '0123456789abcdef0123456789abcdef',
      'secret.reloader.stakater.com/reload': 'db-credentials,api-token',
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app',
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'kubernetes.io/change-cause': 'image updated to 1.2.3',
      'example.com/api-token': '${API_TOKEN}',
      'ad.datadoghq.com/db.instances': '[{"host": "%%host%%", "username": "datadog", "password": "%%env_PG_PASSWORD%%"}, {"password": "ENC[pg_password]"}]',
    }, 'Ingress', { spec: { rules: [] } }))).toEqual([]);
  });

  test('pod template annotations of workloads are checked, with their path', () => {
    const deployment = workload('Deployment', safeSpec(), { annotations: { 'example.com/registry-password': 'Zq8#pW2!xL' } });
    expect(found(deployment)).toEqual(['k8s-secrets-annotations[spec.template.metadata.annotations:example.com/registry-password]']);
    const cronJob = workload('CronJob', safeSpec(), { annotations: { 'example.com/key': PEM } });
    expect(found(cronJob)).toEqual(['k8s-secrets-annotations[spec.jobTemplate.spec.template.metadata.annotations:example.com/key]']);
  });

  test('objects of any kind (custom resources too) are checked; our own suppression annotation is not', () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'app', annotations: { 'example.com/token': 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' } }, spec: {} };
    expect(found(cr)).toEqual(['k8s-secrets-annotations[metadata.annotations:example.com/token]']);
    const own = annotated({ [K8S_SUPPRESSIONS_ANNOTATION]: JSON.stringify([{ id: 'k8s-network-exposed-service', reason: 'token: handled by the gateway in front of it' }]) });
    expect(found(own)).toEqual([]);
  });

  test('the loader gives the annotations trait only to objects with annotations besides ours', () => {
    const yaml = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: app\n  annotations:\n    example.com/x: y\n',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: app\n  annotations:\n    ${K8S_SUPPRESSIONS_ANNOTATION}: "[]"\n`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: app\n',
    ].join('---\n');
    expect(parseManifests('x.yaml', yaml).resources.map((r) => r.traits)).toEqual([[ANNOTATIONS_TRAIT], undefined, undefined]);
  });
});

describe('k8s-secrets-annotations: kubectl.kubernetes.io/last-applied-configuration', () => {
  const lastApplied = (o: object) => JSON.stringify(o);

  test('a Secret whose data was scrubbed from the manifest but not from the annotation', () => {
    const applied = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'app' }, type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') }, stringData: { user: 'app' } };
    const exported = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'app', annotations: { [LAST_APPLIED]: lastApplied(applied) } }, type: 'Opaque' };
    const f = check(RULE, exported);
    expect(ids(f)).toEqual([
      `k8s-secrets-annotations[metadata.annotations:${LAST_APPLIED}/data:password]`,
      `k8s-secrets-annotations[metadata.annotations:${LAST_APPLIED}/stringData:user]`,
    ]);
    expect(f[0].message).toContain('copy of the object');
    expect(f[0].message).not.toContain(Buffer.from('hunter2').toString('base64'));
  });

  test('a Deployment whose old env literal survives in the annotation', () => {
    const old = workload('Deployment', safeSpec({ containers: [{ ...SAFE_CONTAINER, env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'MODE', value: 'production' }] }] }));
    const now = workload('Deployment', safeSpec()) as any;
    now.metadata.annotations = { [LAST_APPLIED]: lastApplied(old) };
    expect(found(now)).toEqual([`k8s-secrets-annotations[metadata.annotations:${LAST_APPLIED}/container:app/env:DB_PASSWORD]`]);
  });

  test('a ConfigMap, and annotations inside the kept copy', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'app', annotations: { 'example.com/key': PEM } }, data: { 'app.properties': 'db.user=app\ndb.password=hunter2\n' } };
    const host = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'app', annotations: { [LAST_APPLIED]: lastApplied(cm) } }, data: {} };
    expect(found(host)).toEqual([
      `k8s-secrets-annotations[metadata.annotations:${LAST_APPLIED}/data:app.properties]`,
      `k8s-secrets-annotations[metadata.annotations:${LAST_APPLIED}/metadata.annotations:example.com/key]`,
    ]);
  });

  test('a clean kept copy passes; an unreadable one cannot be verified (fail closed)', () => {
    const clean = workload('Deployment', safeSpec()) as any;
    clean.metadata.annotations = { [LAST_APPLIED]: lastApplied(workload('Deployment', safeSpec())) };
    expect(found(clean)).toEqual([]);
    const broken = annotated({ [LAST_APPLIED]: '{"apiVersion":"v1","kind":"Service"' });
    const f = check(RULE, broken);
    expect(ids(f)).toEqual([`k8s-secrets-annotations[metadata.annotations:${LAST_APPLIED}]`]);
    expect(f[0].unverified).toBe(true);
    expect(f[0].severity).toBe('warning');
    const brokenWithSecret = annotated({ [LAST_APPLIED]: `{"data":{"key":"${PEM.replace(/\n/g, '\\n')}"` });
    expect(check(RULE, brokenWithSecret).map((x) => x.unverified ?? false)).toEqual([false]);
  });
});
