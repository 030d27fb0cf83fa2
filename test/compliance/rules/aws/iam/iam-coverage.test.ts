import { wholeServicePattern, isAllResources } from '../../../../../lib/compliance/rules/aws/iam/breadth';
import { AWS_IAM_POLICY_NOT_ACTION } from '../../../../../lib/compliance/rules/aws/iam/policy-not-action';
import { AWS_IAM_POLICY_WILDCARD_ACTIONS } from '../../../../../lib/compliance/rules/aws/iam/policy-wildcard-actions';
import { AWS_IAM_PRIVILEGE_ESCALATION } from '../../../../../lib/compliance/rules/aws/iam/privilege-escalation';
import { AWS_IAM_PRIVILEGED_MANAGED_POLICY } from '../../../../../lib/compliance/rules/aws/iam/privileged-managed-policy';
import { AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT } from '../../../../../lib/compliance/rules/aws/iam/trust-account-root';
import { AWS_IAM_ROLE_TRUST_WILDCARD_ACTION } from '../../../../../lib/compliance/rules/aws/iam/trust-wildcard-action';
import { AWS_IAM_USER_NO_POLICIES } from '../../../../../lib/compliance/rules/aws/iam/user-no-policies';
import { Res, findingIds, outcomesOf, runTemplate } from '../template';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const managed = (statements: object[], extra: Record<string, unknown> = {}): Res => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(...statements), ...extra } });
const policy = (statements: object[], extra: Record<string, unknown> = {}): Res => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: doc(...statements), Roles: [{ Ref: 'R' }], ...extra } });
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
const role = (props: Record<string, unknown> = {}): Res => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST, ...props } });

describe('breadth helpers', () => {
  test('whole-service patterns and all-resource values', () => {
    for (const p of ['*', '*:*', 's3:*', 'S3:*', 's3:?*', 'iam:**', 's*:*']) expect([p, wholeServicePattern(p).covers]).toEqual([p, true]);
    for (const p of ['s3:Get*', 's3:*Object', 's3:????', 's3:GetObject', 'iam:Pass*']) expect([p, wholeServicePattern(p).covers]).toEqual([p, false]);
    expect(wholeServicePattern('*').allServices).toBe(true);
    expect(wholeServicePattern('s3:*').allServices).toBe(false);
    for (const r of ['*', 'arn:aws:s3:::*', 'arn:aws:iam::123456789012:*', 'arn:*:*:*:*:*', 'arn:aws:s3:::*/*']) expect([r, isAllResources(r)]).toEqual([r, true]);
    for (const r of ['arn:aws:s3:::b/*', 'arn:aws:iam::123456789012:role/*', 'arn:aws:sqs:eu-west-1:123456789012:q']) expect([r, isAllResources(r)]).toEqual([r, false]);
  });
});

