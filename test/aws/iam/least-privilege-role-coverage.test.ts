import { App, Stack } from 'aws-cdk-lib';
import { LeastPrivilegeRole, RoleTrust } from '../../../lib/aws/iam';
import { ValidationError } from '../../../lib/core/errors';
import { openFindings, synthAndCheck } from '../../util/aws';

const ENV = { account: '123456789012', region: 'eu-west-1' };

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems.map((p) => `${p.property}: ${p.problem}`);
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('LeastPrivilegeRole and the new IAM rules', () => {
  test('a trust of a whole account without principalArns or externalId is refused, the own account included', () => {
    const s = new Stack(new App(), 'S', { env: ENV });
    expect(problemsOf(() => new LeastPrivilegeRole(s, 'Own', { assumedBy: RoleTrust.account('123456789012') }))).toEqual([
      expect.stringMatching(/^assumedBy\.principalArns: is required: without principalArns \(or externalId\) any principal of account 123456789012/),
    ]);
    expect(problemsOf(() => new LeastPrivilegeRole(s, 'Short', { assumedBy: RoleTrust.account('123456789012', { anyPrincipalReason: 'short' }) }))[0]).toMatch(/^assumedBy\.anyPrincipalReason: must be a reason/);
    expect(problemsOf(() => new LeastPrivilegeRole(s, 'Both', { assumedBy: RoleTrust.account('123456789012', { principalArns: ['arn:aws:iam::123456789012:role/ops'], anyPrincipalReason: 'a long enough reason' }) }))[0]).toMatch(/only meaningful/);
  });

  test('principalArns or externalId pass every pack; anyPrincipalReason is recorded and accepts exactly aws-iam-role-trust-account-root', () => {
    const report = synthAndCheck((s) => {
      new LeastPrivilegeRole(s, 'Ops', { assumedBy: RoleTrust.account('123456789012', { principalArns: ['arn:aws:iam::123456789012:role/ops'] }) });
      new LeastPrivilegeRole(s, 'Partner', { assumedBy: RoleTrust.account('210987654321', { externalId: 'partner-42' }) });
      new LeastPrivilegeRole(s, 'Break', { assumedBy: RoleTrust.account('123456789012', { anyPrincipalReason: 'Break-glass role: access is controlled by IAM policies of the account' }) });
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => o.property)).toEqual(['assumedBy.anyPrincipalReason']);
    expect(report.findings.filter((f) => f.status === 'suppressed' && f.source === 'secure-constructs').map((f) => `${f.ruleId} ${f.resource.logicalId}`))
      .toEqual([expect.stringMatching(/^aws-iam-role-trust-account-root Break/)]);
  });

  test('a justified svc:* on * accepts exactly that pattern of our wildcard rule; a "*" added later by an escape hatch is still reported', () => {
    const report = synthAndCheck((s) => {
      const role = new LeastPrivilegeRole(s, 'Role', {
        assumedBy: RoleTrust.service('lambda.amazonaws.com'),
        statements: [{ actions: ['cloudwatch:*'], resources: ['*'], wildcardJustification: 'The dashboard agent manages every metric and alarm of the account' }],
      });
      const cfn = role.policy!.node.defaultChild as any;
      cfn.addPropertyOverride('PolicyDocument.Statement.1', { Effect: 'Allow', Action: '*', Resource: '*' });
    }, { env: ENV });
    const ours = report.findings.filter((f) => f.ruleId === 'aws-iam-policy-wildcard-actions').map((f) => `${f.findingId} ${f.status}`).sort();
    expect(ours).toEqual(['PolicyDocument:* non-compliant', 'PolicyDocument:cloudwatch:* suppressed']);
  });

  test('without the override the justified statement passes every pack', () => {
    const report = synthAndCheck((s) => {
      new LeastPrivilegeRole(s, 'Role', {
        assumedBy: RoleTrust.service('lambda.amazonaws.com'),
        statements: [{ actions: ['cloudwatch:*'], resources: ['*'], wildcardJustification: 'The dashboard agent manages every metric and alarm of the account' }],
      });
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
  });
});
