import { isBaselineTrail, stacksWith } from './marker';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/**
 * Where an AuditBaseline is expected, GuardDuty is on. The rule looks at CloudTrail trails that carry the
 * AuditBaseline marker (template metadata `secure-constructs:audit-baseline`): the same template must contain an
 * `AWS::GuardDuty::Detector` with `Enable: true`. A baseline created with `guardDuty: false` records the reason on
 * its trail, which suppresses this finding. Trails without the marker are not applicable (GuardDuty is then
 * usually managed elsewhere, e.g. by an organization delegated administrator, which a template cannot show).
 */
export const AWS_AUDIT_GUARDDUTY_ENABLED = defineRule({
  id: 'aws-audit-guardduty-enabled',
  title: 'GuardDuty is enabled with the audit baseline',
  description: 'The template has an AuditBaseline trail but no enabled GuardDuty detector.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:SI-4', 'NIST-800-53-R5:IR-4', 'PCI-DSS-3.2.1:11.4', 'HIPAA:164.308(a)(1)(ii)(D)', 'HIPAA:164.308(a)(6)(ii)'],
  remediation: 'Keep the GuardDuty detector of AuditBaseline (the default), or pass guardDuty: false with guardDutyReason saying where GuardDuty is enabled.',
  evaluate: (resource, context) => {
    if (!isBaselineTrail(resource)) return NOT_APPLICABLE;
    const stacks = stacksWith(context, 'AWS::GuardDuty::Detector', 'guardduty-enabled', (d) => valuesOf(d, context).alts('Enable').every((a) => isTrue(a.value)));
    return stacks.has(resource.stack ?? '')
      ? COMPLIANT
      : nonCompliant({ message: 'No AWS::GuardDuty::Detector with Enable: true in the template of this AuditBaseline trail.' });
  },
});
