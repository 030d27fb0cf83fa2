import { SecureNamespace } from '../../../lib/k8s/namespace';
import { HardenedDeployment, HealthProbe, WhenUnsatisfiable } from '../../../lib/k8s/workload';
import { checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { IMAGE, expectInvalid, objectsOf, only, overridesOf, suppressionsOf, synth } from '../helpers';
import { podSpecOf, webContainer } from './fixtures';

describe('HardenedDeployment', () => {
  test('minimal props: passes the full Kubernetes pack on its own', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('minimal props in a SecureNamespace: passes the pack, no default-deny suppression needed', () => {
    const chart = testChart();
    const ns = new SecureNamespace(chart, 'ns', { name: 'shop' });
    new HardenedDeployment(chart, 'web', { namespaceName: ns.namespaceName, containers: [webContainer()] });
    const report = checkChart(chart);
    expect(openK8sFindings(report)).toEqual([]);
    const dep = only(synth(chart), 'Deployment');
    expect(suppressionsOf(dep)).toEqual([]);
    expect(report.unusedSuppressions).toEqual([]);
  });

  test('on its own, the default-deny finding is suppressed with the isolation policy as reason', () => {
    const chart = testChart();
    const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
    const dep = only(synth(chart), 'Deployment');
    expect(suppressionsOf(dep)).toEqual([{ id: 'k8s-network-default-deny', reason: expect.stringContaining(`NetworkPolicy "${web.workloadName}"`) }]);
    const report = checkChart(chart);
    expect(report.findings.filter((f) => f.ruleId === 'k8s-network-default-deny').map((f) => f.status)).toEqual(['suppressed']);
  });

  test('hardened pod and container security context', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
    const spec = podSpecOf(only(synth(chart), 'Deployment'));
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.enableServiceLinks).toBe(false);
    for (const k of ['hostNetwork', 'hostPID', 'hostIPC']) expect(spec[k]).toBeUndefined();
    expect(spec.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  test('dedicated ServiceAccount without token; names and selector exposed', () => {
    const chart = testChart();
    const web = new HardenedDeployment(chart, 'web', { name: 'web', namespaceName: 'shop', containers: [webContainer()], serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/web' } });
    const m = synth(chart);
    const sa = only(m, 'ServiceAccount');
    expect(sa.metadata).toEqual({ name: 'web', namespace: 'shop', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/web' } });
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(web.serviceAccountName).toBe('web');
    expect(web.workloadNamespace).toBe('shop');
    expect(web.podSelectorLabels).toEqual({ 'secure-constructs.dev/workload': 'web' });
    const dep = only(m, 'Deployment');
    expect(dep.spec.selector.matchLabels).toEqual(web.podSelectorLabels);
    expect(podSpecOf(dep).serviceAccountName).toBe('web');
    expect(web.node.defaultChild).toBe(web.apiObject);
    expect(web.containerPorts).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  test('writable emptyDirs: /tmp always, plus named paths', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ writablePaths: ['/var/cache/nginx', '/tmp'] })] });
    const spec = podSpecOf(only(synth(chart), 'Deployment'));
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'writable-c0-0', mountPath: '/tmp', readOnly: false },
      { name: 'writable-c0-1', mountPath: '/var/cache/nginx', readOnly: false },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'writable-c0-0', emptyDir: { sizeLimit: '256Mi' } },
      { name: 'writable-c0-1', emptyDir: { sizeLimit: '256Mi' } },
    ]);
  });

  test('writable root filesystem only with a reason, recorded and suppressing the rule', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ allowWritableRootFilesystem: { reason: 'Vendor image writes all over /opt.' } })] });
    const dep = only(synth(chart), 'Deployment');
    expect(podSpecOf(dep).containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(overridesOf(dep)).toEqual([{ property: 'containers[0].allowWritableRootFilesystem', reason: 'Vendor image writes all over /opt.' }]);
    expect(suppressionsOf(dep).map((s) => s.id)).toContain('k8s-workload-read-only-root-filesystem');
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('requests and limits; CPU limit dropped only with a reason', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ resources: { withoutCpuLimit: { reason: 'Latency-sensitive; CFS throttling hurts p99.' }, memoryLimit: '1Gi' } })] });
    const dep = only(synth(chart), 'Deployment');
    expect(podSpecOf(dep).containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { 'memory': '1Gi', 'ephemeral-storage': '1Gi' } });
    expectInvalid(() => new HardenedDeployment(testChart(), 'web', { containers: [webContainer({ resources: { ephemeralStorageLimit: 'lots' } })] }), 'test/web', 'containers[0].resources.ephemeralStorageLimit');
    expect(overridesOf(dep)).toEqual([{ property: 'containers[0].resources.withoutCpuLimit', reason: 'Latency-sensitive; CFS throttling hurts p99.' }]);
    expectInvalid(() => new HardenedDeployment(testChart(), 'web', { containers: [webContainer({ resources: { withoutCpuLimit: { reason: '' } } })] }), 'test/web', 'containers[0].resources.withoutCpuLimit.reason');
  });

  test('probes are required for long-running containers unless a reason is given', () => {
    expectInvalid(() => new HardenedDeployment(testChart(), 'web', { containers: [webContainer({ livenessProbe: undefined })] }), 'test/web', 'containers[0]', /no livenessProbe/);
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ livenessProbe: undefined, readinessProbe: undefined, withoutProbes: { reason: 'Queue consumer with no listener.' } })] });
    const dep = only(synth(chart), 'Deployment');
    expect(suppressionsOf(dep).map((s) => s.id)).toContain('k8s-workload-probes');
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('probe kinds render', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', {
      containers: [webContainer({
        livenessProbe: HealthProbe.exec(['/bin/health'], { initialDelaySeconds: 5 }),
        readinessProbe: HealthProbe.grpc(9090, { periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 6 }),
        startupProbe: HealthProbe.tcpSocket(8080),
      })],
    });
    const c = podSpecOf(only(synth(chart), 'Deployment')).containers[0];
    expect(c.livenessProbe).toEqual({ exec: { command: ['/bin/health'] }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ grpc: { port: 9090 }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 6 });
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
  });

  test('2 replicas by default: PodDisruptionBudget and zone + hostname spread', () => {
    const chart = testChart();
    const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
    const m = synth(chart);
    const dep = only(m, 'Deployment');
    expect(dep.spec.replicas).toBe(2);
    expect(only(m, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: web.podSelectorLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(podSpecOf(dep).topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: web.podSelectorLabels }, matchLabelKeys: ['pod-template-hash'] },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: web.podSelectorLabels }, matchLabelKeys: ['pod-template-hash'] },
    ]);
  });

  test('spread and PDB tunable, and removable only with reasons; none for 1 replica', () => {
    const c1 = testChart();
    new HardenedDeployment(c1, 'web', { replicas: 4, maxUnavailable: 2, topologySpread: { zone: WhenUnsatisfiable.DO_NOT_SCHEDULE, maxSkew: 2 }, containers: [webContainer()] });
    const m1 = synth(c1);
    expect(only(m1, 'PodDisruptionBudget').spec.maxUnavailable).toBe(2);
    expect(podSpecOf(only(m1, 'Deployment')).topologySpreadConstraints.map((t: any) => [t.whenUnsatisfiable, t.maxSkew])).toEqual([['DoNotSchedule', 2], ['DoNotSchedule', 2]]);

    const c2 = testChart();
    new HardenedDeployment(c2, 'web', {
      containers: [webContainer()],
      withoutPodDisruptionBudget: { reason: 'Batch-like service; drains may take all replicas.' },
      withoutTopologySpread: { reason: 'Single-node development cluster.' },
    });
    const m2 = synth(c2);
    expect(objectsOf(m2, 'PodDisruptionBudget')).toEqual([]);
    expect(podSpecOf(only(m2, 'Deployment')).topologySpreadConstraints).toBeUndefined();
    expect(overridesOf(only(m2, 'Deployment')).map((o) => o.property)).toEqual(['withoutPodDisruptionBudget', 'withoutTopologySpread']);

    const c3 = testChart();
    new HardenedDeployment(c3, 'web', { replicas: 1, containers: [webContainer()] });
    const m3 = synth(c3);
    expect(objectsOf(m3, 'PodDisruptionBudget')).toEqual([]);
    expect(podSpecOf(only(m3, 'Deployment')).topologySpreadConstraints).toBeUndefined();
  });

  test('own deny-by-default NetworkPolicy with DNS egress', () => {
    const chart = testChart();
    const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
    const np = only(synth(chart), 'NetworkPolicy');
    expect(np.metadata.name).toBe(web.workloadName);
    expect(np.spec.podSelector).toEqual({ matchLabels: web.podSelectorLabels });
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.ingress).toBeUndefined();
    expect(np.spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
  });

  test('isolation policy removable only with a reason (then nothing is suppressed)', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer()], withoutIsolationPolicy: { reason: 'Namespace policies are managed by the platform.' } });
    const m = synth(chart);
    expect(objectsOf(m, 'NetworkPolicy')).toEqual([]);
    const dep = only(m, 'Deployment');
    expect(overridesOf(dep).map((o) => o.property)).toEqual(['withoutIsolationPolicy']);
    expect(suppressionsOf(dep)).toEqual([]);
    expect(openK8sFindings(checkChart(chart)).map((f) => f.split(' ')[0])).toEqual(['k8s-network-default-deny[namespace:test]']);
  });

  test('secrets are mounted as read-only files: prop and mountSecret()', () => {
    const chart = testChart();
    const web = new HardenedDeployment(chart, 'web', {
      containers: [webContainer(), webContainer({ name: 'sidecar', ports: [{ name: 'metrics', containerPort: 9090 }], readinessProbe: HealthProbe.httpGetNamedPort('/ready', 'metrics'), livenessProbe: HealthProbe.tcpSocket(9090) })],
      secretVolumes: [{ secretName: 'db-credentials', mountPath: '/var/run/secrets/db', containers: ['web'] }],
    });
    web.mountSecret('api-token', '/var/run/secrets/api', { items: [{ key: 'token', path: 'token' }] });
    const spec = podSpecOf(only(synth(chart), 'Deployment'));
    expect(spec.volumes.filter((v: any) => v.secret)).toEqual([
      { name: 'secret-0', secret: { secretName: 'db-credentials', defaultMode: 0o440 } },
      { name: 'secret-1', secret: { secretName: 'api-token', defaultMode: 0o440, items: [{ key: 'token', path: 'token' }] } },
    ]);
    const mounts = (name: string) => spec.containers.find((c: any) => c.name === name).volumeMounts.filter((m: any) => m.name.startsWith('secret'));
    expect(mounts('web')).toEqual([{ name: 'secret-0', mountPath: '/var/run/secrets/db', readOnly: true }, { name: 'secret-1', mountPath: '/var/run/secrets/api', readOnly: true }]);
    expect(mounts('sidecar')).toEqual([{ name: 'secret-1', mountPath: '/var/run/secrets/api', readOnly: true }]);
    expect(spec.containers.every((c: any) => c.env === undefined)).toBe(true);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('mountSecret() validates immediately', () => {
    const web = new HardenedDeployment(testChart(), 'web', { containers: [webContainer()] });
    expectInvalid(() => web.mountSecret('x', 'relative/path'), 'test/web', 'mountSecret("x").mountPath');
    expectInvalid(() => web.mountSecret('x', '/tmp'), 'test/web', 'mountSecret("x").mountPath', /already a mount point/);
    expectInvalid(() => web.mountSecret('x', '/s', { containers: ['nope'] }), 'test/web', 'mountSecret("x").containers');
  });

  test('env from a secret only with a reason: recorded and suppressing the secret-env rule', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ env: { LOG_LEVEL: 'info' }, secretEnv: [{ name: 'DB_PASSWORD', secretName: 'db', key: 'password', reason: 'Legacy binary reads only $DB_PASSWORD.' }] })] });
    const dep = only(synth(chart), 'Deployment');
    expect(podSpecOf(dep).containers[0].env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ]);
    expect(overridesOf(dep)).toEqual([{ property: 'containers[0].secretEnv[0]', reason: 'Legacy binary reads only $DB_PASSWORD.' }]);
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
    expectInvalid(() => new HardenedDeployment(testChart(), 'web', { containers: [webContainer({ secretEnv: [{ name: 'P', secretName: 'db', key: 'p', reason: '' }] })] }), 'test/web', 'containers[0].secretEnv[0].reason');
  });

  test('token mount only with a reason', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer()], mountServiceAccountToken: { reason: 'Operator watches ConfigMaps through the API.' } });
    const dep = only(synth(chart), 'Deployment');
    expect(podSpecOf(dep).automountServiceAccountToken).toBe(true);
    expect(only(synth(chart), 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(suppressionsOf(dep).map((s) => s.id)).toContain('k8s-workload-service-account-token');
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('tag-only image only with a reason', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ image: 'registry.example.com/web:1.2.3', allowUnpinnedImage: { reason: 'Internal registry with immutable tags.' } })] });
    const dep = only(synth(chart), 'Deployment');
    expect(suppressionsOf(dep).map((s) => s.id)).toContain('k8s-workload-image-digest');
    // pulled on every start: a moved tag is never served from a stale cache
    expect(podSpecOf(dep).containers[0].imagePullPolicy).toBe('Always');
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('extra volumes of restricted types and safe security context additions', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', {
      containers: [webContainer({ securityContext: { runAsUser: 20000, capabilities: { add: ['NET_BIND_SERVICE'] } } })],
      extraVolumes: [{ volume: { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }, mountPath: '/data', readOnly: false }],
      configMapVolumes: [{ configMapName: 'web-config', mountPath: '/etc/web' }],
    });
    const spec = podSpecOf(only(synth(chart), 'Deployment'));
    expect(spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    expect(spec.containers[0].securityContext.runAsUser).toBe(20000);
    expect(spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } });
    expect(spec.volumes).toContainEqual({ name: 'config-0', configMap: { name: 'web-config' } });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('pod labels and annotations can be added later (selector unchanged)', () => {
    const chart = testChart();
    const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()], labels: { team: 'shop' } });
    web.addPodLabel('version', 'v2');
    web.addPodAnnotation('linkerd.io/inject', 'enabled');
    const dep = only(synth(chart), 'Deployment');
    expect(dep.metadata.labels).toEqual({ team: 'shop' });
    expect(dep.spec.template.metadata).toEqual({ labels: { team: 'shop', version: 'v2', ...web.podSelectorLabels }, annotations: { 'linkerd.io/inject': 'enabled' } });
    expect(dep.spec.selector.matchLabels).toEqual(web.podSelectorLabels);
    expectInvalid(() => web.addPodLabel('secure-constructs.dev/workload', 'x'), 'test/web', 'label secure-constructs.dev/workload');
  });

  test('an image with a digest outside the OCI grammar is a ValidationError naming the problem', () => {
    const bad: [string, RegExp][] = [
      ['sha256:' + 'a'.repeat(63), /63 characters, not 64/],
      ['sha256:' + 'A'.repeat(64), /uppercase/],
      ['sha512:' + 'a'.repeat(64), /64 characters, not 128/],
      ['sha384:' + 'a'.repeat(96), /not a registered OCI algorithm/],
    ];
    for (const [digest, why] of bad) {
      const e = expectInvalid(() => new HardenedDeployment(testChart(), 'web', { containers: [webContainer({ image: `registry.example.com/web:1.2.3@${digest}` })] }), 'test/web', 'containers[0].image', why);
      expect(e.problems[0].fix).toMatch(/sha256:<64 lowercase hex digits>/);
    }
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer({ image: 'registry.example.com/web:1.2.3@sha512:' + 'b'.repeat(128) })] });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('image is used as given', () => {
    const chart = testChart();
    new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
    expect(podSpecOf(only(synth(chart), 'Deployment')).containers[0].image).toBe(IMAGE);
    // pinned by digest: the runtime default pull policy is fine
    expect(podSpecOf(only(synth(chart), 'Deployment')).containers[0].imagePullPolicy).toBeUndefined();
  });
});
