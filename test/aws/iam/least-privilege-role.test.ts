import { App, Duration, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LeastPrivilegeRole, RoleTrust } from '../../../lib/aws/iam';
import { openFindings, synthAndCheck } from '../../util/aws';
import { errorOf } from '../../util/errors';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const stack = (): Stack => new Stack(new App(), 'S', { env: ENV });

function roleOf(t: Template): any {
  return Object.values<any>(t.findResources('AWS::IAM::Role'))[0];
}

const lambdaTrust = (): RoleTrust => RoleTrust.service('lambda.amazonaws.com');

describe('LeastPrivilegeRole', () => {
  test('with only the required trust passes our pack and the four cdk-nag packs', () => {
    const report = synthAndCheck((s) => {
      new LeastPrivilegeRole(s, 'Role', { assumedBy: lambdaTrust() });
    });
    expect(openFindings(report)).toEqual([]);
  });

  test('control: a plain role with an inline wildcard policy is reported (the check is not vacuous)', () => {
    const report = synthAndCheck((s) => {
      const r = new iam.Role(s, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      r.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    });
    const open = openFindings(report).join('\n');
    expect(open).toContain('AwsSolutions-IAM5[Action::s3:*]');
    expect(open).toContain('IAMNoInlinePolicy');
  });

  test('with exact statements, a justified wildcard and a grant it still passes everything', () => {
    const report = synthAndCheck((s) => {
      const role = new LeastPrivilegeRole(s, 'Role', {
        assumedBy: lambdaTrust(),
        statements: [
          { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:orders'] },
          { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'], wildcardJustification: 'Report objects have generated names' },
          { actions: ['ec2:DescribeInstances'], resources: ['*'], wildcardJustification: 'Describe* calls do not support resource-level permissions' },
        ],
      });
      role.addStatements({ actions: ['logs:PutLogEvents'], resources: ['arn:aws:logs:eu-west-1:123456789012:log-group:/app:*'], wildcardJustification: 'Log streams are created at run time' });
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property)).toEqual(['statements[1].wildcardJustification', 'statements[2].wildcardJustification', 'statements[3].wildcardJustification']);
  });

  test('defaults: one-hour sessions, a boundary, trust scoped to the account, permissions in a customer managed policy', () => {
    const s = stack();
    new LeastPrivilegeRole(s, 'Role', { assumedBy: lambdaTrust(), statements: [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:q'] }] });
    const t = Template.fromStack(s);
    const role = roleOf(t);
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(role.Properties.PermissionsBoundary).toEqual({ Ref: expect.stringMatching(/^RoleBoundary/) });
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    }]);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const policies = Object.entries<any>(t.findResources('AWS::IAM::ManagedPolicy'));
    const boundary = policies.find(([id]) => id.startsWith('RoleBoundary'))![1];
    const [policyId, policy] = policies.find(([id]) => id.startsWith('RolePolicy'))!;
    expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^Role/) }]);
    expect(policyId).toMatch(/^RolePolicy/);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:q' }]);
    // the boundary allows only the role's actions and denies removing boundaries
    expect(boundary.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'DenyBoundaryRemoval', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], Resource: '*' },
      { Sid: 'AllowedActions', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
    ]);
  });

  test('grants from other constructs go into the managed policy and the boundary, never inline', () => {
    const s = stack();
    const role = new LeastPrivilegeRole(s, 'Role', { assumedBy: lambdaTrust() });
    const bucket = s3.Bucket.fromBucketName(s, 'B', 'my-bucket');
    bucket.grantRead(role);
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const docs = Object.values<any>(t.findResources('AWS::IAM::ManagedPolicy')).map((p) => JSON.stringify(p.Properties.PolicyDocument));
    expect(docs.filter((d) => d.includes('s3:GetObject'))).toHaveLength(2);
    expect(docs.filter((d) => d.includes(':s3:::my-bucket'))).toHaveLength(1);
  });

  test('sourceArn, cross-account external id and principal ARNs become trust conditions', () => {
    const s = stack();
    new LeastPrivilegeRole(s, 'Svc', { assumedBy: RoleTrust.service('events.amazonaws.com', { sourceArn: 'arn:aws:events:eu-west-1:123456789012:rule/r' }) });
    new LeastPrivilegeRole(s, 'X', { assumedBy: RoleTrust.account('210987654321', { externalId: 'partner-42', principalArns: ['arn:aws:iam::210987654321:role/ci'] }) });
    const roles = Object.entries<any>(Template.fromStack(s).findResources('AWS::IAM::Role'));
    const svc = roles.find(([id]) => id.startsWith('Svc'))![1].Properties.AssumeRolePolicyDocument.Statement[0];
    expect(svc.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/r' } });
    const x = roles.find(([id]) => id.startsWith('X'))![1].Properties.AssumeRolePolicyDocument.Statement[0];
    expect(x.Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'partner-42' }, ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::210987654321:role/ci'] } });
  });

  test('EKS Pod Identity trust allows session tags, with the source conditions', () => {
    const s = stack();
    new LeastPrivilegeRole(s, 'Pod', { assumedBy: RoleTrust.service('pods.eks.amazonaws.com', { sourceArn: 'arn:aws:eks:eu-west-1:123456789012:cluster/c' }) });
    new LeastPrivilegeRole(s, 'Tagged', { assumedBy: RoleTrust.service('lambda.amazonaws.com', { allowSessionTags: true }) });
    const roles = Object.entries<any>(Template.fromStack(s).findResources('AWS::IAM::Role'));
    const pod = roles.find(([id]) => id.startsWith('Pod'))![1].Properties.AssumeRolePolicyDocument.Statement[0];
    expect(pod.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(pod.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:eks:eu-west-1:123456789012:cluster/c' } });
    expect(roles.find(([id]) => id.startsWith('Tagged'))![1].Properties.AssumeRolePolicyDocument.Statement[0].Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
  });

  test('OIDC trust (IRSA) pins sub and aud with StringEquals; a token issuer goes through CfnJson', () => {
    const s = stack();
    new LeastPrivilegeRole(s, 'Irsa', {
      assumedBy: RoleTrust.oidc({
        providerArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        subjects: ['system:serviceaccount:shop:orders'],
      }),
    });
    const st = roleOf(Template.fromStack(s)).Properties.AssumeRolePolicyDocument.Statement[0];
    expect(st.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(st.Principal).toEqual({ Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC' });
    expect(st.Condition).toEqual({
      StringEquals: {
        'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:shop:orders',
        'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com',
      },
    });

    const s2 = stack();
    const provider = new iam.OpenIdConnectProvider(s2, 'P', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
    new LeastPrivilegeRole(s2, 'Gh', { assumedBy: RoleTrust.oidc({ providerArn: provider.openIdConnectProviderArn, issuer: provider.openIdConnectProviderIssuer, subjects: ['repo:org/app:ref:refs/heads/main'] }) });
    const t2 = Template.fromStack(s2);
    const gh = Object.entries<any>(t2.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('Gh'))![1];
    const st2 = gh.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(st2.Condition.StringEquals).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OidcTrustConditions/), 'Value'] });
    t2.resourceCountIs('Custom::AWSCDKCfnJson', 1);
  });

  test('federated() accepts a FederatedPrincipal with exact conditions', () => {
    const s = stack();
    const p = new iam.FederatedPrincipal('arn:aws:iam::123456789012:oidc-provider/idp.example.com', {
      StringEquals: { 'idp.example.com:sub': 'svc-1', 'idp.example.com:aud': 'sts.amazonaws.com' },
    }, 'sts:AssumeRoleWithWebIdentity');
    new LeastPrivilegeRole(s, 'Fed', { assumedBy: RoleTrust.federated(p) });
    expect(roleOf(Template.fromStack(s)).Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['idp.example.com:sub']).toBe('svc-1');
  });

  test('weakenings with reasons are recorded and accepted', () => {
    const report = synthAndCheck((s) => {
      new LeastPrivilegeRole(s, 'Role', {
        assumedBy: RoleTrust.service('ec2.amazonaws.com', { sourceConditionsOptOutReason: 'EC2 does not send aws:SourceAccount when assuming instance roles' }),
        maxSessionDuration: Duration.hours(4),
        maxSessionDurationReason: 'Long-running batch sessions need four hours',
        permissionsBoundaryOptOutReason: 'The organization SCP is the boundary for this account',
      });
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property).sort()).toEqual(['assumedBy.sourceConditionsOptOutReason', 'maxSessionDuration', 'permissionsBoundaryOptOutReason']);
  });

  test('a given boundary is attached as is', () => {
    const s = stack();
    const boundary = iam.ManagedPolicy.fromManagedPolicyArn(s, 'B', 'arn:aws:iam::123456789012:policy/org-boundary');
    new LeastPrivilegeRole(s, 'Role', { assumedBy: lambdaTrust(), permissionsBoundary: boundary });
    expect(roleOf(Template.fromStack(s)).Properties.PermissionsBoundary).toBe('arn:aws:iam::123456789012:policy/org-boundary');
  });

  test('node.defaultChild is the role', () => {
    const r = new LeastPrivilegeRole(stack(), 'Role', { assumedBy: lambdaTrust() });
    expect(r.node.defaultChild).toBe(r.role);
  });

  describe('bad input names the construct, the statement index and the action', () => {
    test('unjustified wildcards in actions and resources, all at once', () => {
      const e = errorOf(() => new LeastPrivilegeRole(stack(), 'Role', {
        assumedBy: lambdaTrust(),
        statements: [
          { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:q'] },
          { actions: ['s3:*', 's3:Get*'], resources: ['*'] },
          { actions: ['*'], resources: ['arn:aws:s3:::b'] },
        ],
      }));
      expect(e.message).toContain('S/Role');
      expect(e.problems.map((p) => p.property)).toEqual(['statements[1].actions[0]', 'statements[1].actions[1]', 'statements[1].resources[0]', 'statements[2].actions[0]']);
      expect(e.message).toContain('"s3:Get*" is a wildcard action');
    });

    test('iam:PassRole on a wildcard is refused even with a justification', () => {
      const e = errorOf(() => new LeastPrivilegeRole(stack(), 'Role', {
        assumedBy: lambdaTrust(),
        statements: [{ actions: ['iam:PassRole'], resources: ['*'], wildcardJustification: 'We really want to pass any role' }],
      }));
      expect(e.problems.map((p) => p.property)).toEqual(['statements[0].resources[0]']);
      expect(e.message).toContain('iam:PassRole');
      // iam:* also covers PassRole
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'R2', {
        assumedBy: lambdaTrust(),
        statements: [{ actions: ['iam:Pass*'], resources: ['arn:aws:iam::123456789012:role/app-*'], wildcardJustification: 'Pass the app roles only' }],
      })).problems[0].property).toBe('statements[0].resources[0]');
    });

    test('a grant with PassRole on * fails', () => {
      const s = stack();
      const role = new LeastPrivilegeRole(s, 'Role', { assumedBy: lambdaTrust() });
      expect(() => role.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }))).toThrow(/S\/Role[\s\S]*iam:PassRole/);
    });

    test('addStatements keeps counting statement indexes', () => {
      const role = new LeastPrivilegeRole(stack(), 'Role', { assumedBy: lambdaTrust(), statements: [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:q'] }] });
      expect(errorOf(() => role.addStatements({ actions: ['sqs:*'], resources: ['arn:aws:sqs:eu-west-1:123456789012:q'] })).problems[0].property).toBe('statements[1].actions[0]');
    });

    test('session duration out of range, long without reason, justification without wildcard, bad action', () => {
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'Role', { assumedBy: lambdaTrust(), maxSessionDuration: Duration.hours(13) })).problems[0].property).toBe('maxSessionDuration');
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'Role', { assumedBy: lambdaTrust(), maxSessionDuration: Duration.minutes(30) })).problems[0].property).toBe('maxSessionDuration');
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'Role', { assumedBy: lambdaTrust(), maxSessionDuration: Duration.hours(2) })).problems[0].property).toBe('maxSessionDurationReason');
      const e = errorOf(() => new LeastPrivilegeRole(stack(), 'Role', {
        assumedBy: lambdaTrust(),
        statements: [
          { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:q'], wildcardJustification: 'Nothing is a wildcard here' },
          { actions: ['SendMessage'], resources: [] },
        ],
      }));
      expect(e.problems.map((p) => p.property)).toEqual(['statements[0].wildcardJustification', 'statements[1].resources']);
    });

    test('trust problems: bad service, cross-account without external id, OIDC without exact subjects, conflicting boundary options', () => {
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'Role', { assumedBy: RoleTrust.service('lambda') })).problems[0].property).toBe('assumedBy');
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'Role', { assumedBy: RoleTrust.account('210987654321') })).problems[0].property).toBe('assumedBy.externalId');
      const oidc = errorOf(() => new LeastPrivilegeRole(stack(), 'Role', {
        assumedBy: RoleTrust.oidc({ providerArn: 'arn:aws:iam::123456789012:oidc-provider/x', issuer: 'https://x', subjects: ['system:serviceaccount:shop:*'] }),
      }));
      expect(oidc.problems.map((p) => p.property)).toEqual(['assumedBy.issuer', 'assumedBy.subjects[0]']);
      const fed = errorOf(() => new LeastPrivilegeRole(stack(), 'Role', {
        assumedBy: RoleTrust.federated(new iam.FederatedPrincipal('arn:aws:iam::123456789012:oidc-provider/x', { StringLike: { 'x:sub': 'repo:*' } }, 'sts:AssumeRoleWithWebIdentity')),
      }));
      expect(fed.problems.map((p) => p.property)).toEqual(['assumedBy.conditions.StringEquals', 'assumedBy.conditions.StringEquals', 'assumedBy.conditions.StringLike']);
      const s = stack();
      const both = errorOf(() => new LeastPrivilegeRole(s, 'Role', {
        assumedBy: lambdaTrust(),
        permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyArn(s, 'B', 'arn:aws:iam::123456789012:policy/b'),
        permissionsBoundaryOptOutReason: 'The SCP is the boundary of this account',
      }));
      expect(both.problems.map((p) => p.property)).toEqual(['permissionsBoundaryOptOutReason']);
    });

    test('a missing trust is a ValidationError, not a TypeError', () => {
      expect(errorOf(() => new LeastPrivilegeRole(stack(), 'Role', {} as any)).problems[0].property).toBe('assumedBy');
    });
  });
});
