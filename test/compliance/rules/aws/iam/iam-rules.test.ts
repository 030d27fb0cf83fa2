import { aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Res, open, synthResources } from './helpers';
import { LeastPrivilegeRole, RoleTrust } from '../../../../../lib/aws/iam';
import { RULES } from '../../../../../lib/compliance/rules/aws/iam';
import { AWS_IAM_ROLE_MAX_SESSION_DURATION } from '../../../../../lib/compliance/rules/aws/iam/max-session-duration';
import { AWS_IAM_PASS_ROLE_WILDCARD } from '../../../../../lib/compliance/rules/aws/iam/pass-role-wildcard';
import { AWS_IAM_ROLE_PERMISSIONS_BOUNDARY } from '../../../../../lib/compliance/rules/aws/iam/permissions-boundary';
import { AWS_IAM_ROLE_TRUST_CONDITIONS } from '../../../../../lib/compliance/rules/aws/iam/trust-conditions';

const trust = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const LAMBDA_SCOPED = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } };
const role = (props: object = {}): Res => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: trust(LAMBDA_SCOPED), PermissionsBoundary: { Ref: 'Boundary' }, MaxSessionDuration: 3600, ...props },
});
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const oidc = (condition: object) => ({
  Effect: 'Allow', Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition,
});

