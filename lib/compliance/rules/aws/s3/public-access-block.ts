import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

/** The four S3 Block Public Access settings, each of which must be true. */
export const PUBLIC_ACCESS_BLOCK_SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * Every bucket blocks public access with all four settings, in every possible value of
 * `PublicAccessBlockConfiguration`. One finding per setting (id = the setting), or `PublicAccessBlockConfiguration`
 * when the configuration is absent: S3 blocks public access on new buckets by default, but removing the
 * configuration from an existing bucket deletes its block, so the template must say it.
 */
export const AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK = defineRule({
  id: 'aws-s3-bucket-public-access-block',
  title: 'S3 buckets block public access (all four settings)',
  description: 'An S3 bucket does not set all four Block Public Access settings (BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets) '
    + 'to true: a public ACL or bucket policy could expose its objects.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-4', 'NIST-800-53-R5:AC-21', 'NIST-800-53-R5:SC-7', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:1.3.4',
    'HIPAA:164.312(a)(1)', 'HIPAA:164.312(e)(1)', 'CIS-AWS:2.1.4', 'AWS-CT:CT.S3.PR.1'],
  remediation: 'Set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true '
    + '(SecureBucket does; aws-cdk-lib: blockPublicAccess: BlockPublicAccess.BLOCK_ALL).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('PublicAccessBlockConfiguration')) {
      if (a.value === undefined) {
        findings.fail('PublicAccessBlockConfiguration', 'PublicAccessBlockConfiguration', 'PublicAccessBlockConfiguration is not set: nothing in the template blocks public ACLs and policies.', a);
        continue;
      }
      const c = obj(a.value);
      if (!c) {
        if (typeof a.value === 'string' && hasTokens(a.value)) findings.unverified('PublicAccessBlockConfiguration', 'PublicAccessBlockConfiguration', `PublicAccessBlockConfiguration is ${display(a.value)}.`, a);
        else findings.fail('PublicAccessBlockConfiguration', 'PublicAccessBlockConfiguration', `PublicAccessBlockConfiguration is ${display(a.value)}, not an object.`, a);
        continue;
      }
      for (const setting of PUBLIC_ACCESS_BLOCK_SETTINGS) {
        findings.check(setting, [{ value: c[setting], via: a.via }], (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
          id: setting,
          bad: (x) => `${setting} is ${x === undefined ? 'not set (false)' : display(x)}, not true.`,
          unknown: (x) => `${setting} is ${display(x)}.`,
        });
      }
    }
    return fromFindings(findings.list());
  },
});
