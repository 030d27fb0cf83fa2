import { POD_KINDS } from '../../../../../lib/compliance/rules/k8s/pod';
import { RULES } from '../../../../../lib/compliance/rules/k8s/workload';
import { K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT } from '../../../../../lib/compliance/rules/k8s/workload/default-service-account';
import { parseImage } from '../../../../../lib/compliance/rules/k8s/workload/image';
import { K8S_WORKLOAD_IMAGE_DIGEST } from '../../../../../lib/compliance/rules/k8s/workload/image-digest';
import { K8S_WORKLOAD_IMAGE_TAG } from '../../../../../lib/compliance/rules/k8s/workload/image-tag';
import { K8S_WORKLOAD_PROBES } from '../../../../../lib/compliance/rules/k8s/workload/probes';
import { K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM } from '../../../../../lib/compliance/rules/k8s/workload/read-only-root-filesystem';
import { K8S_WORKLOAD_RESOURCES } from '../../../../../lib/compliance/rules/k8s/workload/resources';
import { K8S_WORKLOAD_SECRET_ENV } from '../../../../../lib/compliance/rules/k8s/workload/secret-env';
import { K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN } from '../../../../../lib/compliance/rules/k8s/workload/service-account-token';
import { check, ids, pod, workload } from '../helpers';

const DIGEST = '@sha256:' + 'b'.repeat(64);
const PROBE = { httpGet: { path: '/healthz', port: 8080 } };
/** A container that satisfies every workload rule. */
const GOOD = {
  name: 'app',
  image: `registry.example.com/app:1.2.3${DIGEST}`,
  securityContext: { readOnlyRootFilesystem: true },
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { 'memory': '128Mi', 'ephemeral-storage': '1Gi' } },
  livenessProbe: PROBE,
  readinessProbe: PROBE,
};
const GOOD_SPEC = { automountServiceAccountToken: false, serviceAccountName: 'app', containers: [GOOD] };
const withC = (c: object, spec: object = {}) => pod({ ...GOOD_SPEC, containers: [{ ...GOOD, ...c }], ...spec });

describe('workload rules: compliant workload of every kind', () => {
  test.each(POD_KINDS)('%s', (kind) => {
    expect(check(RULES, workload(kind, GOOD_SPEC))).toEqual([]);
  });
  test.each(POD_KINDS)('%s: a bad container is found in the pod template', (kind) => {
    const bad = {
      automountServiceAccountToken: true, securityContext: { runAsGroup: 0, fsGroup: 0, supplementalGroups: [0] },
      containers: [{ name: 'x', image: 'nginx', imagePullPolicy: 'IfNotPresent', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }],
    };
    const found = new Set(check(RULES, workload(kind, bad)).map((f) => f.ruleId));
    // rules about the object's namespace and about ServiceAccount objects are not pod-spec rules
    // (and the registry allowlist is off until configured)
    const notPodSpec = ['k8s-workload-default-namespace', 'k8s-workload-service-account-automount', 'k8s-workload-image-registry'];
    const expected = RULES.map((r) => r.id).filter((id) => !notPodSpec.includes(id) && !(id === 'k8s-workload-probes' && ['Job', 'CronJob'].includes(kind)));
    expect([...found].sort()).toEqual(expected.sort());
  });
});

describe('k8s-workload-read-only-root-filesystem', () => {
  test('containers and init containers must set it; ephemeral containers are not checked', () => {
    expect(check(K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM, withC({}, { ephemeralContainers: [{ name: 'dbg', image: 'x' }] }))).toEqual([]);
    const f = check(K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM, withC({ securityContext: { readOnlyRootFilesystem: false } }, { initContainers: [{ name: 'init', image: 'x' }] }));
    expect(ids(f)).toEqual(['k8s-workload-read-only-root-filesystem[initContainer:init]', 'k8s-workload-read-only-root-filesystem[container:app]']);
  });
});

