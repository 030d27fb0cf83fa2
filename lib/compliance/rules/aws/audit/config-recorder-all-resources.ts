import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue, obj } from '../../../values/json';

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
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('RecordingGroup')) {
      if (typeof a.value === 'string' && hasTokens(a.value)) {
        findings.unverified('group', 'no-recording-group', `RecordingGroup is ${display(a.value)}.`, a);
        continue;
      }
      const group = obj(a.value);
      if (!group) {
        findings.fail('group', 'no-recording-group', 'RecordingGroup is not set.', a);
        continue;
      }
      const strategy = obj(group.RecordingStrategy)?.UseOnly;
      const all = isTrue(group.AllSupported) || strategy === 'ALL_SUPPORTED_RESOURCE_TYPES';
      const unknown = [group.AllSupported, strategy, group.IncludeGlobalResourceTypes].some((x) => typeof x === 'string' && hasTokens(x));
      if (!all) {
        if (unknown) findings.unverified('group', 'not-all-supported', 'whether the recorder records all supported resource types is not known before deployment.', a);
        else findings.fail('group', 'not-all-supported', 'The recorder does not record all supported resource types.', a);
      } else if (!isTrue(group.IncludeGlobalResourceTypes)) {
        if (unknown) findings.unverified('group', 'no-global-types', `IncludeGlobalResourceTypes is ${display(group.IncludeGlobalResourceTypes)}.`, a);
        else findings.fail('group', 'no-global-types', 'IncludeGlobalResourceTypes is not true: IAM changes are not recorded.', a);
      }
    }
    return fromFindings(findings.list());
  },
});
