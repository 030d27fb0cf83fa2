import { parseSuppressionId, parseSuppressionList } from '../../lib/compliance/suppressions';

describe('suppression ids', () => {
  test('plain, with finding id, with CDK namespace', () => {
    expect(parseSuppressionId('aws-kms-key-rotation')).toEqual({ ruleId: 'aws-kms-key-rotation' });
    expect(parseSuppressionId('AwsSolutions-IAM5[Action::s3:*]')).toEqual({ ruleId: 'AwsSolutions-IAM5', findingId: 'Action::s3:*' });
    expect(parseSuppressionId('Annotation::AwsSolutions-S1')).toEqual({ ruleId: 'AwsSolutions-S1' });
    expect(parseSuppressionId('secure-constructs::r1[Resource::*]')).toEqual({ ruleId: 'r1', findingId: 'Resource::*' });
  });

  test('a list entry without a 10-character reason is a problem, not a suppression', () => {
    const r = parseSuppressionList('[{"id":"a","reason":"short"},{"id":"b","reason":"long enough reason"}]', 'annotation', 'x');
    expect(r.suppressions.map((s) => s.ruleId)).toEqual(['b']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('at least 10 characters');
  });
});
