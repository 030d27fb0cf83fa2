import { Chart, Testing } from 'cdk8s';
import { HardenedDeployment, HardenedJob, HealthProbe } from '../../../lib/k8s/workload';
import { testChart } from '../../util/k8s';
import { DIGEST, expectInvalid, validationError } from '../helpers';
import { batchContainer, webContainer } from './fixtures';

const deploy = (props: any) => () => new HardenedDeployment(testChart(), 'web', { containers: [webContainer()], ...props });
const withContainer = (c: any) => deploy({ containers: [webContainer(c)] });

describe('hardened workloads refuse bad input at construction', () => {
  test.each([
    ['privileged', { securityContext: { privileged: true } }, 'containers[0].securityContext.privileged'],
    ['privilege escalation', { securityContext: { allowPrivilegeEscalation: true } }, 'containers[0].securityContext.allowPrivilegeEscalation'],
    ['SYS_ADMIN', { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }, 'containers[0].securityContext.capabilities.add'],
    ['not dropping ALL', { securityContext: { capabilities: { drop: ['NET_RAW'] } } }, 'containers[0].securityContext.capabilities.drop'],
    ['root user', { securityContext: { runAsUser: 0 } }, 'containers[0].securityContext.runAsUser'],
    ['runAsNonRoot false', { securityContext: { runAsNonRoot: false } }, 'containers[0].securityContext.runAsNonRoot'],
    ['unconfined seccomp', { securityContext: { seccompProfile: { type: 'Unconfined' } } }, 'containers[0].securityContext.seccompProfile.type'],
    ['writable root via securityContext', { securityContext: { readOnlyRootFilesystem: false } }, 'containers[0].securityContext.readOnlyRootFilesystem'],
    ['unmasked proc', { securityContext: { procMount: 'Unmasked' } }, 'containers[0].securityContext.procMount'],
    ['custom SELinux type', { securityContext: { seLinuxOptions: { type: 'spc_t' } } }, 'containers[0].securityContext.seLinuxOptions.type'],
    [':latest image', { image: 'registry.example.com/web:latest' }, 'containers[0].image'],
    [':latest image even with a reason', { image: 'registry.example.com/web:latest', allowUnpinnedImage: { reason: 'we really want latest here' } }, 'containers[0].image'],
    ['untagged image', { image: 'registry.example.com/web' }, 'containers[0].image'],
    ['tag without digest', { image: 'registry.example.com/web:1.2.3' }, 'containers[0].image'],
    ['malformed digest', { image: 'registry.example.com/web@sha256:abc' }, 'containers[0].image'],
    ['allowUnpinnedImage on a pinned image', { allowUnpinnedImage: { reason: 'not needed at all here' } }, 'containers[0].allowUnpinnedImage'],
    ['short reason', { allowWritableRootFilesystem: { reason: 'because' } }, 'containers[0].allowWritableRootFilesystem.reason'],
    ['bad container name', { name: 'Web_1' }, 'containers[0].name'],
    ['bad port', { ports: [{ name: 'http', containerPort: 70000 }] }, 'containers[0].ports[0].containerPort'],
    ['bad port name', { ports: [{ name: 'HTTP_PORT', containerPort: 80 }], readinessProbe: HealthProbe.httpGet('/r', 80) }, 'containers[0].ports[0].name'],
    ['bad quantity', { resources: { memoryLimit: 'lots' } }, 'containers[0].resources.memoryLimit'],
    ['request above limit', { resources: { cpuRequest: '2', cpuLimit: '1' } }, 'containers[0].resources.cpuRequest'],
    ['relative writable path', { writablePaths: ['cache'] }, 'containers[0].writablePaths[0]'],
    ['probe path', { livenessProbe: HealthProbe.httpGet('healthz', 8080) }, 'containers[0].livenessProbe.path'],
    ['probe port', { livenessProbe: HealthProbe.tcpSocket(0) }, 'containers[0].livenessProbe.port'],
  ])('%s', (_what, container, property) => {
    expectInvalid(withContainer(container), 'test/web', property);
  });

  test.each([
    ['hostPath volume', { extraVolumes: [{ volume: { name: 'host', hostPath: { path: '/var/run/docker.sock' } }, mountPath: '/var/run/docker.sock' }] }, 'extraVolumes[0].volume.hostPath'],
    ['non-restricted volume type', { extraVolumes: [{ volume: { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/x' } }, mountPath: '/nfs' }] }, 'extraVolumes[0].volume.nfs'],
    ['root uid', { runAsUser: 0 }, 'runAsUser'],
    ['root gid', { runAsGroup: 0 }, 'runAsGroup'],
    ['root fsGroup', { fsGroup: 0 }, 'fsGroup'],
    ['no containers', { containers: [] }, 'containers'],
    ['duplicate containers', { containers: [webContainer(), webContainer()] }, 'containers[1].name'],
    ['bad namespace', { namespaceName: 'Not A Namespace' }, 'namespaceName'],
    ['bad name', { name: 'Web' }, 'name'],
    ['negative replicas', { replicas: -1 }, 'replicas'],
    ['maxUnavailable >= replicas', { replicas: 2, maxUnavailable: 2 }, 'maxUnavailable'],
    ['PDB opt-out with one replica', { replicas: 1, withoutPodDisruptionBudget: { reason: 'single replica anyway' } }, 'withoutPodDisruptionBudget'],
    ['token mount with empty reason', { mountServiceAccountToken: { reason: '' } }, 'mountServiceAccountToken.reason'],
    ['secret volume without name', { secretVolumes: [{ secretName: '', mountPath: '/s' }] }, 'secretVolumes[0].secretName'],
    ['secret item with absolute path', { secretVolumes: [{ secretName: 's', mountPath: '/s', items: [{ key: 'k', path: '/etc/passwd' }] }] }, 'secretVolumes[0].items[0].path'],
    ['duplicate mount path', { secretVolumes: [{ secretName: 'a', mountPath: '/s' }, { secretName: 'b', mountPath: '/s' }] }, 'secretVolumes[1].mountPath'],
    ['bad label', { labels: { 'bad key!': 'x' } }, 'labels.bad key!'],
  ])('%s', (_what, props, property) => {
    expectInvalid(deploy(props), 'test/web', property);
  });

  test('every problem is reported in one error', () => {
    const err = validationError(() => new HardenedDeployment(testChart(), 'web', {
      runAsUser: 0,
      containers: [webContainer({ image: 'nginx:latest', securityContext: { privileged: true }, livenessProbe: undefined })],
    }));
    expect(err.problems.map((p) => p.property)).toEqual(expect.arrayContaining(['runAsUser', 'containers[0].image', 'containers[0].securityContext.privileged', 'containers[0]']));
    expect(err.message).toMatch(/Fix: /);
  });

  test('errors name the full construct path', () => {
    const chart = new Chart(Testing.app(), 'prod');
    expectInvalid(() => new HardenedJob(chart, 'migrate', { containers: [batchContainer({ image: `repo@${DIGEST}`, securityContext: { privileged: true } })] }), 'prod/migrate', 'containers[0].securityContext.privileged');
  });
});
