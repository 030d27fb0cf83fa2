import { COMPLIANT, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { referencers, referencingIndex } from '../shared/refs';

function loggingConfigurations(context: RuleContext): Map<string, Resource[]> {
  return referencingIndex(context, 'waf-logging', ['AWS::WAFv2::LoggingConfiguration'], ['ResourceArn']);
}

/** WAFv2 web ACLs log the requests they inspect: an `AWS::WAFv2::LoggingConfiguration` whose ResourceArn references the web ACL. */
export const AWS_EDGE_WAF_LOGGING = defineRule({
  id: 'aws-edge-waf-logging',
  title: 'WAF web ACLs have logging',
  description: 'A WAFv2 web ACL has no logging configuration: blocked and allowed requests leave no record for investigation.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::WAFv2::WebACL'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-12', 'NIST-800-53-R5:SI-4', 'PCI-DSS-3.2.1:10.2', 'HIPAA:164.312(b)'],
  remediation: 'Add an AWS::WAFv2::LoggingConfiguration with ResourceArn the web ACL ARN and a log destination (SecureWebAcl logs to an encrypted log group).',
  evaluate: (resource, context) => (referencers(loggingConfigurations(context), resource).length > 0
    ? COMPLIANT
    : nonCompliant({ id: 'no-logging', message: 'No AWS::WAFv2::LoggingConfiguration references this web ACL.' })),
});
