import { isBoundaryOnly } from './boundaries';
import { IDENTITY_POLICY_TYPES, allowStatements, describeStatement, documentsOf, statementVia } from './policy-document';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';

/**
 * Identity policies do not Allow with NotAction or NotResource: "everything but the listed actions / resources"
 * grants every action and resource AWS adds later. Deny statements with them are fine. Finding ids
 * `<document>:statement:<index>:NotAction` / `:NotResource`.
 */
export const AWS_IAM_POLICY_NOT_ACTION = defineRule({
  id: 'aws-iam-policy-not-action',
  title: 'IAM policies do not Allow with NotAction or NotResource',
  description: 'An identity policy statement allows with NotAction or NotResource: it grants everything except what it lists, including actions and '
    + 'resources that do not exist yet.',
  severity: 'error',
  platform: 'aws',
  appliesTo: IDENTITY_POLICY_TYPES,
  controls: ['NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-3', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)'],
  remediation: 'Allow the listed actions on the listed resources instead (Action and Resource); keep NotAction / NotResource for Deny statements.',
  evaluate: (resource, context) => {
    if (isBoundaryOnly(resource, context)) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const { label, position, statement: s } of allowStatements(documentsOf(resource, context, 'identity'))) {
      const subject = `${label}:${position}`;
      if (s.hasNotAction) findings.fail(subject, `${label}:statement:${s.index}:NotAction`, `${label} ${describeStatement(s)} allows every action except ${s.notActions.map(display).join(', ') || 'none'} (NotAction)${statementVia(s)}.`);
      if (s.hasNotResource) findings.fail(subject, `${label}:statement:${s.index}:NotResource`, `${label} ${describeStatement(s)} allows on every resource except ${s.notResources.map(display).join(', ') || 'none'} (NotResource)${statementVia(s)}.`);
    }
    return fromFindings(findings.list());
  },
});
