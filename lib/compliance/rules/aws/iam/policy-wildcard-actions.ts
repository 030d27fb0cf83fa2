import { isBoundaryOnly } from './boundaries';
import { appliesToAllResources, wholeServicePattern } from './breadth';
import { IDENTITY_POLICY_TYPES, describeStatement, documentsOf, statementVia } from './policy-document';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';

/**
 * Identity policies do not allow every action (`*`) or every action of a service (`s3:*`, `iam:*`, `s3:?*`) on every
 * resource (`*`, `arn:aws:s3:::*`, NotResource). One finding per pattern and document: `<document>:<pattern>`
 * (`PolicyDocument:s3:*`, `Policies[0]:*`), so that a recorded justification accepts exactly that pattern (and a
 * wildcard added later is reported). Managed policies used only as permissions boundaries are not applicable.
 */
export const AWS_IAM_POLICY_WILDCARD_ACTIONS = defineRule({
  id: 'aws-iam-policy-wildcard-actions',
  title: 'IAM policies do not allow "*" or "service:*" on all resources',
  description: 'An identity policy (AWS::IAM::Policy, ManagedPolicy, RolePolicy/UserPolicy/GroupPolicy, or the inline policies of a role, user or group) '
    + 'allows every action ("*") or every action of a service ("s3:*") on every resource: administrator or full-service access.',
  severity: 'error',
  platform: 'aws',
  appliesTo: IDENTITY_POLICY_TYPES,
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-6(1)', 'NIST-800-53-R5:AC-3', 'PCI-DSS-3.2.1:7.1.2', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.308(a)(4)(ii)(B)',
    'HIPAA:164.312(a)(1)', 'CIS-AWS:1.16'],
  remediation: 'List the actions the identity needs on the resources it needs (LeastPrivilegeRole refuses wildcards without a wildcardJustification, which it records).',
  evaluate: (resource, context) => {
    if (isBoundaryOnly(resource, context)) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const { label, docs } of documentsOf(resource, context, 'identity')) {
      for (const d of docs) {
        for (const ps of d.statements) {
          for (const s of ps.alts) {
            if (s.effect !== 'Allow' || s.hasNotAction) continue;
            const all = appliesToAllResources(s);
            if (all === false) continue;
            for (const p of s.actions) {
              const { covers, allServices } = wholeServicePattern(p);
              if (covers === false) continue;
              const id = covers === undefined ? `${label}:statement:${s.index}` : `${label}:${display(p)}`;
              const subject = `${label}:${ps.index}:${id}`;
              if (covers === true && all === true) {
                findings.fail(subject, id, `${label} ${describeStatement(s)} allows ${allServices ? `every action of every service ("${display(p)}")` : `every action of a service ("${display(p)}")`} on all resources${statementVia(s)}.`);
              } else {
                findings.unverified(subject, id, `${label} ${describeStatement(s)} may allow ${covers === undefined ? `the action ${display(p)}, which is not known before deployment,` : `"${display(p)}"`} on all resources: ${covers === undefined ? 'it' : 'a resource'} is not known before deployment${statementVia(s)}.`);
              }
            }
          }
        }
      }
    }
    return fromFindings(findings.list());
  },
});
