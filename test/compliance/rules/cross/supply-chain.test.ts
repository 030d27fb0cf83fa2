import { stringify } from 'yaml';
import { runEngine } from '../../../../lib/compliance/engine';
import { templateResources } from '../../../../lib/compliance/loaders/cloudformation';
import { parseManifests } from '../../../../lib/compliance/loaders/kubernetes';
import { Rule } from '../../../../lib/compliance/model';
import { eksManifestChecked } from '../../../../lib/compliance/rules/cross/eks-manifest-checked';
import { imageRepository } from '../../../../lib/compliance/rules/cross/image-repository';
import { repositoryImagePolicy } from '../../../../lib/compliance/rules/cross/repository-image-policy';

const REG = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const DIGEST = `sha256:${'c'.repeat(64)}`;

function findings(rule: Rule, resources: Record<string, object>, objects: object[]): string[] {
  const aws = templateResources('Stack.template.json', 'Stack', { Resources: resources }, new Map()).resources;
  const k8s = objects.length > 0 ? parseManifests('m.yaml', objects.map((o) => stringify(o)).join('---\n')).resources : [];
  const report = runEngine([rule], [...aws, ...k8s]);
  expect(report.findings.filter((f) => f.status === 'error')).toEqual([]);
  return report.findings.filter((f) => f.status === 'non-compliant').map((f) => `${f.findingId}${f.unverified ? ' (unverified)' : ''}`);
}

const repo = (name?: string) => ({ Type: 'AWS::ECR::Repository', Properties: name ? { RepositoryName: name } : {} });
const policy = (images: string[], action = 'Enforce') => ({
  apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'signed' },
  spec: { validationFailureAction: action, rules: [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'] } }] }, verifyImages: [{ imageReferences: images, attestors: [{ entries: [{ keys: { publicKeys: 'k' } }] }] }] }] },
});
const deployment = (image: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'api', image }] } } },
});

describe('aws-cross-repository-image-policy', () => {
  test('not applicable without image policies; compliant when an enforcing policy names the repository', () => {
    expect(findings(repositoryImagePolicy, { Repo: repo('shop/api') }, [])).toEqual([]);
    expect(findings(repositoryImagePolicy, { Repo: repo('shop/api') }, [policy([`${REG}/shop/*`])])).toEqual([]);
  });
  test('non-compliant: another repository, only an auditing policy, no literal name (cannot verify)', () => {
    expect(findings(repositoryImagePolicy, { Repo: repo('billing/api') }, [policy([`${REG}/shop/*`])])).toEqual(['repository:billing/api']);
    expect(findings(repositoryImagePolicy, { Repo: repo('shop/api') }, [policy([`${REG}/shop/*`], 'Audit')])).toEqual(['repository:shop/api']);
    expect(findings(repositoryImagePolicy, { Repo: repo() }, [policy([`${REG}/shop/*`])])).toEqual(['name (unverified)']);
  });
});

describe('k8s-cross-image-repository', () => {
  test('not applicable without repositories in the AWS input; compliant for a checked repository or a non-ECR registry', () => {
    expect(findings(imageRepository, {}, [deployment(`${REG}/other@${DIGEST}`)])).toEqual([]);
    expect(findings(imageRepository, { Repo: repo('shop/api') }, [deployment(`${REG}/shop/api@${DIGEST}`)])).toEqual([]);
    expect(findings(imageRepository, { Repo: repo('shop/api') }, [deployment(`registry.example.com/shop/api@${DIGEST}`)])).toEqual([]);
  });
  test('non-compliant: an ECR image from a repository the templates do not define', () => {
    expect(findings(imageRepository, { Repo: repo('shop/api') }, [deployment(`${REG}/shop/legacy:1.0`)])).toEqual(['container:api']);
  });
});

describe('aws-cross-eks-manifest-checked', () => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
  const manifest = (list: unknown) => ({ Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', ClusterName: 'c', Manifest: list } });
  test('compliant: every embedded object is checked, identical apart from the prune label', () => {
    const embedded = { ...ns, metadata: { name: 'shop', labels: { 'aws.cdk.eks/prune-c8abc': '' } } };
    expect(findings(eksManifestChecked, { M: manifest(JSON.stringify([embedded])) }, [ns])).toEqual([]);
  });
  test('non-compliant: not JSON, not objects; cannot verify: unknown values; Helm charts and patches (objects missing from the manifests or different are checked themselves)', () => {
    expect(findings(eksManifestChecked, { M: manifest(JSON.stringify([ns, deployment('nginx')])) }, [ns])).toEqual([]);
    expect(findings(eksManifestChecked, { M: manifest(JSON.stringify([{ ...ns, metadata: { name: 'shop', labels: { x: 'y' } } }])) }, [ns])).toEqual([]);
    expect(findings(eksManifestChecked, { M: manifest('apply everything') }, [ns])).toEqual(['manifest']);
    expect(findings(eksManifestChecked, { M: manifest(JSON.stringify([{ kind: 'Pod' }])) }, [ns])).toEqual(['manifest']);
    const fromResource = findings(eksManifestChecked, { M: manifest({ 'Fn::Join': ['', ['[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"', { 'Fn::GetAtt': ['R', 'Name'] }, '"}}]']] }) }, [ns]);
    expect(fromResource).toHaveLength(1);
    expect(fromResource[0]).toMatch(/^object:Namespace\/\/.* \(unverified\)$/);
    expect(findings(eksManifestChecked, { H: { Type: 'Custom::AWSCDK-EKS-HelmChart', Properties: { Chart: 'x' } } }, [ns])).toEqual(['helm-chart']);
    expect(findings(eksManifestChecked, { P: { Type: 'Custom::AWSCDK-EKS-KubernetesPatch', Properties: {} } }, [ns])).toEqual(['patch']);
  });
});
