import { aws_ecr as ecr } from 'aws-cdk-lib';
import { SecureRepository } from '../../../../../lib/aws/ecr';
import { RULES } from '../../../../../lib/compliance/rules/aws/ecr';
import { AWS_ECR_KMS_ENCRYPTION } from '../../../../../lib/compliance/rules/aws/ecr/kms-encryption';
import { AWS_ECR_LIFECYCLE_POLICY } from '../../../../../lib/compliance/rules/aws/ecr/lifecycle-policy';
import { AWS_ECR_REPOSITORY_POLICY } from '../../../../../lib/compliance/rules/aws/ecr/repository-policy';
import { AWS_ECR_REPOSITORY_RETAINED } from '../../../../../lib/compliance/rules/aws/ecr/retained';
import { AWS_ECR_SCAN_ON_PUSH } from '../../../../../lib/compliance/rules/aws/ecr/scan-on-push';
import { AWS_ECR_TAG_IMMUTABILITY } from '../../../../../lib/compliance/rules/aws/ecr/tag-immutability';
import { Res, open, synthResources } from '../iam/helpers';

const DENY = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['123456789012'] } } };
const repo = (props: Record<string, unknown> = {}, extra: Partial<Res> = {}): Res => ({
  Type: 'AWS::ECR::Repository',
  Properties: {
    ImageTagMutability: 'IMMUTABLE',
    ImageScanningConfiguration: { ScanOnPush: true },
    EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': ['Key', 'Arn'] } },
    LifecyclePolicy: { LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}' },
    RepositoryPolicyText: { Version: '2012-10-17', Statement: [DENY] },
    ...props,
  },
  DeletionPolicy: 'Retain',
  ...extra,
});

test('SecureRepository passes every ECR rule; a plain aws-cdk-lib repository does not', () => {
  expect(open(RULES, synthResources((s) => {
    new SecureRepository(s, 'Repo');
  }))).toEqual([]);
  expect(open(RULES, synthResources((s) => {
    new ecr.Repository(s, 'Plain');
  })).map((f) => f.split(' ')[0])).toEqual(['aws-ecr-tag-immutability[]', 'aws-ecr-scan-on-push[]', 'aws-ecr-kms-encryption[type]', 'aws-ecr-lifecycle-policy[no-policy]', 'aws-ecr-repository-policy[no-policy]']);
});

describe('aws-ecr-tag-immutability', () => {
  test('compliant: IMMUTABLE; non-compliant: unset, MUTABLE, exclusion filters, a parameter that can be MUTABLE', () => {
    expect(open(AWS_ECR_TAG_IMMUTABILITY, {
      Ok: repo(),
      Unset: repo({ ImageTagMutability: undefined }),
      Mutable: repo({ ImageTagMutability: 'MUTABLE' }),
      Excl: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' }),
      Sub: repo({ ImageTagMutability: { 'Fn::Sub': 'MUTABLE' } }),
    })).toEqual(['aws-ecr-tag-immutability[] Unset', 'aws-ecr-tag-immutability[] Mutable', 'aws-ecr-tag-immutability[exclusions] Excl', 'aws-ecr-tag-immutability[] Sub']);
  });
});

describe('aws-ecr-scan-on-push', () => {
  test('compliant: true / "true"; non-compliant: unset, false, an Fn::If branch', () => {
    expect(open(AWS_ECR_SCAN_ON_PUSH, {
      Ok: repo(), Str: repo({ ImageScanningConfiguration: { ScanOnPush: 'true' } }),
      Unset: repo({ ImageScanningConfiguration: undefined }),
      Off: repo({ ImageScanningConfiguration: { ScanOnPush: false } }),
      If: repo({ ImageScanningConfiguration: { ScanOnPush: { 'Fn::If': ['C', true, false] } } }),
    })).toEqual(['aws-ecr-scan-on-push[] Unset', 'aws-ecr-scan-on-push[] Off', 'aws-ecr-scan-on-push[] If']);
  });
});

describe('aws-ecr-kms-encryption', () => {
  test('compliant: KMS / KMS_DSSE with a key; non-compliant: AES256, unset, KMS without key, the AWS managed key', () => {
    expect(open(AWS_ECR_KMS_ENCRYPTION, {
      Ok: repo(),
      Dsse: repo({ EncryptionConfiguration: { EncryptionType: 'KMS_DSSE', KmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/x' } }),
      Aes: repo({ EncryptionConfiguration: { EncryptionType: 'AES256' } }),
      Unset: repo({ EncryptionConfiguration: undefined }),
      NoKey: repo({ EncryptionConfiguration: { EncryptionType: 'KMS' } }),
      Managed: repo({ EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: 'alias/aws/ecr' } }),
    })).toEqual(['aws-ecr-kms-encryption[type] Aes', 'aws-ecr-kms-encryption[type] Unset', 'aws-ecr-kms-encryption[key] NoKey', 'aws-ecr-kms-encryption[key] Managed']);
  });
});

describe('aws-ecr-lifecycle-policy', () => {
  test('compliant: a policy with rules; non-compliant: none, empty rules, not JSON', () => {
    expect(open(AWS_ECR_LIFECYCLE_POLICY, {
      Ok: repo(),
      None: repo({ LifecyclePolicy: undefined }),
      Empty: repo({ LifecyclePolicy: { LifecyclePolicyText: '{"rules":[]}' } }),
      Junk: repo({ LifecyclePolicy: { LifecyclePolicyText: 'keep everything' } }),
    })).toEqual(['aws-ecr-lifecycle-policy[no-policy] None', 'aws-ecr-lifecycle-policy[invalid] Empty', 'aws-ecr-lifecycle-policy[invalid] Junk']);
  });
});

describe('aws-ecr-repository-policy', () => {
  test('compliant: Deny of outsiders (by account or organization, also as a JSON string)', () => {
    expect(open(AWS_ECR_REPOSITORY_POLICY, {
      Ok: repo(),
      Org: repo({ RepositoryPolicyText: { Statement: [{ ...DENY, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] } }),
      Json: repo({ RepositoryPolicyText: JSON.stringify({ Statement: [DENY] }) }),
    })).toEqual([]);
  });

  test('non-compliant: no policy, a Deny that does not cover every action, an Allow to anyone, a Deny only in one Fn::If branch', () => {
    expect(open(AWS_ECR_REPOSITORY_POLICY, {
      None: repo({ RepositoryPolicyText: undefined }),
      Narrow: repo({ RepositoryPolicyText: { Statement: [{ ...DENY, Action: 'ecr:BatchGetImage' }] } }),
      Anyone: repo({ RepositoryPolicyText: { Statement: [DENY, { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] } }),
      Branch: repo({ RepositoryPolicyText: { 'Fn::If': ['C', { Statement: [DENY] }, { Statement: [{ ...DENY, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }] }] } }),
    })).toEqual([
      'aws-ecr-repository-policy[no-policy] None',
      'aws-ecr-repository-policy[foreign-principals] Narrow',
      'aws-ecr-repository-policy[allow-anyone:1] Anyone',
      'aws-ecr-repository-policy[foreign-principals] Branch',
    ]);
  });
});

describe('aws-ecr-repository-retained', () => {
  test('compliant: Retain; non-compliant: Delete, EmptyOnDelete', () => {
    expect(open(AWS_ECR_REPOSITORY_RETAINED, {
      Ok: repo(),
      Deleted: repo({}, { DeletionPolicy: 'Delete' }),
      Emptied: repo({ EmptyOnDelete: true }),
    })).toEqual(['aws-ecr-repository-retained[] Deleted', 'aws-ecr-repository-retained[empty-on-delete] Emptied']);
  });
});
