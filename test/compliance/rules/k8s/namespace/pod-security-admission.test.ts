import { runEngine } from '../../../../../lib/compliance/engine';
import { parseManifests } from '../../../../../lib/compliance/loaders/kubernetes';
import { namespacePodSecurityAdmission } from '../../../../../lib/compliance/rules/k8s/namespace/pod-security-admission';

function check(labels: Record<string, string>, name = 'shop') {
  const yaml = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  return runEngine([namespacePodSecurityAdmission], parseManifests('ns.yaml', yaml).resources).findings;
}

const RESTRICTED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'v1.28',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'v1.28',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'v1.28',
};

describe('k8s-namespace-pod-security-admission', () => {
  test('compliant: restricted for every mode, pinned', () => {
    expect(check(RESTRICTED)).toEqual([]);
  });

  test('non-compliant: baseline enforce and latest version, each named', () => {
    const f = check({ ...RESTRICTED, 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn-version': 'latest' });
    expect(f.map((x) => x.findingId).sort()).toEqual(['label:enforce', 'version:warn']);
    expect(f[0].controls).toContain('CIS-K8S:5.2.1');
  });

  test('non-compliant: no labels at all', () => {
    expect(check({})).toHaveLength(6);
  });

  test('not checked on kube-system', () => {
    expect(check({}, 'kube-system')).toEqual([]);
  });
});
