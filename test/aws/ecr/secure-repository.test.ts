import { App, RemovalPolicy, Stack, aws_ecr as ecr, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureRepository } from '../../../lib/aws/ecr';
import { EncryptionKey } from '../../../lib/aws/kms';
import { openFindings, synthAndCheck } from '../../util/aws';
import { expectInvalid, overridesOf } from '../network/doc-defaults';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const stack = (): Stack => new Stack(new App(), 'S', { env: ENV });
const DIGEST = `sha256:${'2'.repeat(64)}`;

function repoOf(s: Stack): any {
  return Object.values<any>(Template.fromStack(s).findResources('AWS::ECR::Repository'))[0];
}

describe('SecureRepository', () => {
  test('with no options passes our pack and the four cdk-nag packs', () => {
    expect(openFindings(synthAndCheck((s) => {
      new SecureRepository(s, 'Repo');
    }, { env: ENV }))).toEqual([]);
  });

  test('a plain aws-cdk-lib repository fails our ECR rules (the check above can fail)', () => {
    const open = openFindings(synthAndCheck((s) => {
      new ecr.Repository(s, 'Plain');
    }, { env: ENV })).map((f) => f.split(' ')[1]);
    expect(open).toEqual(expect.arrayContaining(['aws-ecr-tag-immutability', 'aws-ecr-scan-on-push', 'aws-ecr-kms-encryption[type]',
      'aws-ecr-lifecycle-policy[no-policy]', 'aws-ecr-repository-policy[no-policy]']));
  });

  test('the key policy lets ECR create its grant for callers of this account only, and the repository waits for it', () => {
    const s = stack();
    new SecureRepository(s, 'Repo');
    const t = Template.fromStack(s);
    const key = Object.values<any>(t.findResources('AWS::KMS::Key'))[0];
    const st = key.Properties.KeyPolicy.Statement.find((x: any) => String(x.Sid).startsWith('AllowEcrGrants'));
    expect(st.Action).toEqual(['kms:CreateGrant', 'kms:RetireGrant', 'kms:DescribeKey']);
    expect(st.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'ecr.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' },
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
    });
    expect(repoOf(s).DependsOn).toEqual([expect.stringMatching(/^RepoKey/)]);
  });

  test('allowedAccounts widen the Deny and get an Allow to pull; principalOrgId limits by organization', () => {
    const s = stack();
    new SecureRepository(s, 'Repo', { allowedAccounts: ['210987654321'] });
    const st = repoOf(s).Properties.RepositoryPolicyText.Statement;
    expect(st[0].Condition.StringNotEquals['aws:PrincipalAccount']).toEqual(['123456789012', '210987654321']);
    expect(st[1]).toMatchObject({ Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] });
    expect(JSON.stringify(st[1].Principal)).toContain('210987654321');
    const o = stack();
    new SecureRepository(o, 'Repo', { principalOrgId: 'o-a1b2c3d4e5' });
    expect(repoOf(o).Properties.RepositoryPolicyText.Statement[0].Condition.StringNotEquals).toEqual({ 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' });
    expect(openFindings(synthAndCheck((x) => {
      new SecureRepository(x, 'Shared', { allowedAccounts: ['210987654321'] });
      new SecureRepository(x, 'Org', { principalOrgId: 'o-a1b2c3d4e5' });
    }, { env: ENV }))).toEqual([]);
  });

  test('imageUri and imagePattern are literals for manifests and image policies', () => {
    const s = stack();
    const r = new SecureRepository(s, 'Repo', { repositoryName: 'shop/api' });
    expect(r.imageUri(DIGEST)).toBe(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api@${DIGEST}`);
    expect(r.imagePattern).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api*');
    expectInvalid(() => r.imageUri('latest'), 'S/Repo', 'digest');
    const unnamed = new SecureRepository(s, 'Unnamed');
    expectInvalid(() => unnamed.imageUri(DIGEST), 'S/Unnamed', 'repositoryName');
    const agnostic = new SecureRepository(new Stack(new App(), 'Agnostic'), 'Repo', { repositoryName: 'shop/api' });
    expectInvalid(() => agnostic.imageUri(DIGEST), 'Agnostic/Repo', 'scope');
  });

  test('a given key is used (no second key); grants are aws-cdk-lib\'s', () => {
    const s = stack();
    const key = new EncryptionKey(s, 'Shared');
    const r = new SecureRepository(s, 'Repo', { encryptionKey: key });
    r.grantPull(new iam.Role(s, 'Puller', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }));
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::KMS::Key', 1);
    expect(JSON.stringify(t.toJSON())).toContain('ecr:BatchGetImage');
  });

  test('enhancedScanning turns on continuous scanning; bad filters are refused', () => {
    const s = stack();
    SecureRepository.enhancedScanning(s, 'Scanning', { repositoryFilters: ['shop/*'] });
    Template.fromStack(s).hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      ScanType: 'ENHANCED', Rules: [{ ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: 'shop/*', FilterType: 'WILDCARD' }] }],
    });
    expectInvalid(() => SecureRepository.enhancedScanning(stack(), 'Scanning', { repositoryFilters: ['Bad Filter'] }), 'S/Scanning', 'repositoryFilters[0]');
  });

  test('weakening with reasons: recorded, shown in the report, and the findings accepted', () => {
    const report = synthAndCheck((s) => {
      new SecureRepository(s, 'Scratch', {
        mutableTagsReason: 'Developer sandbox: the dev tag moves on every commit',
        removalPolicy: RemovalPolicy.DESTROY,
        removalPolicyReason: 'Sandbox images are rebuilt from source on demand',
      });
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => `${o.property}: ${o.reason}`).sort()).toEqual([
      'mutableTagsReason: Developer sandbox: the dev tag moves on every commit',
      'removalPolicy: Sandbox images are rebuilt from source on demand',
    ]);
    const suppressed = report.findings.filter((f) => f.status === 'suppressed').map((f) => f.ruleId).sort();
    expect(suppressed).toEqual(['aws-ecr-repository-retained', 'aws-ecr-tag-immutability']);
    const s = stack();
    new SecureRepository(s, 'Scratch', { mutableTagsReason: 'Developer sandbox: the dev tag moves on every commit' });
    const repo = repoOf(s);
    expect(repo.Properties.ImageTagMutability).toBe('MUTABLE');
    expect(overridesOf(repo).map((o) => o.property)).toEqual(['mutableTagsReason']);
  });

  test('bad input: one ValidationError naming every property', () => {
    const e = expectInvalid(() => new SecureRepository(stack(), 'Repo', {
      repositoryName: 'Shop API',
      lifecycleRules: [],
      allowedAccounts: ['1234'],
      mutableTagsReason: 'short',
      removalPolicy: RemovalPolicy.DESTROY,
    }), 'S/Repo', 'repositoryName', 'lifecycleRules', 'allowedAccounts[0]', 'mutableTagsReason', 'removalPolicyReason');
    expect(e.problems).toHaveLength(5);
    expectInvalid(() => new SecureRepository(stack(), 'Repo', { principalOrgId: 'org-1', allowedAccounts: ['210987654321'] }), 'S/Repo', 'principalOrgId', 'allowedAccounts');
    expectInvalid(() => new SecureRepository(stack(), 'Repo', { removalPolicyReason: 'no weakening to explain' }), 'S/Repo', 'removalPolicyReason');
  });
});
