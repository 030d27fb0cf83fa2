import { isServerAccessLogTarget } from './log-targets';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/**
 * Buckets write server access logs (`LoggingConfiguration`), in every possible value. A bucket that is itself the
 * server access log target of another bucket of the run is the end of the logging chain and not applicable
 * (logging it would log its own log deliveries).
 */
export const AWS_S3_BUCKET_ACCESS_LOGGING = defineRule({
  id: 'aws-s3-bucket-access-logging',
  title: 'S3 buckets write server access logs',
  description: 'An S3 bucket has no LoggingConfiguration: requests to its objects leave no access record.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-3', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.2.1', 'PCI-DSS-3.2.1:10.3', 'HIPAA:164.312(b)', 'AWS-CT:CT.S3.PR.2'],
  remediation: 'Set LoggingConfiguration with a DestinationBucketName (SecureBucket logs to a dedicated log bucket; aws-cdk-lib: serverAccessLogsBucket).',
  evaluate: (resource, context) => {
    if (isServerAccessLogTarget(resource, context)) return NOT_APPLICABLE;
    const findings = new Findings();
    findings.check('LoggingConfiguration', valuesOf(resource, context).alts('LoggingConfiguration'), (x) => (obj(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      id: 'LoggingConfiguration',
      bad: (x) => (x === undefined ? 'LoggingConfiguration is not set: server access logging is off.' : `LoggingConfiguration is ${display(x)}, not a logging configuration.`),
      unknown: (x) => `LoggingConfiguration is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