describe('aws-iam-policy-wildcard-actions', () => {
  test('compliant: named actions, narrow wildcards, service wildcards on named resources, denies, boundaries', () => {
    expect(findingIds(AWS_IAM_POLICY_WILDCARD_ACTIONS, {
      R: role({ PermissionsBoundary: { Ref: 'Boundary' } }),
      Named: policy([allow('s3:GetObject', 'arn:aws:s3:::b/*'), allow(['ec2:Describe*', 'logs:Get*'])]),
      ServiceOnBucket: policy([allow('s3:*', ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'])]),
      Deny: policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]),
      Boundary: managed([allow('*')]),
    })).toEqual([]);
  });

  test('non-compliant: *, service:* (any case, patterns), on * / arn:...:* / NotResource, inline and managed, JSON strings, parameters', () => {
    expect(findingIds(AWS_IAM_POLICY_WILDCARD_ACTIONS, {
      Parameters: { Act: { Type: 'String', Default: 'sqs:*', AllowedValues: ['sqs:*', 'sqs:SendMessage'] }, Free: { Type: 'String' } },
      Resources: {
        R: role({ Policies: [{ PolicyName: 'inline', PolicyDocument: doc(allow('*')) }] }),
        Admin: policy([allow(['s3:GetObject', '*'])]),
        Service: managed([allow('IAM:*', 'arn:aws:iam::123456789012:*')]),
        NotResource: managed([{ Effect: 'Allow', Action: 'kms:?*', NotResource: 'arn:aws:kms:eu-west-1:123456789012:key/k' }]),
        Json: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: { Ref: 'R' }, PolicyName: 'j', PolicyDocument: JSON.stringify(doc(allow('dynamodb:*'))) } },
        Param: policy([allow({ Ref: 'Act' })]),
        Unknown: policy([allow({ Ref: 'Free' })]),
        UnknownResource: policy([allow('s3:*', { 'Fn::Sub': 'arn:aws:s3:::${Free}' })]),
      },
    })).toEqual([
      'aws-iam-policy-wildcard-actions[Policies[0]:*] R',
      'aws-iam-policy-wildcard-actions[PolicyDocument:*] Admin',
      'aws-iam-policy-wildcard-actions[PolicyDocument:iam:*] Service',
      'aws-iam-policy-wildcard-actions[PolicyDocument:kms:?*] NotResource',
      'aws-iam-policy-wildcard-actions[PolicyDocument:dynamodb:*] Json',
      'aws-iam-policy-wildcard-actions[PolicyDocument:sqs:*] Param',
      'aws-iam-policy-wildcard-actions[PolicyDocument:statement:0] Unknown (unverified)',
      'aws-iam-policy-wildcard-actions[PolicyDocument:s3:*] UnknownResource (unverified)',
    ]);
  });

  test('the message says how the value arises', () => {
    const f = runTemplate(AWS_IAM_POLICY_WILDCARD_ACTIONS, {
      Parameters: { Act: { Type: 'String', Default: 'sqs:*', AllowedValues: ['sqs:*', 'sqs:SendMessage'] } },
      Resources: { R: role(), P: policy([allow({ Ref: 'Act' })]) },
    });
    expect(f[0].message).toContain('via parameter Act default');
  });
});

