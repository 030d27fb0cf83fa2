import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureRepository } from '../../../lib/aws/ecr';
import { documentedDefaults, sourcesDefaults } from '../../util/doc-defaults';

const t = (() => {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new SecureRepository(s, 'Repo');
  SecureRepository.enhancedScanning(s, 'Scanning');
  return Template.fromStack(s);
})();
const repo = Object.values<any>(t.findResources('AWS::ECR::Repository'))[0];
const policy = repo.Properties.RepositoryPolicyText.Statement;
const noOverrides = () => expect(repo.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  repositoryName: () => expect(repo.Properties.RepositoryName).toBeUndefined(),
  encryptionKey: () => {
    const [keyId] = Object.keys(t.findResources('AWS::KMS::Key'));
    expect(keyId).toMatch(/^RepoKey/);
    expect(repo.Properties.EncryptionConfiguration).toEqual({ EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  },
  lifecycleRules: () => expect(JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText).rules).toEqual([{
    rulePriority: 1, description: 'Keep the newest 1000 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1000 }, action: { type: 'expire' },
  }]),
  allowedAccounts: () => {
    expect(policy).toHaveLength(1);
    expect(policy[0]).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['123456789012'] } } });
  },
  principalOrgId: () => expect(JSON.stringify(policy)).not.toContain('aws:PrincipalOrgID'),
  mutableTagsReason: () => {
    expect(repo.Properties.ImageTagMutability).toBe('IMMUTABLE');
    noOverrides();
  },
  removalPolicy: () => {
    expect(repo.DeletionPolicy).toBe('Retain');
    expect(repo.UpdateReplacePolicy).toBe('Retain');
    expect(repo.Properties.EmptyOnDelete).toBe(false);
  },
  removalPolicyReason: noOverrides,
  repositoryFilters: () => t.hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', { Rules: [{ RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] }] }),
};

describe('SecureRepository documented defaults (docs/aws-ecr.md)', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    const documented = documentedDefaults('aws-ecr.md', 'SecureRepository', '### Defaults');
    const source = sourcesDefaults([['lib/aws/ecr/secure-repository.ts', 'SecureRepositoryProps'], ['lib/aws/ecr/secure-repository.ts', 'EnhancedScanningOptions']]);
    expect([...documented.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [k, v] of source) expect(`${k}: ${documented.get(k)}`).toBe(`${k}: ${v}`);
    expect(Object.keys(CHECKS).sort()).toEqual([...documented.keys()].sort());
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
  test('scan on push is always on', () => expect(repo.Properties.ImageScanningConfiguration).toEqual({ ScanOnPush: true }));
});
