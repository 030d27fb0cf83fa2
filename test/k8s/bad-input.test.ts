/**
 * The bad inputs the product rules call out, one per construct family: each fails at construction
 * with a ValidationError naming the construct path and the property.
 */
import { Chart, Testing } from 'cdk8s';
import { expectInvalid } from './helpers';
import { batchContainer, webContainer } from './workload/fixtures';
import { WorkloadRole } from '../../lib/k8s/rbac';
import { PlainSecret, SealedSecret } from '../../lib/k8s/secrets';
import { HardenedDeployment, HardenedJob } from '../../lib/k8s/workload';

const chart = () => new Chart(Testing.app(), 'prod', { namespace: 'shop' });

test('privileged container', () => {
  expectInvalid(() => new HardenedDeployment(chart(), 'web', { containers: [webContainer({ securityContext: { privileged: true } })] }), 'prod/web', 'containers[0].securityContext.privileged', /privileged/);
});

test('hostPath volume', () => {
  expectInvalid(() => new HardenedJob(chart(), 'backup', {
    containers: [batchContainer()],
    extraVolumes: [{ volume: { name: 'host', hostPath: { path: '/' } }, mountPath: '/host' }],
  }), 'prod/backup', 'extraVolumes[0].volume.hostPath', /hostPath/);
});

test('wildcard RBAC', () => {
  const c = chart();
  const web = new HardenedDeployment(c, 'web', { containers: [webContainer()] });
  expectInvalid(() => new WorkloadRole(c, 'rbac', { workload: web, grants: [{ apiGroup: '*', resource: '*', verbs: ['*'] }] }), 'prod/rbac', 'grants[0]', /"\*"/);
});

test(':latest image', () => {
  expectInvalid(() => new HardenedDeployment(chart(), 'web', { containers: [webContainer({ image: 'nginx:latest' })] }), 'prod/web', 'containers[0].image', /latest/);
});

test('literal secret data (PlainSecret) and plaintext posing as sealed data (SealedSecret)', () => {
  const e1 = expectInvalid(() => new PlainSecret(chart(), 'db', { stringData: { password: 'Tr0ub4dor&3' } }), 'prod/db', 'stringData', /literal/);
  expect(e1.message).not.toContain('Tr0ub4dor&3');
  const e2 = expectInvalid(() => new SealedSecret(chart(), 'db', { name: 'db', encryptedData: { password: Buffer.from('Tr0ub4dor&3').toString('base64') } }), 'prod/db', 'encryptedData.password');
  expect(e2.message).not.toContain('Tr0ub4dor&3');
});
