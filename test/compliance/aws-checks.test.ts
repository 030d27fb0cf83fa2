import { aws_kms as kms, aws_s3 as s3, Validations } from 'aws-cdk-lib';
import { Suppressions } from '../../lib/compliance/suppressions';
import { openFindings, synthAndCheck } from '../util/aws';

describe('AwsCompliance.enable collects cdk-nag results into the one finding model', () => {
  test('an unhardened KMS key and bucket are reported by cdk-nag packs, with controls', () => {
    const report = synthAndCheck((stack) => {
      new kms.Key(stack, 'Key');
      new s3.Bucket(stack, 'Bucket');
    });
    const kms5 = report.findings.find((f) => f.ruleId === 'AwsSolutions-KMS5');
    expect(kms5).toMatchObject({ source: 'cdk-nag:AwsSolutions', status: 'non-compliant', resource: { type: 'AWS::KMS::Key' } });
    const nist = report.findings.find((f) => f.ruleId === 'NIST.800.53.R5-KMSBackingKeyRotationEnabled');
    expect(nist?.controls).toContain('NIST-800-53-R5:SC-12');
    expect(report.findings.some((f) => f.source === 'cdk-nag:HIPAA.Security')).toBe(true);
    expect(report.findings.some((f) => f.source === 'cdk-nag:PCI.DSS.321')).toBe(true);
  });

  test('Suppressions.of(x) and Validations.of(x).acknowledge silence cdk-nag findings on descendants', () => {
    const report = synthAndCheck((stack) => {
      const k = new kms.Key(stack, 'Key');
      Suppressions.of(stack).add({ id: 'AwsSolutions-KMS5', reason: 'rotation is handled by an external process' });
      Validations.of(k).acknowledge({ id: 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', reason: 'rotation handled externally' });
    });
    const open = openFindings(report);
    expect(open.join('\n')).not.toContain('AwsSolutions-KMS5');
    expect(open.join('\n')).not.toContain('NIST.800.53.R5-KMSBackingKeyRotationEnabled');
  });
});