test('the default output of LeastPrivilegeRole passes every iam rule; a plain aws-cdk-lib Lambda function role does not', () => {
  expect(open(RULES, synthResources((s) => {
    new LeastPrivilegeRole(s, 'Role', { assumedBy: RoleTrust.service('lambda.amazonaws.com'), statements: [{ actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/app'] }] });
  }))).toEqual([]);
  expect(open(RULES, synthResources((s) => {
    new lambda.Function(s, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
  })).map((f) => f.split(' ')[0])).toEqual(['aws-iam-role-permissions-boundary[]', 'aws-iam-role-trust-conditions[service:lambda.amazonaws.com]']);
});

describe('aws-iam-role-permissions-boundary', () => {
  test('compliant: a boundary (reference or ARN); non-compliant: none', () => {
    expect(open(AWS_IAM_ROLE_PERMISSIONS_BOUNDARY, {
      Ref: role(),
      Arn: role({ PermissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary' }),
      None: role({ PermissionsBoundary: undefined }),
    })).toEqual(['aws-iam-role-permissions-boundary[] None']);
  });
});

describe('aws-iam-role-max-session-duration', () => {
  test('compliant: absent (one hour) or 3600; non-compliant: longer, an intrinsic', () => {
    expect(open(AWS_IAM_ROLE_MAX_SESSION_DURATION, {
      Default: role({ MaxSessionDuration: undefined }),
      Hour: role(),
      Twelve: role({ MaxSessionDuration: 43200 }),
      Param: role({ MaxSessionDuration: { Ref: 'Seconds' } }),
    })).toEqual(['aws-iam-role-max-session-duration[] Twelve', 'aws-iam-role-max-session-duration[] Param']);
  });
});

describe('aws-iam-role-trust-conditions', () => {
  test('compliant: scoped services, exact OIDC, cognito with aud and amr, SAML with aud, accounts', () => {
    expect(open(AWS_IAM_ROLE_TRUST_CONDITIONS, {
      Service: role(),
      SourceArn: role({ AssumeRolePolicyDocument: trust({ ...LAMBDA_SCOPED, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/x' } } }) }),
      Oidc: role({ AssumeRolePolicyDocument: trust(oidc({ StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:a:b', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } })) }),
      Cognito: role({
        AssumeRolePolicyDocument: trust({
          Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:pool' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
        }),
      }),
      Saml: role({
        AssumeRolePolicyDocument: trust({
          Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/idp' }, Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        }),
      }),
      Account: role({ AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }) }),
    })).toEqual([]);
  });

  test('the CfnJson conditions of a token issuer are read from the custom resource', () => {
    const resources = synthResources((s) => {
      const provider = new iam.OpenIdConnectProvider(s, 'P', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
      new LeastPrivilegeRole(s, 'Gh', { assumedBy: RoleTrust.oidc({ providerArn: provider.openIdConnectProviderArn, issuer: provider.openIdConnectProviderIssuer, subjects: ['repo:o/r:ref:refs/heads/main'] }) });
    });
    expect(open(AWS_IAM_ROLE_TRUST_CONDITIONS, resources).filter((f) => f.includes(' Gh'))).toEqual([]);
  });

  test('non-compliant: unscoped services, OIDC with StringLike or without aud / sub, cognito without amr, SAML without aud, "*"', () => {
    expect(open(AWS_IAM_ROLE_TRUST_CONDITIONS, {
      Service: role({ AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRole' }) }),
      Like: role({ AssumeRolePolicyDocument: trust(oidc({ StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } })) }),
      NoAud: role({ AssumeRolePolicyDocument: trust(oidc({ StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:a:b' } })) }),
      Cognito: role({
        AssumeRolePolicyDocument: trust({
          Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:pool' } },
        }),
      }),
      Saml: role({ AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/idp' }, Action: 'sts:AssumeRoleWithSAML' }) }),
      Anyone: role({ AssumeRolePolicyDocument: trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) }),
    })).toEqual([
      'aws-iam-role-trust-conditions[service:lambda.amazonaws.com] Service',
      'aws-iam-role-trust-conditions[service:ecs-tasks.amazonaws.com] Service',
      `aws-iam-role-trust-conditions[federated:arn:aws:iam::123456789012:oidc-provider/${ISSUER}] Like`,
      `aws-iam-role-trust-conditions[federated:arn:aws:iam::123456789012:oidc-provider/${ISSUER}] NoAud`,
      'aws-iam-role-trust-conditions[federated:cognito-identity.amazonaws.com] Cognito',
      'aws-iam-role-trust-conditions[federated:arn:aws:iam::123456789012:saml-provider/idp] Saml',
      'aws-iam-role-trust-conditions[statement:0] Anyone',
    ]);
  });
});

describe('aws-iam-pass-role-wildcard', () => {
  const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
  test('compliant: exact role ARNs (literal or reference), wildcards for other actions, denies', () => {
    expect(open(AWS_IAM_PASS_ROLE_WILDCARD, {
      P: {
        Type: 'AWS::IAM::Policy', Properties: {
          PolicyName: 'p', PolicyDocument: doc(
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::123456789012:role/app', { 'Fn::GetAtt': ['Role', 'Arn'] }] },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
          ),
        },
      },
      // the role whose ARN is passed (a GetAtt of a resource that is not in the template cannot be verified)
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    })).toEqual([]);
  });

  test('a managed policy used only as a permissions boundary grants nothing and is not applicable', () => {
    const boundary: Res = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) } };
    expect(open(AWS_IAM_PASS_ROLE_WILDCARD, { Boundary: boundary, R: role() })).toEqual([]);
    // attached as a permission policy too: it grants
    expect(open(AWS_IAM_PASS_ROLE_WILDCARD, { Boundary: boundary, R: role({ ManagedPolicyArns: [{ Ref: 'Boundary' }] }) })).toEqual(['aws-iam-pass-role-wildcard[PolicyDocument:statement:0] Boundary']);
    expect(open(AWS_IAM_PASS_ROLE_WILDCARD, { Boundary: boundary })).toEqual(['aws-iam-pass-role-wildcard[PolicyDocument:statement:0] Boundary']);
  });

  test('non-compliant: PassRole, iam:*, iam:Pass* or * on wildcards, in every policy kind', () => {
    expect(open(AWS_IAM_PASS_ROLE_WILDCARD, {
      Inline: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) } },
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:*'], Resource: 'arn:aws:iam::123456789012:role/app-*' }) } },
      Role: role({ Policies: [{ PolicyName: 'x', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:Pass*', Resource: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/*']] } }) }] }),
      User: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'x', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] } },
    })).toEqual([
      'aws-iam-pass-role-wildcard[PolicyDocument:statement:0] Inline',
      'aws-iam-pass-role-wildcard[PolicyDocument:statement:0] Managed',
      'aws-iam-pass-role-wildcard[Policies[0]:statement:0] Role',
      'aws-iam-pass-role-wildcard[Policies[0]:statement:0] User',
    ]);
  });
});
