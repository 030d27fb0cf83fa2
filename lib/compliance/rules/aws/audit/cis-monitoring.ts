import { isBaselineTrail } from './marker';
import { COMPLIANT, NOT_APPLICABLE, Resource, RuleContext, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { referencedResource } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';
import { arr, obj, str } from '../../../values/json';

/** The properties of a resource when they have exactly one possible value (a conditional filter or alarm does not count). */
function certain(r: Resource, context: RuleContext): Record<string, any> | undefined {
  const alts = valuesOf(r, context).alts([]);
  return alts.length === 1 ? obj(alts[0].value) : undefined;
}

/** The CIS monitoring items the rule requires, with a signature of their filter pattern (all parts must appear). */
export const CIS_REQUIRED_ITEMS: readonly { id: string; title: string; signature: readonly RegExp[] }[] = [
  { id: 'unauthorized-api-calls', title: 'unauthorized API calls (CIS 4.1)', signature: [/UnauthorizedOperation/, /AccessDenied/] },
  { id: 'console-sign-in-without-mfa', title: 'console sign-in without MFA (CIS 4.2)', signature: [/ConsoleLogin/, /MFAUsed/] },
  { id: 'root-account-usage', title: 'root account usage (CIS 4.3)', signature: [/userIdentity\.type\s*=\s*"?Root"?/] },
  { id: 'iam-policy-changes', title: 'IAM policy changes (CIS 4.4)', signature: [/PutRolePolicy/, /AttachRolePolicy/, /CreatePolicyVersion/] },
  { id: 'cloudtrail-config-changes', title: 'CloudTrail configuration changes (CIS 4.5)', signature: [/StopLogging/, /DeleteTrail/, /UpdateTrail/] },
];

/** Per stack: log group logical id -> filters (pattern + metric), and metric -> alarmed with an action. Built once. */
function index(context: RuleContext) {
  return context.memo('aws-audit-cis-monitoring:index', () => {
    const filters = new Map<string, { pattern: string; metric: string }[]>();
    for (const f of context.ofType('AWS::Logs::MetricFilter')) {
      const p = certain(f, context);
      if (!p) continue;
      const group = referencedResource(p.LogGroupName) ?? str(p.LogGroupName);
      const pattern = str(p.FilterPattern);
      if (!group || !pattern) continue;
      const key = `${f.stack ?? ''}\u0000${group}`;
      const list = filters.get(key) ?? [];
      for (const t of arr(p.MetricTransformations)) {
        const m = obj(t);
        if (m && str(m.MetricName) && str(m.MetricNamespace)) list.push({ pattern, metric: `${m.MetricNamespace}/${m.MetricName}` });
      }
      filters.set(key, list);
    }
    const alarmed = new Set<string>();
    for (const a of context.ofType('AWS::CloudWatch::Alarm')) {
      const p = certain(a, context);
      if (!p || arr(p.AlarmActions).length === 0 || p.ActionsEnabled === false || p.ActionsEnabled === 'false') continue;
      if (str(p.MetricName) && str(p.Namespace)) alarmed.add(`${a.stack ?? ''}\u0000${p.Namespace}/${p.MetricName}`);
    }
    return { filters, alarmed };
  });
}

function logGroupOf(trail: Resource, context: RuleContext): string | undefined {
  const arn = certain(trail, context)?.CloudWatchLogsLogGroupArn;
  const id = referencedResource(arn);
  if (id && context.byLogicalId(trail.stack, id)) return id;
  return undefined;
}

/**
 * An AuditBaseline trail is watched by the CIS AWS Foundations monitoring alarms: for each of the five core items
 * (unauthorized API calls, console sign-in without MFA, root usage, IAM policy changes, CloudTrail configuration
 * changes) a metric filter on the trail's CloudWatch Logs group and an alarm with an action on its metric. Only
 * trails with the AuditBaseline marker are checked (other trails may be monitored by a central account).
 */
export const AWS_AUDIT_CIS_MONITORING = defineRule({
  id: 'aws-audit-cis-monitoring',
  title: 'The audit trail has the CIS monitoring alarms',
  description: 'A CIS AWS Foundations monitoring item has no metric filter on the trail log group, or no alarm with an action on it.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::CloudTrail::Trail'],
  controls: ['CIS-AWS:4.1', 'CIS-AWS:4.2', 'CIS-AWS:4.3', 'CIS-AWS:4.4', 'CIS-AWS:4.5', 'NIST-800-53-R5:AU-6', 'NIST-800-53-R5:SI-4', 'PCI-DSS-3.2.1:10.6'],
  remediation: 'Keep the cisAlarms of AuditBaseline (default: all), or add a metric filter with the CIS pattern and an alarm with an SNS action for each item.',
  evaluate: (resource, context) => {
    if (!isBaselineTrail(resource)) return NOT_APPLICABLE;
    const group = logGroupOf(resource, context);
    const { filters, alarmed } = index(context);
    const stack = resource.stack ?? '';
    const list = group ? filters.get(`${stack}\u0000${group}`) ?? [] : [];
    const findings: RuleFinding[] = [];
    for (const item of CIS_REQUIRED_ITEMS) {
      const matching = list.filter((f) => item.signature.every((re) => re.test(f.pattern)));
      if (matching.length === 0) findings.push({ id: `no-filter:${item.id}`, message: `No metric filter for ${item.title} on the trail's log group.` });
      else if (!matching.some((f) => alarmed.has(`${stack}\u0000${f.metric}`))) findings.push({ id: `no-alarm:${item.id}`, message: `No alarm with an action on the ${item.title} metric.` });
    }
    return findings.length === 0 ? COMPLIANT : fromFindings(findings);
  },
});
