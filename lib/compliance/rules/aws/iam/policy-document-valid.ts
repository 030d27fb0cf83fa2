import { POLICY_DOCUMENT_LOCATIONS, describeStatement, documentsOf, statementVia } from './policy-document';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings } from '../../../values/cfn-values';

/**
 * Every policy document can be read as IAM will read it: an object, or a string that is JSON (CloudFormation accepts
 * both for KeyPolicy, PolicyDocument, AssumeRolePolicyDocument, ResourcePolicy...), with a Statement whose entries
 * have an Effect of exactly `Allow` or `Deny` and an Action or NotAction. A document other rules cannot read is
 * reported here once, instead of passing them silently. A document whose text is unknown before deployment is a
 * "cannot verify" finding.
 */
export const AWS_IAM_POLICY_DOCUMENT_VALID = defineRule({
  id: 'aws-iam-policy-document-valid',
  title: 'Policy documents can be read',
  description: 'A policy document is a string that is not JSON, has no Statement, or has a statement without a valid Effect or without Action / NotAction: '
    + 'no rule can judge what it grants, and IAM may refuse it or read it differently.',
  severity: 'error',
  platform: 'aws',
  appliesTo: Object.keys(POLICY_DOCUMENT_LOCATIONS),
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:CM-6', 'PCI-DSS-3.2.1:7.1.2', 'HIPAA:164.312(a)(1)'],
  remediation: 'Write the policy document as an object (or a valid JSON string) with a Statement list whose entries have Effect "Allow" or "Deny" and Action or NotAction; '
    + 'use aws-cdk-lib PolicyDocument / PolicyStatement to build it.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const { label, docs } of documentsOf(resource, context)) {
      for (const d of docs) {
        const via = d.via.length > 0 ? ` (via ${[...new Set(d.via)].join(', ')})` : '';
        if (d.problem) {
          if (d.unknown) findings.unverified(label, `${label}:unreadable`, `${label}: ${d.problem}${via}.`);
          else findings.fail(label, `${label}:unreadable`, `${label}: ${d.problem}${via}.`);
          continue;
        }
        for (const ps of d.statements) {
          for (const s of ps.alts) {
            const subject = `${label}:${s.index}`;
            if (s.effectUnknown) findings.fail(subject, `${label}:statement:${s.index}:effect`, `${label} ${describeStatement(s)} has no Effect of exactly "Allow" or "Deny" (read here as Allow)${statementVia(s)}.`);
            if (s.actions.length === 0 && !s.hasNotAction) findings.fail(subject, `${label}:statement:${s.index}:action`, `${label} ${describeStatement(s)} has neither Action nor NotAction${statementVia(s)}.`);
          }
        }
      }
    }
    return fromFindings(findings.list());
  },
});
