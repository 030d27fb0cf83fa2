/**
 * cdk-nag's AwsSolutions pack on real-world templates (test/fixtures/cfn/peers, sources in its README): each one is
 * either evaluated (findings, or a pass with evaluations) or exit 2 with a reason that names the template; never
 * "0 rules ... PASSED".
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../lib/cli/main';

const PEERS = path.join(__dirname, '..', 'fixtures', 'cfn', 'peers');

type Outcome =
  | 'findings' // evaluated, findings at or above error: exit 1
  | 'passes' // evaluated, nothing open: exit 0
  | 'refused' // CfnInclude (or our pre-check) refuses the template: exit 2
  | 'partial' // loaded and evaluated, but part of it could not be checked (SAM, macro, nested stack): exit 2
  | 'no-rule'; // loaded, but no rule of the pack applies to any of its resources: exit 2

const EXPECTED: Record<string, Outcome> = {
  'amazonmq-broker-plaintext-password.yaml': 'no-rule',
  'apigateway-method-authorization-none.yaml': 'refused',
  'custom-transform-list.yaml': 'partial',
  'dms-replication-instance-public.json': 'no-rule',
  'dynamodb-table.yaml': 'passes',
  'ec2-instance-with-security-group.yaml': 'findings',
  'efs-access-point.yaml': 'passes',
  'efs-no-encryption.json': 'passes',
  'eip-with-association.yaml': 'findings',
  'elasticache-replication-group-no-encryption.json': 'findings',
  'encrypted-bucket.yaml': 'findings',
  'fn-foreach-ddb.yaml': 'passes', // Fn::ForEach over a literal list is expanded (loaders/sam/language-extensions.ts)
  'iam-managed-policy-if.yaml': 'findings',
  'iam-role-administratoraccess.json': 'findings',
  'iam-user-inline-policy.json': 'passes',
  'lambda-sample.yaml': 'findings',
  'language-extensions-sam.yaml': 'partial',
  'macro-count.yaml': 'partial',
  'nested-stacks.yaml': 'no-rule',
  'rds-snapshot-on-delete.yaml': 'findings',
  's3-bucket-policy.yaml': 'partial',
  'sam-function.yaml': 'findings', // SAM is expanded offline: cdk-nag judges the generated function and role
  'sam-functions.yaml': 'findings',
  'sns-topic.yaml': 'findings',
  'sqs-queue-policy.yaml': 'findings',
  'stackset-execution-role.yaml': 'findings',
  'vpc-subnets.yaml': 'findings',
};

const fixtures = fs.readdirSync(PEERS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

test('the fixture set is the documented one (20+ templates)', () => {
  expect(fixtures).toEqual(Object.keys(EXPECTED).sort());
  expect(fixtures.length).toBeGreaterThanOrEqual(20);
});

describe.each(fixtures)('%s', (name) => {
  const file = path.join(PEERS, name);
  const r = run(['check', '--pack', 'cdk-nag-aws-solutions', '--format', 'json', file]);
  const json = JSON.parse(r.stdout);
  const problems: string[] = json.inputErrors.map((e: any) => e.message);

  test('never a pass without evaluations; exit 2 names the template and why', () => {
    if (r.exitCode === 0) {
      expect(json.summary.passed).toBe(true);
      expect(json.summary.evaluations).toBeGreaterThan(0);
    } else if (r.exitCode === 2) {
      expect(json.summary.passed).toBe(false);
      expect(problems.length).toBeGreaterThan(0);
      expect(r.stderr).toContain(file);
    } else {
      expect(r.exitCode).toBe(1);
      expect(json.summary.blocking).toBeGreaterThan(0);
    }
  });

  test(`outcome: ${EXPECTED[name]}`, () => {
    const refused = problems.some((m) => m.startsWith('cdk-nag (AwsSolutions) did not check this template: '));
    const noRule = problems.some((m) => m.startsWith('pack cdk-nag-aws-solutions evaluated no rule'));
    const outcome: Outcome = refused ? 'refused' : noRule ? 'no-rule' : problems.length > 0 ? 'partial' : r.exitCode === 0 ? 'passes' : 'findings';
    expect(outcome).toBe(EXPECTED[name]);
    if (outcome === 'refused') expect(json.summary.evaluations).toBe(0);
    if (outcome === 'partial' || outcome === 'findings' || outcome === 'passes') expect(json.summary.evaluations).toBeGreaterThan(0);
    expect(r.exitCode).toBe(outcome === 'findings' ? 1 : outcome === 'passes' ? 0 : 2);
  });
});