describe('aws-iam-policy-not-action', () => {
  test('Allow with NotAction or NotResource is reported; Deny with them is not', () => {
    expect(findingIds(AWS_IAM_POLICY_NOT_ACTION, {
      R: role({ Policies: [{ PolicyName: 'i', PolicyDocument: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }] }),
      Both: managed([{ Effect: 'Allow', NotAction: ['iam:*'], NotResource: 'arn:aws:s3:::secret/*' }]),
      Deny: managed([{ Effect: 'Deny', NotAction: ['s3:GetObject'], Resource: '*' }, { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' }]),
      Fine: managed([allow('s3:GetObject', 'arn:aws:s3:::b/*')]),
    })).toEqual([
      'aws-iam-policy-not-action[Policies[0]:statement:0:NotAction] R',
      'aws-iam-policy-not-action[PolicyDocument:statement:0:NotAction] Both',
      'aws-iam-policy-not-action[PolicyDocument:statement:0:NotResource] Both',
    ]);
  });
});

describe('aws-iam-privileged-managed-policy', () => {
  test('AdministratorAccess, PowerUserAccess and IAMFullAccess in any partition notation; other AWS managed policies are fine', () => {
    expect(findingIds(AWS_IAM_PRIVILEGED_MANAGED_POLICY, {
      Parameters: { Extra: { Type: 'String', Default: 'arn:aws:iam::aws:policy/ReadOnlyAccess', AllowedValues: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/PowerUserAccess'] }, Free: { Type: 'String' } },
      Resources: {
        Fine: role({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', { Ref: 'Mine' }] }),
        Mine: managed([allow('s3:GetObject', 'arn:aws:s3:::b/*')]),
        Admin: role({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }] }),
        Power: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/PowerUserAccess']] }] } },
        Iam: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws-us-gov:iam::aws:policy/IAMFullAccess'] } },
        Param: role({ ManagedPolicyArns: [{ Ref: 'Extra' }] }),
        Unknown: role({ ManagedPolicyArns: [{ Ref: 'Free' }] }),
      },
    })).toEqual([
      'aws-iam-privileged-managed-policy[AdministratorAccess] Admin',
      'aws-iam-privileged-managed-policy[PowerUserAccess] Power',
      'aws-iam-privileged-managed-policy[IAMFullAccess] Iam',
      'aws-iam-privileged-managed-policy[PowerUserAccess] Param',
      'aws-iam-privileged-managed-policy[ManagedPolicyArns[0]] Unknown (unverified)',
    ]);
  });
});

describe('aws-iam-privilege-escalation', () => {
  test('compliant: escalation actions on named resources or self, limited by a boundary condition, PassRole on named roles, boundaries', () => {
    expect(findingIds(AWS_IAM_PRIVILEGE_ESCALATION, {
      R: role({ PermissionsBoundary: { Ref: 'Boundary' } }),
      Named: policy([allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], 'arn:aws:iam::123456789012:policy/app')]),
      Self: policy([allow(['iam:CreateAccessKey', 'iam:UpdateLoginProfile'], 'arn:aws:iam::123456789012:user/${aws:username}')]),
      Bounded: policy([allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], '*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/cap' } } })]),
      PassNamed: policy([allow('iam:PassRole', { 'Fn::GetAtt': ['R', 'Arn'] }), allow('lambda:CreateFunction')]),
      Boundary: managed([allow(['iam:*', 'lambda:*'])]),
    })).toEqual([]);
  });

  test('single-action methods on wildcard resources, through wildcards in actions too', () => {
    expect(findingIds(AWS_IAM_PRIVILEGE_ESCALATION, {
      R: role(),
      Versions: policy([allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'])]),
      Attach: policy([allow('iam:Attach*', 'arn:aws:iam::123456789012:role/*')]),
      Put: policy([allow(['iam:PutUserPolicy', 'iam:PutGroupPolicy'])]),
      Trust: policy([allow('iam:UpdateAssumeRolePolicy')]),
      Keys: policy([allow(['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:AddUserToGroup'], 'arn:aws:iam::123456789012:user/*')]),
      Wildcard: policy([allow('iam:*', 'arn:aws:iam::*:role/x')]),
    }).filter((x) => !x.endsWith(' Wildcard'))).toEqual([
      'aws-iam-privilege-escalation[PolicyDocument:create-policy-version] Versions',
      'aws-iam-privilege-escalation[PolicyDocument:set-default-policy-version] Versions',
      'aws-iam-privilege-escalation[PolicyDocument:attach-user-policy] Attach',
      'aws-iam-privilege-escalation[PolicyDocument:attach-group-policy] Attach',
      'aws-iam-privilege-escalation[PolicyDocument:attach-role-policy] Attach',
      'aws-iam-privilege-escalation[PolicyDocument:put-user-policy] Put',
      'aws-iam-privilege-escalation[PolicyDocument:put-group-policy] Put',
      'aws-iam-privilege-escalation[PolicyDocument:update-assume-role-policy] Trust',
      'aws-iam-privilege-escalation[PolicyDocument:create-access-key] Keys',
      'aws-iam-privilege-escalation[PolicyDocument:create-login-profile] Keys',
      'aws-iam-privilege-escalation[PolicyDocument:add-user-to-group] Keys',
    ]);
  });

  test('PassRole on any role with a companion action, in the same document or in another policy of the same role', () => {
    expect(findingIds(AWS_IAM_PRIVILEGE_ESCALATION, {
      R: role({ ManagedPolicyArns: [{ Ref: 'RunInstances' }], Policies: [{ PolicyName: 'pass', PolicyDocument: doc(allow('iam:PassRole')) }] }),
      RunInstances: managed([allow('ec2:RunInstances')]),
      Lambda: policy([allow(['iam:PassRole', 'lambda:CreateFunction'])], { Roles: [{ Ref: 'Other' }] }),
      Other: role(),
      Split: policy([allow('iam:PassRole', 'arn:aws:iam::123456789012:role/*')], { Roles: [{ Ref: 'Third' }] }),
      Stacks: policy([allow('cloudformation:CreateStack')], { Roles: [{ Ref: 'Third' }] }),
      Third: role(),
      Lonely: policy([allow('iam:PassRole')], { Roles: [{ Ref: 'Fourth' }] }),
      Fourth: role(),
    })).toEqual([
      'aws-iam-privilege-escalation[Policies[0]:pass-role-ec2] R',
      'aws-iam-privilege-escalation[PolicyDocument:pass-role-lambda] Lambda',
      'aws-iam-privilege-escalation[PolicyDocument:pass-role-cloudformation] Split',
    ]);
  });

  test('an action from a parameter: its default is judged; unknown conditions cannot be verified', () => {
    expect(findingIds(AWS_IAM_PRIVILEGE_ESCALATION, {
      Parameters: { Act: { Type: 'String', Default: 'iam:PutRolePolicy', AllowedValues: ['iam:PutRolePolicy', 'iam:GetRole'] }, Cond: { Type: 'String' } },
      Resources: {
        R: role(),
        Param: policy([allow({ Ref: 'Act' })]),
        Cond: policy([allow('iam:AttachRolePolicy', '*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': { Ref: 'Cond' } } } })]),
      },
    })).toEqual([
      'aws-iam-privilege-escalation[PolicyDocument:put-role-policy] Param',
      'aws-iam-privilege-escalation[PolicyDocument:attach-role-policy] Cond (unverified)',
    ]);
  });
});

