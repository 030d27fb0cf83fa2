import { isBaselineTrail, stacksWith } from './marker';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';

/**
 * Where an AuditBaseline is expected, AWS Config records the account: templates with an AuditBaseline trail also
 * contain an `AWS::Config::ConfigurationRecorder` and an `AWS::Config::DeliveryChannel`. `config: false` records
 * the reason on the trail, which suppresses this finding.
 */
export const AWS_AUDIT_CONFIG_RECORDER = defineRule({
  id: 'aws-audit-config-recorder',
  title: 'AWS Config records with the audit baseline',
  description: 'The template has an AuditBaseline trail but no AWS Config recorder and delivery channel.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:CM-8', 'NIST-800-53-R5:CM-3', 'PCI-DSS-3.2.1:10.2', 'HIPAA:164.308(a)(1)(ii)(D)', 'CIS-AWS:3.5'],
  remediation: 'Keep the Config recorder of AuditBaseline (the default), or pass config: false with configReason saying where Config records this account.',
  evaluate: (resource, context) => {
    if (!isBaselineTrail(resource)) return NOT_APPLICABLE;
    const stack = resource.stack ?? '';
    const recorder = stacksWith(context, 'AWS::Config::ConfigurationRecorder', 'config-recorder', () => true).has(stack);
    const channel = stacksWith(context, 'AWS::Config::DeliveryChannel', 'config-channel', () => true).has(stack);
    if (recorder && channel) return COMPLIANT;
    return nonCompliant({ message: `No ${!recorder ? 'AWS::Config::ConfigurationRecorder' : 'AWS::Config::DeliveryChannel'} in the template of this AuditBaseline trail.` });
  },
});
