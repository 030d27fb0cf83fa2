import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LeastPrivilegeRole, RoleTrust } from '../../../lib/aws/iam';
import { expectDocumentedDefaults } from '../kms/doc-defaults';

function synth(build: (s: Stack) => void): Template {
  const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(s);
  return Template.fromStack(s);
}
const roleOf = (t: Template, prefix: string): any => Object.entries<any>(t.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith(prefix))![1];

const t = synth((s) => {
  new LeastPrivilegeRole(s, 'Role', { assumedBy: RoleTrust.service('lambda.amazonaws.com') });
  new LeastPrivilegeRole(s, 'WithStatement', { assumedBy: RoleTrust.service('lambda.amazonaws.com'), statements: [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:q'] }] });
  new LeastPrivilegeRole(s, 'X', { assumedBy: RoleTrust.account('210987654321', { externalId: 'partner-1' }) });
  new LeastPrivilegeRole(s, 'Irsa', { assumedBy: RoleTrust.oidc({ providerArn: 'arn:aws:iam::123456789012:oidc-provider/idp.example.com', issuer: 'idp.example.com', subjects: ['system:serviceaccount:a:b'] }) });
});
const role = roleOf(t, 'Role');
const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
const policyOf = (prefix: string): any => Object.entries<any>(t.findResources('AWS::IAM::ManagedPolicy')).find(([id]) => id.startsWith(prefix))?.[1];
const noOverrides = () => expect(role.Metadata?.['secure-constructs']).toBeUndefined();

const CHECKS: Record<string, () => void> = {
  'statements': () => expect(policyOf('RolePolicy')).toBeUndefined(),
  'roleName': () => expect(role.Properties.RoleName).toBeUndefined(),
  'description': () => expect(role.Properties.Description).toBe('Least-privilege role S/Role'),
  'maxSessionDuration': () => expect(role.Properties.MaxSessionDuration).toBe(3600),
  'maxSessionDurationReason': noOverrides,
  'permissionsBoundary': () => {
    const boundary = policyOf('WithStatementBoundary');
    expect(roleOf(t, 'WithStatement').Properties.PermissionsBoundary).toEqual({ Ref: expect.stringMatching(/^WithStatementBoundary/) });
    expect(boundary.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'DenyBoundaryRemoval', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], Resource: '*' },
      { Sid: 'AllowedActions', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
    ]);
  },
  'permissionsBoundaryOptOutReason': () => expect(role.Properties.PermissionsBoundary).toBeDefined(),
  'statements[].conditions': () => expect(policyOf('WithStatementPolicy').Properties.PolicyDocument.Statement[0].Condition).toBeUndefined(),
  'statements[].wildcardJustification': () => expect(policyOf('WithStatementPolicy').Metadata?.['secure-constructs']).toBeUndefined(),
  'statements[].sid': () => expect(policyOf('WithStatementPolicy').Properties.PolicyDocument.Statement[0].Sid).toBeUndefined(),
  'RoleTrust.service().sourceAccount': () => expect(trust.Condition.StringEquals).toEqual({ 'aws:SourceAccount': '123456789012' }),
  'RoleTrust.service().sourceArn': () => expect(trust.Condition.ArnLike).toBeUndefined(),
  'RoleTrust.service().sourceConditionsOptOutReason': () => {
    expect(trust.Condition).toBeDefined();
    noOverrides();
  },
  'RoleTrust.service().allowSessionTags': () => expect(trust.Action).toBe('sts:AssumeRole'),
  'RoleTrust.account().externalId': () => expect(roleOf(t, 'X').Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'partner-1' } }),
  'RoleTrust.account().externalIdOptOutReason': () => expect(roleOf(t, 'X').Metadata?.['secure-constructs']).toBeUndefined(),
  'RoleTrust.account().principalArns': () => expect(roleOf(t, 'X').Properties.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals).toBeUndefined(),
  'RoleTrust.account().anyPrincipalReason': () => expect(roleOf(t, 'X').Metadata?.['secure-constructs']).toBeUndefined(),
  'RoleTrust.oidc().audience': () => expect(roleOf(t, 'Irsa').Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['idp.example.com:aud']).toBe('sts.amazonaws.com'),
};

describe('LeastPrivilegeRole documented defaults', () => {
  test('the docs table lists exactly the @default of every prop, and each is checked below', () => {
    expectDocumentedDefaults('LeastPrivilegeRole', [
      ['lib/aws/iam/least-privilege-role.ts', 'LeastPrivilegeRoleProps'],
      ['lib/aws/iam/least-privilege-role.ts', 'PermissionStatement', 'statements[].'],
      ['lib/aws/iam/role-trust.ts', 'ServiceTrustOptions', 'RoleTrust.service().'],
      ['lib/aws/iam/role-trust.ts', 'AccountTrustOptions', 'RoleTrust.account().'],
      ['lib/aws/iam/role-trust.ts', 'OidcTrustOptions', 'RoleTrust.oidc().'],
    ], Object.keys(CHECKS));
  });
  test.each(Object.keys(CHECKS))('%s: the synthesized output matches the documented default', (p) => CHECKS[p]());
});