describe('aws-iam-user-no-policies', () => {
  test('users without policies (in groups) are fine; inline, managed, UserPolicy and Users on policies are reported', () => {
    expect(findingIds(AWS_IAM_USER_NO_POLICIES, {
      Grouped: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'G' }] } },
      G: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } },
      GroupPolicy: policy([allow('s3:GetObject', 'arn:aws:s3:::b/*')], { Roles: undefined, Groups: [{ Ref: 'G' }] }),
      Inline: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'i', PolicyDocument: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) }] } },
      Managed: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } },
      UserPolicy: { Type: 'AWS::IAM::UserPolicy', Properties: { UserName: { Ref: 'Grouped' }, PolicyName: 'u', PolicyDocument: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) } },
      OnUsers: managed([allow('s3:GetObject', 'arn:aws:s3:::b/*')], { Users: [{ Ref: 'Grouped' }] }),
    })).toEqual([
      'aws-iam-user-no-policies[Policies] Inline',
      'aws-iam-user-no-policies[ManagedPolicyArns] Managed',
      'aws-iam-user-no-policies[UserName] UserPolicy',
      'aws-iam-user-no-policies[Users] OnUsers',
    ]);
  });

  test('a conditional attachment counts; a list unknown as a whole cannot be verified', () => {
    expect(findingIds(AWS_IAM_USER_NO_POLICIES, {
      Parameters: { Arns: { Type: 'CommaDelimitedList' } },
      Conditions: { Dev: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        Maybe: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: [{ 'Fn::If': ['Dev', 'arn:aws:iam::aws:policy/ReadOnlyAccess', { Ref: 'AWS::NoValue' }] }] } },
        Unknown: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: { Ref: 'Arns' } } },
      },
    })).toEqual(['aws-iam-user-no-policies[ManagedPolicyArns] Maybe', 'aws-iam-user-no-policies[ManagedPolicyArns] Unknown (unverified)']);
  });
});

