import { AWS_SECRETS_RESOURCE_POLICY } from '../../../../../lib/compliance/rules/aws/secrets/resource-policy';
import { Res, findingIds } from '../template';

const TLS = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const ACCOUNTS = { Effect: 'Deny', Principal: '*', Action: 'secretsmanager:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['123456789012'] } } };
const READ = { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' };
const policy = (statements: object[]): Res => ({ Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:s', ResourcePolicy: { Statement: statements } } });

describe('aws-secrets-resource-policy on the resource policy itself: an Allow to everyone, whatever the denies next to it', () => {
  test('an Allow to "*" / {"AWS": "*"} / NotPrincipal is reported even next to the TLS and account denies', () => {
    expect(findingIds(AWS_SECRETS_RESOURCE_POLICY, {
      Star: policy([TLS, ACCOUNTS, { ...READ, Principal: '*' }]),
      Aws: policy([TLS, ACCOUNTS, { ...READ, Principal: { AWS: ['arn:aws:iam::123456789012:role/app', '*'] } }]),
      Not: policy([TLS, ACCOUNTS, { ...READ, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/x' } }]),
      Tls: policy([TLS, ACCOUNTS, { ...READ, Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]),
      Json: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: 's', ResourcePolicy: JSON.stringify({ Statement: [TLS, { ...READ, Principal: { AWS: '*' } }] }) } },
    })).toEqual([
      'aws-secrets-resource-policy[allow-anyone:2] Star',
      'aws-secrets-resource-policy[allow-anyone:2] Aws',
      'aws-secrets-resource-policy[allow-anyone:2] Not',
      'aws-secrets-resource-policy[allow-anyone:2] Tls',
      'aws-secrets-resource-policy[allow-anyone:1] Json',
    ]);
  });

  test('named principals and "*" bound to the account pass; a principal from a parameter is judged by its default or cannot be verified', () => {
    expect(findingIds(AWS_SECRETS_RESOURCE_POLICY, {
      Parameters: { Who: { Type: 'String', Default: '*', AllowedValues: ['*', 'arn:aws:iam::123456789012:role/app'] }, Free: { Type: 'String' } },
      Resources: {
        Named: policy([TLS, ACCOUNTS, { ...READ, Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } }]),
        Bound: policy([TLS, { ...READ, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } }]),
        Param: policy([TLS, { ...READ, Principal: { AWS: { Ref: 'Who' } } }]),
        Unknown: policy([TLS, { ...READ, Principal: { AWS: { Ref: 'Free' } } }]),
      },
    })).toEqual(['aws-secrets-resource-policy[allow-anyone:1] Param', 'aws-secrets-resource-policy[allow-anyone:1] Unknown (unverified)']);
  });
});
