import { HardenedStatefulSet, PvcAccessMode } from '../../../lib/k8s/workload';
import { checkChart, openK8sFindings, testChart } from '../../util/k8s';
import { expectInvalid, objectsOf, only, synth } from '../helpers';
import { podSpecOf, webContainer } from './fixtures';

describe('HardenedStatefulSet', () => {
  test('minimal props: passes the full Kubernetes pack', () => {
    const chart = testChart();
    new HardenedStatefulSet(chart, 'db', { containers: [webContainer()] });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('1 replica by default, no PDB or spread; claims retained; headless governing Service', () => {
    const chart = testChart();
    const db = new HardenedStatefulSet(chart, 'db', { containers: [webContainer()], volumeClaims: [{ name: 'data', mountPath: '/data', storage: '10Gi' }] });
    const m = synth(chart);
    const sts = only(m, 'StatefulSet');
    expect(sts.spec.replicas).toBe(1);
    expect(objectsOf(m, 'PodDisruptionBudget')).toEqual([]);
    expect(podSpecOf(sts).topologySpreadConstraints).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }]);
    expect(podSpecOf(sts).containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data', readOnly: false });
    expect(podSpecOf(sts).volumes.map((v: any) => v.name)).not.toContain('data');
    const svc = only(m, 'Service');
    expect(sts.spec.serviceName).toBe(svc.metadata.name);
    expect(svc.spec).toEqual({ clusterIP: 'None', selector: db.podSelectorLabels, publishNotReadyAddresses: false, ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] });
  });

  test('replicated: PDB and spread (no pod-template-hash key)', () => {
    const chart = testChart();
    new HardenedStatefulSet(chart, 'db', { replicas: 3, containers: [webContainer()], volumeClaims: [{ name: 'data', mountPath: '/data', storage: '5Gi', storageClassName: 'gp3-retain', accessMode: PvcAccessMode.READ_WRITE_ONCE_POD }] });
    const m = synth(chart);
    const sts = only(m, 'StatefulSet');
    expect(only(m, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(podSpecOf(sts).topologySpreadConstraints.map((t: any) => [t.topologyKey, t.matchLabelKeys])).toEqual([['topology.kubernetes.io/zone', undefined], ['kubernetes.io/hostname', undefined]]);
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOncePod'], storageClassName: 'gp3-retain', resources: { requests: { storage: '5Gi' } } });
    expect(openK8sFindings(checkChart(chart))).toEqual([]);
  });

  test('existing governing service: none created', () => {
    const chart = testChart();
    new HardenedStatefulSet(chart, 'db', { serviceName: 'db-headless', containers: [webContainer()] });
    const m = synth(chart);
    expect(objectsOf(m, 'Service')).toEqual([]);
    expect(only(m, 'StatefulSet').spec.serviceName).toBe('db-headless');
  });

  test('bad claims', () => {
    expectInvalid(() => new HardenedStatefulSet(testChart(), 'db', { containers: [webContainer()], volumeClaims: [{ name: 'data', mountPath: '/data', storage: 'big' }] }), 'test/db', 'volumeClaims[0].storage');
    expectInvalid(() => new HardenedStatefulSet(testChart(), 'db', { containers: [webContainer()], volumeClaims: [{ name: 'data', mountPath: '/tmp', storage: '1Gi' }] }), 'test/db', 'volumeClaims[0].mountPath');
  });
});
