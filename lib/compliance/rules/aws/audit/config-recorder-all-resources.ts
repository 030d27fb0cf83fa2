import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { isTrue, obj, props, str } from '../network/cfn-values';

/**
 * AWS Config recorders record every supported resource type, global types (IAM) included. Either the classic
 * `AllSupported` + `IncludeGlobalResourceTypes`, or `RecordingStrategy.UseOnly: ALL_SUPPORTED_RESOURCE_TYPES` with
 * `IncludeGlobalResourceTypes`; no exclusions.
 */
export const AWS_AUDIT_CONFIG_RECORDER_ALL_RESOURCES = defineRule({
  id: 'aws-audit-config-recorder-all-resources',
  title: 'AWS Config records all resource types, including global ones',
  description: 'The Config recorder records only some resource types, or leaves out global resource types (IAM).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::Config::ConfigurationRecorder'],
  controls: ['NIST-800-53-R5:CM-8', 'NIST-800-53-R5:CM-8(1)', 'CIS-AWS:3.5'],
  remediation: 'Set RecordingGroup AllSupported and IncludeGlobalResourceTypes to true (AuditBaseline does).',
  evaluate: (resource) => {
    const group = obj(props(resource).RecordingGroup);
    if (!group) return nonCompliant({ id: 'no-recording-group', message: 'RecordingGroup is not set.' });
    const strategy = str(obj(group.RecordingStrategy)?.UseOnly);
    const all = isTrue(group.AllSupported) || strategy === 'ALL_SUPPORTED_RESOURCE_TYPES';
    if (!all) return nonCompliant({ id: 'not-all-supported', message: 'The recorder does not record all supported resource types.' });
    if (!isTrue(group.IncludeGlobalResourceTypes)) return nonCompliant({ id: 'no-global-types', message: 'IncludeGlobalResourceTypes is not true: IAM changes are not recorded.' });
    return COMPLIANT;
  },
});
