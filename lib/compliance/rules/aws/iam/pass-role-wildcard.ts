import { NOT_APPLICABLE, Resource, RuleContext, RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, props, refOf } from '../network/cfn-values';
import { describeStatement, flatten, statementCovers, statements } from './policy-document';

/** The policy documents of an identity policy resource (a managed / inline policy, or the inline Policies of a role, user or group). */
function documents(type: string, p: Record<string, any>): { label: string; doc: unknown }[] {
  if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy') return [{ label: 'PolicyDocument', doc: p.PolicyDocument }];
  return arr(p.Policies).map((x, i) => ({ label: `Policies[${i}]`, doc: obj(x)?.PolicyDocument }));
}

/**
 * Managed policies that are only used as permissions boundaries (referenced by a PermissionsBoundary, attached to
 * nobody): a boundary caps permissions and grants none. Built once per run.
 */
function boundaryOnlyPolicies(context: RuleContext): Set<string> {
  return context.memo('aws-iam-pass-role-wildcard:boundaries', () => {
    const boundaries = new Set<string>();
    const attached = new Set<string>();
    for (const type of ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']) {
      for (const r of context.ofType(type)) {
        const p = props(r);
        const b = refOf(p.PermissionsBoundary);
        if (b) boundaries.add(`${r.stack ?? ''}\u0000${b}`);
        for (const m of arr(p.ManagedPolicyArns)) {
          const id = refOf(m);
          if (id) attached.add(`${r.stack ?? ''}\u0000${id}`);
        }
      }
    }
    return new Set([...boundaries].filter((k) => !attached.has(k)));
  });
}

function isBoundaryOnly(resource: Resource, context: RuleContext): boolean {
  if (resource.type !== 'AWS::IAM::ManagedPolicy') return false;
  const p = props(resource);
  if (arr(p.Roles).length > 0 || arr(p.Users).length > 0 || arr(p.Groups).length > 0) return false;
  return boundaryOnlyPolicies(context).has(`${resource.stack ?? ''}\u0000${resource.logicalId}`);
}

/** iam:PassRole is granted on named roles only: on "*" (or a pattern) it lets the holder hand any role to a service. */
export const AWS_IAM_PASS_ROLE_WILDCARD = defineRule({
  id: 'aws-iam-pass-role-wildcard',
  title: 'iam:PassRole is granted on named roles only',
  description: 'An IAM policy allows iam:PassRole (directly or through iam:*, iam:Pass*, *) on a wildcard resource: the holder can pass any role, '
    + 'including more privileged ones, to a service and act through it. Managed policies used only as permissions boundaries grant nothing and are not checked.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-6(1)', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)', 'CIS-AWS:1.16'],
  remediation: 'Grant iam:PassRole on the exact role ARNs that may be passed (LeastPrivilegeRole refuses anything else), ideally with an iam:PassedToService condition.',
  evaluate: (resource, context) => {
    if (isBoundaryOnly(resource, context)) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const { label, doc } of documents(resource.type, props(resource))) {
      for (const s of statements(doc)) {
        if (s.effect !== 'Allow' || !statementCovers(s, 'iam:PassRole')) continue;
        const wild = s.resources.map(flatten).filter((r) => r.includes('*'));
        if (wild.length > 0) findings.push({ id: `${label}:statement:${s.index}`, message: `${label} ${describeStatement(s)} allows iam:PassRole on ${wild.join(', ')}.` });
      }
    }
    return fromFindings(findings);
  },
});