describe('aws-iam-role-trust-wildcard-action', () => {
  const trust = (Action: unknown, extra: object = {}) => role({ AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action, ...extra }) });
  test('exact actions are fine; *, sts:*, sts:Assume*, ? and NotAction are reported', () => {
    expect(findingIds(AWS_IAM_ROLE_TRUST_WILDCARD_ACTION, {
      Exact: trust(['sts:AssumeRole', 'sts:TagSession']),
      Star: trust('*'),
      Sts: trust('sts:*'),
      Assume: trust(['sts:TagSession', 'sts:Assume*']),
      Question: trust('sts:AssumeRol?'),
      Not: role({ AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, NotAction: 'sts:TagSession' }) }),
      Deny: role({ AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: '*', Action: 'sts:*' }) }),
    })).toEqual([
      'aws-iam-role-trust-wildcard-action[statement:0] Star',
      'aws-iam-role-trust-wildcard-action[statement:0] Sts',
      'aws-iam-role-trust-wildcard-action[statement:0] Assume',
      'aws-iam-role-trust-wildcard-action[statement:0] Question',
      'aws-iam-role-trust-wildcard-action[statement:0] Not',
    ]);
  });

  test('an action from a mapping with a wildcard entry is reported', () => {
    expect(findingIds(AWS_IAM_ROLE_TRUST_WILDCARD_ACTION, {
      Mappings: { Trust: { prod: { Action: 'sts:AssumeRole' }, dev: { Action: 'sts:*' } } },
      Resources: { R: trust({ 'Fn::FindInMap': ['Trust', { Ref: 'AWS::StackName' }, 'Action'] }) },
    })).toEqual(['aws-iam-role-trust-wildcard-action[statement:0] R']);
  });
});

describe('aws-iam-role-trust-account-root', () => {
  const trust = (principal: unknown, condition?: object) => role({
    AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }),
  });
  test('roles and external ids, principal ARNs, tags and MFA narrow the account; named role principals are fine', () => {
    expect(findingIds(AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT, {
      Role: trust('arn:aws:iam::210987654321:role/ci'),
      External: trust('210987654321', { StringEquals: { 'sts:ExternalId': 'partner-42' } }),
      Arns: trust('arn:aws:iam::123456789012:root', { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/admin'] } }),
      Tag: trust('arn:aws:iam::123456789012:root', { StringEquals: { 'aws:PrincipalTag/team': 'platform' } }),
      Mfa: trust('arn:aws:iam::123456789012:root', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    })).toEqual([]);
  });

  test('the root in any notation without a narrowing condition is reported (also with conditions anyone meets)', () => {
    expect(findingIds(AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT, {
      Id: trust('123456789012'),
      Arn: trust('arn:aws:iam::123456789012:root'),
      Sub: trust({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' }),
      Tls: trust('arn:aws:iam::123456789012:root', { Bool: { 'aws:SecureTransport': 'true' } }),
      IfExists: trust('arn:aws:iam::123456789012:root', { StringEqualsIfExists: { 'sts:ExternalId': 'x1' } }),
      WildcardArn: trust('arn:aws:iam::123456789012:root', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }),
    })).toEqual([
      'aws-iam-role-trust-account-root[root:123456789012] Id',
      'aws-iam-role-trust-account-root[root:arn:aws:iam::123456789012:root] Arn',
      'aws-iam-role-trust-account-root[root:arn:${AWS::Partition}:iam::${AWS::AccountId}:root] Sub',
      'aws-iam-role-trust-account-root[root:arn:aws:iam::123456789012:root] Tls',
      'aws-iam-role-trust-account-root[root:arn:aws:iam::123456789012:root] IfExists',
      'aws-iam-role-trust-account-root[root:arn:aws:iam::123456789012:root] WildcardArn',
    ]);
  });

  test('an external id from a parameter without a value cannot be verified; a condition behind Fn::If only sometimes narrows', () => {
    expect(findingIds(AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT, {
      Parameters: { Ext: { Type: 'String' } },
      Conditions: { Strict: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        Param: trust('210987654321', { StringEquals: { 'sts:ExternalId': { Ref: 'Ext' } } }),
        Maybe: trust('210987654321', { 'Fn::If': ['Strict', { StringEquals: { 'sts:ExternalId': 'x123' } }, { Ref: 'AWS::NoValue' }] }),
      },
    })).toEqual([
      'aws-iam-role-trust-account-root[root:210987654321] Param (unverified)',
      'aws-iam-role-trust-account-root[root:210987654321] Maybe',
    ]);
    expect(outcomesOf(AWS_IAM_ROLE_TRUST_ACCOUNT_ROOT, { S: role() })).toEqual({ S: 'compliant' });
  });
});
