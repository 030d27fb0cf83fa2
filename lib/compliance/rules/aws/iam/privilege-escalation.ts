import { isBoundaryOnly } from './boundaries';
import { IDENTITY_POLICY_TYPES, Statement, describeStatement, documentsOf, hasWildcardResource, statementCovers, statementVia, wildcardResources } from './policy-document';
import { NOT_APPLICABLE, Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { containsUnknown, literalText } from '../../../values/cfn-resolve';
import { Findings, Verdict, valuesOf } from '../../../values/cfn-values';
import { asList } from '../../../values/json';
import { referencedIds, stackKey } from '../shared/refs';

/** One way to gain more permissions with one IAM action on any user, group, role or policy. */
interface SingleActionMethod {
  readonly id: string;
  readonly action: string;
  readonly effect: string;
  /** Condition keys that, tested positively, limit the method (e.g. only with a permissions boundary). */
  readonly narrowedBy?: readonly string[];
}

/** The privilege-escalation actions that are dangerous on wildcard resources (after Rhino Security Labs' list). */
export const SINGLE_ACTION_METHODS: readonly SingleActionMethod[] = [
  { id: 'create-policy-version', action: 'iam:CreatePolicyVersion', effect: 'rewrite any managed policy (and make the new version the default)' },
  { id: 'set-default-policy-version', action: 'iam:SetDefaultPolicyVersion', effect: 'switch any managed policy to an older, broader version' },
  { id: 'attach-user-policy', action: 'iam:AttachUserPolicy', effect: 'attach any managed policy (AdministratorAccess) to a user', narrowedBy: ['iam:permissionsboundary', 'iam:policyarn'] },
  { id: 'attach-group-policy', action: 'iam:AttachGroupPolicy', effect: 'attach any managed policy to a group', narrowedBy: ['iam:policyarn'] },
  { id: 'attach-role-policy', action: 'iam:AttachRolePolicy', effect: 'attach any managed policy to a role', narrowedBy: ['iam:permissionsboundary', 'iam:policyarn'] },
  { id: 'put-user-policy', action: 'iam:PutUserPolicy', effect: 'write any inline policy on a user', narrowedBy: ['iam:permissionsboundary'] },
  { id: 'put-group-policy', action: 'iam:PutGroupPolicy', effect: 'write any inline policy on a group' },
  { id: 'put-role-policy', action: 'iam:PutRolePolicy', effect: 'write any inline policy on a role', narrowedBy: ['iam:permissionsboundary'] },
  { id: 'update-assume-role-policy', action: 'iam:UpdateAssumeRolePolicy', effect: 'trust itself in any role and assume it' },
  { id: 'create-access-key', action: 'iam:CreateAccessKey', effect: 'create access keys for other users and act as them' },
  { id: 'create-login-profile', action: 'iam:CreateLoginProfile', effect: 'set a console password on other users and sign in as them' },
  { id: 'update-login-profile', action: 'iam:UpdateLoginProfile', effect: 'change the console password of other users' },
  { id: 'add-user-to-group', action: 'iam:AddUserToGroup', effect: 'add a user to any group, including administrators' },
];

/** Actions that run code or resources with a passed role: with iam:PassRole on any role, they act as any role. */
export const PASS_ROLE_COMPANIONS: readonly { id: string; action: string }[] = [
  { id: 'pass-role-lambda', action: 'lambda:CreateFunction' },
  { id: 'pass-role-ec2', action: 'ec2:RunInstances' },
  { id: 'pass-role-cloudformation', action: 'cloudformation:CreateStack' },
  { id: 'pass-role-glue', action: 'glue:CreateDevEndpoint' },
  { id: 'pass-role-datapipeline', action: 'datapipeline:CreatePipeline' },
];

const PRINCIPAL_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** Whether a statement is limited by a positive condition on one of `keys` with non-wildcard values. */
function narrowed(s: Statement, keys: readonly string[]): Verdict {
  let unknown = s.conditionsUnknown;
  for (const [operator, entries] of Object.entries(s.conditions)) {
    if (!/^(StringEquals|StringLike|ArnEquals|ArnLike)$/i.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (!keys.includes(key.toLowerCase())) continue;
      const values = asList(value);
      if (values.length === 0) continue;
      if (values.some((x) => typeof x === 'string' && containsUnknown(x))) unknown = true;
      else if (values.every((x) => typeof x === 'string' && literalText(x).replace(/[*?:/]/g, '').length > 0 && !/:\*$|\/\*$/.test(x))) return true;
    }
  }
  return unknown ? undefined : false;
}

/** The Allow statements of a resource's identity documents. */
function allowStatements(r: Resource, context: RuleContext): { label: string; s: Statement }[] {
  return documentsOf(r, context, 'identity').flatMap(({ label, docs }) => docs.flatMap((d) => d.statements.flatMap((ps) => ps.alts.filter((s) => s.effect === 'Allow').map((s) => ({ label, s })))));
}

/** The principals (role / user / group keys) an identity policy resource applies to. */
function principalsOf(r: Resource, context: RuleContext): string[] {
  if (PRINCIPAL_TYPES.includes(r.type)) return [stackKey(r.stack, r.logicalId)];
  const v = valuesOf(r, context);
  const props = r.type === 'AWS::IAM::RolePolicy' ? ['RoleName'] : r.type === 'AWS::IAM::UserPolicy' ? ['UserName'] : r.type === 'AWS::IAM::GroupPolicy' ? ['GroupName'] : ['Roles', 'Users', 'Groups'];
  const out = new Set<string>();
  for (const p of props) for (const a of v.alts(p)) for (const id of referencedIds(a.value)) out.add(stackKey(r.stack, id));
  // managed policies attached through a principal's ManagedPolicyArns
  for (const k of attachedBy(context).get(stackKey(r.stack, r.logicalId)) ?? []) out.add(k);
  return [...out];
}

/** Managed policy key -> principal keys that list it in ManagedPolicyArns (built once per run). */
function attachedBy(context: RuleContext): Map<string, string[]> {
  return context.memo('aws-iam-privilege-escalation:attached-by', () => {
    const map = new Map<string, string[]>();
    for (const type of PRINCIPAL_TYPES) {
      for (const p of context.ofType(type)) {
        for (const a of valuesOf(p, context).alts('ManagedPolicyArns')) {
          for (const id of referencedIds(a.value)) {
            const k = stackKey(p.stack, id);
            map.set(k, [...(map.get(k) ?? []), stackKey(p.stack, p.logicalId)]);
          }
        }
      }
    }
    return map;
  });
}

/** Principal key -> companion actions (PASS_ROLE_COMPANIONS) allowed by any of its policies in the run (built once). */
function companionsByPrincipal(context: RuleContext): Map<string, Set<string>> {
  return context.memo('aws-iam-privilege-escalation:companions', () => {
    const map = new Map<string, Set<string>>();
    for (const type of IDENTITY_POLICY_TYPES) {
      for (const r of context.ofType(type)) {
        if (isBoundaryOnly(r, context)) continue;
        const allowed = companionsIn(r, context);
        if (allowed.size === 0) continue;
        for (const p of principalsOf(r, context)) {
          const set = map.get(p) ?? new Set<string>();
          for (const c of allowed) set.add(c);
          map.set(p, set);
        }
      }
    }
    return map;
  });
}

function companionsIn(r: Resource, context: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const { s } of allowStatements(r, context)) {
    for (const c of PASS_ROLE_COMPANIONS) if (statementCovers(s, c.action) !== false) out.add(c.action);
  }
  return out;
}

