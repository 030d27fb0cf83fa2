import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList, isFalse, isTrue, obj } from '../../../values/json';

/**
 * Whether the event selectors of a trail record all management events (reads and writes): absent selectors do;
 * `EventSelectors` need one with IncludeManagementEvents (absent: true) and ReadWriteType All (absent: All);
 * `AdvancedEventSelectors` need one that selects eventCategory Management without a readOnly filter.
 */
export function recordsManagementEvents(p: Record<string, any>): boolean | undefined {
  const unknown = (v: unknown) => typeof v === 'string' && hasTokens(v);
  const advanced = p.AdvancedEventSelectors;
  if (unknown(advanced) || unknown(p.EventSelectors)) return undefined;
  if (asList(advanced).length > 0) {
    return asList(advanced).some((sel) => {
      const fields = asList(obj(sel)?.FieldSelectors).map((f) => obj(f) ?? {});
      const category = fields.find((f) => f.Field === 'eventCategory');
      return !!category && asList(category.Equals).includes('Management') && !fields.some((f) => f.Field === 'readOnly');
    });
  }
  const selectors = asList(p.EventSelectors);
  if (selectors.length === 0) return true;
  let maybe = false;
  for (const sel of selectors) {
    const o = obj(sel) ?? {};
    if (unknown(o.IncludeManagementEvents) || unknown(o.ReadWriteType)) maybe = true;
    else if (!isFalse(o.IncludeManagementEvents) && (o.ReadWriteType === undefined || o.ReadWriteType === 'All')) return true;
  }
  return maybe ? undefined : false;
}

/**
 * CloudTrail trails record events: `IsLogging: true` (a stopped trail records nothing, finding `IsLogging`), and
 * their event selectors keep all management events, reads and writes (finding `management-events`).
 */
export const AWS_AUDIT_CLOUDTRAIL_IS_LOGGING = defineRule({
  id: 'aws-audit-cloudtrail-is-logging',
  title: 'CloudTrail trails are logging',
  description: 'A CloudTrail trail has IsLogging false (or not true), or event selectors that leave out management events (or their reads or writes): '
    + 'API activity goes unrecorded.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.1', 'HIPAA:164.312(b)', 'CIS-AWS:3.1'],
  remediation: 'Set IsLogging to true and keep management events in the event selectors (IncludeManagementEvents true, ReadWriteType All); AuditBaseline does.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('management', valuesOf(resource, context).alts([]), (p) => recordsManagementEvents(obj(p) ?? {}), {
      id: 'management-events',
      bad: () => 'The event selectors leave out management events (or their reads or writes).',
      unknown: () => 'the event selectors are not known before deployment.',
    });
    findings.check('IsLogging', valuesOf(resource, context).alts('IsLogging'), (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      id: 'IsLogging',
      bad: (x) => `IsLogging is ${x === undefined ? 'not set' : display(x)}: the trail records nothing.`,
      unknown: (x) => `IsLogging is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
