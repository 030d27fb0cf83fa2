import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Buckets keep object versions, so that an overwrite or a delete can be undone (and Object Lock can work). */
export const AWS_S3_BUCKET_VERSIONING = defineRule({
  id: 'aws-s3-bucket-versioning',
  title: 'S3 buckets have versioning enabled',
  description: 'An S3 bucket does not have VersioningConfiguration Status Enabled: overwritten or deleted objects cannot be recovered.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:CP-9', 'NIST-800-53-R5:CP-10', 'NIST-800-53-R5:SI-12', 'PCI-DSS-3.2.1:10.5.3', 'HIPAA:164.308(a)(7)(ii)(A)', 'HIPAA:164.312(c)(1)', 'AWS-CT:CT.S3.PR.11'],
  remediation: 'Set VersioningConfiguration { Status: Enabled } (SecureBucket does; aws-cdk-lib: versioned: true).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('VersioningConfiguration', valuesOf(resource, context).alts('VersioningConfiguration.Status'), (x) => {
      if (typeof x === 'string' && hasTokens(x)) return undefined;
      return typeof x === 'string' && x.trim() === 'Enabled';
    }, {
      id: 'VersioningConfiguration',
      bad: (x) => (x === undefined ? 'VersioningConfiguration is not set: versioning is off.' : `VersioningConfiguration Status is ${JSON.stringify(display(x))}, not Enabled.`),
      unknown: (x) => `VersioningConfiguration Status is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