/**
 * Identity policies do not hand out privilege escalation: on wildcard resources (`*`, patterns, NotResource), no
 * iam:CreatePolicyVersion / SetDefaultPolicyVersion, Attach*Policy / Put*Policy (unless limited by an
 * iam:PermissionsBoundary or iam:PolicyARN condition), UpdateAssumeRolePolicy, CreateAccessKey / CreateLoginProfile /
 * UpdateLoginProfile on other users, AddUserToGroup; and no iam:PassRole on any role together with an action that
 * runs something with the passed role (lambda:CreateFunction, ec2:RunInstances, cloudformation:CreateStack,
 * glue:CreateDevEndpoint, datapipeline:CreatePipeline) anywhere in the policies of the same role, user or group in
 * the run. Finding id `<document>:<method>` (e.g. `PolicyDocument:attach-role-policy`, `Policies[0]:pass-role-lambda`).
 */
export const AWS_IAM_PRIVILEGE_ESCALATION = defineRule({
  id: 'aws-iam-privilege-escalation',
  title: 'IAM policies do not allow privilege escalation',
  description: 'An identity policy allows an action that lets its holder give itself more permissions (rewrite or attach policies, edit a trust policy, '
    + 'create credentials for other users, join groups) on any resource, or iam:PassRole on any role with an action that runs code as the passed role.',
  severity: 'error',
  platform: 'aws',
  appliesTo: IDENTITY_POLICY_TYPES,
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-6(1)', 'NIST-800-53-R5:AC-5', 'NIST-800-53-R5:AC-2', 'PCI-DSS-3.2.1:7.1.2', 'PCI-DSS-3.2.1:7.2.1',
    'HIPAA:164.308(a)(4)(ii)(B)', 'HIPAA:164.312(a)(1)'],
  remediation: 'Grant these IAM actions on the exact users, roles, groups and policies that need them (users on themselves with ${aws:username}), '
    + 'require a permissions boundary with an iam:PermissionsBoundary condition, and grant iam:PassRole only on named roles (LeastPrivilegeRole does).',
  evaluate: (resource, context) => {
    if (isBoundaryOnly(resource, context)) return NOT_APPLICABLE;
    const findings = new Findings();
    const statements = allowStatements(resource, context);
    let companions: Set<string> | undefined;
    for (const { label, s } of statements) {
      const wild = hasWildcardResource(s);
      if (wild === false) continue;
      const on = wild === true ? wildcardResources(s).join(', ') : 'resources that are not known before deployment';
      for (const m of SINGLE_ACTION_METHODS) {
        const covers = statementCovers(s, m.action);
        if (covers === false) continue;
        const limited = m.narrowedBy ? narrowed(s, m.narrowedBy) : false;
        if (limited === true) continue;
        const id = `${label}:${m.id}`;
        if (covers === true && wild === true && limited === false) findings.fail(id, id, `${label} ${describeStatement(s)} allows ${m.action} on ${on}: the holder can ${m.effect}${statementVia(s)}.`);
        else findings.unverified(id, id, `${label} ${describeStatement(s)} may allow ${m.action} on ${on}${statementVia(s)}.`);
      }
      const passRole = statementCovers(s, 'iam:PassRole');
      if (passRole === false) continue;
      if (!companions) {
        companions = companionsIn(resource, context);
        const byPrincipal = companionsByPrincipal(context);
        for (const p of principalsOf(resource, context)) for (const c of byPrincipal.get(p) ?? []) companions.add(c);
      }
      for (const c of PASS_ROLE_COMPANIONS) {
        if (!companions.has(c.action)) continue;
        const id = `${label}:${c.id}`;
        if (passRole === true && wild === true) findings.fail(id, id, `${label} ${describeStatement(s)} allows iam:PassRole on ${on}, and the same identity may call ${c.action}: it can run code as any role it passes${statementVia(s)}.`);
        else findings.unverified(id, id, `${label} ${describeStatement(s)} may allow iam:PassRole on any role, and the same identity may call ${c.action}${statementVia(s)}.`);
      }
    }
    return fromFindings(findings.list());
  },
});
