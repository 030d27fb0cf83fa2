import { UNCHECKED_METADATA_KEY, UNCHECKED_TRAIT } from '../../../loaders/transforms';
import { COMPLIANT, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { obj } from '../../../values/json';

/**
 * A resource (or the template as a whole) that the loader could not turn into the CloudFormation that will be
 * deployed: a SAM resource type or feature that is not expanded offline, an `AWS::Include` or other macro, an
 * `Fn::Transform`, a language-extensions loop over deploy-time values. Nothing evaluated what it becomes, so the
 * check fails closed on it (a warning where it was expanded on an assumption that cannot be verified offline).
 */
export const AWS_TEMPLATE_UNCHECKED_RESOURCE = defineRule({
  id: 'aws-template-unchecked-resource',
  title: 'Every resource is checked as it will be deployed',
  description: 'Part of the template is rewritten at deploy time (a SAM type or feature that is not expanded offline, AWS::Include, '
    + 'Fn::Transform or another macro) or depends on a value known only at deploy time, so the resources CloudFormation will create '
    + 'from it were not checked.',
  severity: 'error',
  platform: 'aws',
  appliesTo: [UNCHECKED_TRAIT],
  controls: ['NIST-800-53-R5:CM-6', 'NIST-800-53-R5:CA-7', 'NIST-800-53-R5:CM-8'],
  remediation: 'Check the processed template instead: `sam build && sam package` (or `aws cloudformation package`) and, for macros and includes, '
    + 'the processed template of a change set (`aws cloudformation get-template --template-stage Processed`); or write the resource without '
    + 'the unexpanded feature; or suppress the finding on the resource (Metadata secure-constructs suppressions; template Metadata for the '
    + 'template) with the reason it is acceptable.',
  evaluate: (resource) => {
    // a nested stack whose template is not available offline (set by the CloudFormation loader)
    if (resource.uncheckedReason) return fromFindings([{ id: 'nested-stack', message: resource.uncheckedReason }]);
    const notes = obj(obj(resource.body)?.Metadata)?.[UNCHECKED_METADATA_KEY];
    if (!Array.isArray(notes) || notes.length === 0) return COMPLIANT;
    const findings: RuleFinding[] = notes.map((n: any) => ({
      id: String(n.id),
      message: String(n.reason),
      ...(n.severity === 'warning' ? { severity: 'warning' as const, unverified: true } : {}),
    }));
    return fromFindings(findings);
  },
});