describe('k8s-workload-resources', () => {
  test('cpu + memory requests and memory limit; a CPU limit is not required', () => {
    expect(check(K8S_WORKLOAD_RESOURCES, withC({}))).toEqual([]);
    const f = check(K8S_WORKLOAD_RESOURCES, withC({ resources: { requests: { cpu: '1' } } }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('resources.requests.memory, resources.limits.memory');
    expect(f[0].message).not.toContain('limits.cpu');
    expect(ids(check(K8S_WORKLOAD_RESOURCES, withC({ resources: undefined })))).toEqual(['k8s-workload-resources[container:app]']);
  });
  test('a missing request is defaulted from the limit, as the API server does', () => {
    expect(check(K8S_WORKLOAD_RESOURCES, withC({ resources: { limits: { cpu: '1', memory: '1Gi' } } }))).toEqual([]);
  });
  test('init containers are checked', () => {
    expect(ids(check(K8S_WORKLOAD_RESOURCES, withC({}, { initContainers: [{ name: 'i', image: 'x' }] })))).toEqual(['k8s-workload-resources[initContainer:i]']);
  });
});

describe('image rules', () => {
  test('parseImage', () => {
    expect(parseImage('nginx')).toMatchObject({ repository: 'nginx', tag: undefined, digest: undefined });
    expect(parseImage('localhost:5000/team/app')).toMatchObject({ repository: 'localhost:5000/team/app', registry: 'localhost:5000', tag: undefined, digest: undefined });
    expect(parseImage('localhost:5000/team/app:1.0')).toMatchObject({ repository: 'localhost:5000/team/app', tag: '1.0', digest: undefined });
    expect(parseImage(`app:1.0${DIGEST}`)).toMatchObject({ repository: 'app', tag: '1.0', digest: DIGEST.slice(1), pinned: true });
  });
  test('k8s-workload-image-tag: no tag or latest is an error; a digest makes the tag irrelevant', () => {
    expect(ids(check(K8S_WORKLOAD_IMAGE_TAG, withC({ image: 'nginx' })))).toEqual(['k8s-workload-image-tag[container:app]']);
    expect(ids(check(K8S_WORKLOAD_IMAGE_TAG, withC({ image: 'registry:5000/nginx:latest' })))).toEqual(['k8s-workload-image-tag[container:app]']);
    expect(check(K8S_WORKLOAD_IMAGE_TAG, withC({ image: 'registry:5000/nginx:1.25' }))).toEqual([]);
    expect(check(K8S_WORKLOAD_IMAGE_TAG, withC({ image: `nginx:latest${DIGEST}` }))).toEqual([]);
    expect(check(K8S_WORKLOAD_IMAGE_TAG, withC({ image: 'nginx' })).map((f) => f.severity)).toEqual(['error']);
  });
  test('k8s-workload-image-digest: a tag alone is a warning; a malformed digest does not count', () => {
    const f = check(K8S_WORKLOAD_IMAGE_DIGEST, withC({ image: 'nginx:1.25' }));
    expect(ids(f)).toEqual(['k8s-workload-image-digest[container:app]']);
    expect(f[0].severity).toBe('warning');
    expect(check(K8S_WORKLOAD_IMAGE_DIGEST, withC({ image: 'nginx:1.25@sha256:nothex' }))).toHaveLength(1);
    // OCI digest grammar: registered algorithms with exact lengths, lowercase hex
    for (const bad of ['sha256:' + 'b'.repeat(63), 'sha256:' + 'B'.repeat(64), 'sha512:' + 'b'.repeat(64), 'sha384:' + 'b'.repeat(96), 'foo:' + 'b'.repeat(64)]) {
      expect(ids(check(K8S_WORKLOAD_IMAGE_DIGEST, withC({ image: `nginx:1.25@${bad}` })))).toEqual(['k8s-workload-image-digest[container:app]']);
      // and a malformed digest does not excuse the latest tag
      expect(ids(check(K8S_WORKLOAD_IMAGE_TAG, withC({ image: `nginx:latest@${bad}` })))).toEqual(['k8s-workload-image-tag[container:app]']);
    }
    expect(check(K8S_WORKLOAD_IMAGE_DIGEST, withC({ image: 'nginx@sha512:' + 'c'.repeat(128) }))).toEqual([]);
    expect(check(K8S_WORKLOAD_IMAGE_DIGEST, withC({ image: `nginx${DIGEST}` }))).toEqual([]);
  });
});

describe('service accounts', () => {
  test('k8s-workload-service-account-token: only an explicit false is compliant', () => {
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN, withC({}))).toEqual([]);
    expect(ids(check(K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN, withC({}, { automountServiceAccountToken: undefined })))).toEqual(['k8s-workload-service-account-token[automountServiceAccountToken]']);
    expect(check(K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN, withC({}, { automountServiceAccountToken: true }))).toHaveLength(1);
  });
  test('k8s-workload-default-service-account: missing or "default"; the deprecated serviceAccount alias counts', () => {
    expect(check(K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT, withC({}))).toEqual([]);
    expect(check(K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT, withC({}, { serviceAccountName: undefined }))).toHaveLength(1);
    expect(check(K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT, withC({}, { serviceAccountName: 'default' }))).toHaveLength(1);
    expect(check(K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT, withC({}, { serviceAccountName: undefined, serviceAccount: 'app' }))).toEqual([]);
  });
});

describe('k8s-workload-probes', () => {
  test('info finding for a container without probes; not for Jobs, CronJobs or run-to-completion pods', () => {
    const spec = { ...GOOD_SPEC, containers: [{ ...GOOD, livenessProbe: undefined }] };
    const f = check(K8S_WORKLOAD_PROBES, workload('Deployment', spec));
    expect(ids(f)).toEqual(['k8s-workload-probes[container:app]']);
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toContain('livenessProbe');
    expect(check(K8S_WORKLOAD_PROBES, workload('Job', spec))).toEqual([]);
    expect(check(K8S_WORKLOAD_PROBES, workload('CronJob', spec))).toEqual([]);
    expect(check(K8S_WORKLOAD_PROBES, pod({ ...spec, restartPolicy: 'Never' }))).toEqual([]);
    expect(check(K8S_WORKLOAD_PROBES, workload('StatefulSet', GOOD_SPEC))).toEqual([]);
  });
  test('init containers need no probes', () => {
    expect(check(K8S_WORKLOAD_PROBES, withC({}, { initContainers: [{ name: 'i', image: 'x' }] }))).toEqual([]);
  });
});

describe('k8s-workload-secret-env', () => {
  test('secretKeyRef and envFrom secretRef are found; configMap refs and plain values are not', () => {
    const f = check(K8S_WORKLOAD_SECRET_ENV, withC({
      env: [{ name: 'A', value: 'x' }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      envFrom: [{ configMapRef: { name: 'c' } }, { secretRef: { name: 'all' } }],
    }));
    expect(ids(f)).toEqual(['k8s-workload-secret-env[container:app]']);
    expect(f[0].message).toContain('DB_PASSWORD from secret "db"');
    expect(f[0].message).toContain('envFrom secret "all"');
    expect(check(K8S_WORKLOAD_SECRET_ENV, withC({ env: [{ name: 'A', value: 'x' }], envFrom: [{ configMapRef: { name: 'c' } }] }))).toEqual([]);
  });
});
