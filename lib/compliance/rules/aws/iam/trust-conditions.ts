import { RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { obj, props, resolveRef } from '../network/cfn-values';
import { conditionKeys, describeStatement, flatten, hasConditionOn, isAnyone, statementCovers, statements } from './policy-document';

const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

/**
 * Trust policies carry conditions: service principals are scoped to a source account or resource (confused-deputy
 * protection), web-identity federation pins the audience and the subject with StringEquals, SAML federation pins
 * the audience, and "*" is never trusted without conditions.
 */
export const AWS_IAM_ROLE_TRUST_CONDITIONS = defineRule({
  id: 'aws-iam-role-trust-conditions',
  title: 'IAM role trust policies are scoped by conditions',
  description: 'A role trust policy trusts a service principal without aws:SourceAccount / aws:SourceArn, a web identity provider without exact '
    + '(StringEquals) audience and subject conditions, a SAML provider without SAML:aud, or any principal ("*") without conditions.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-8', 'PCI-DSS-3.2.1:7.2.1', 'PCI-DSS-3.2.1:8.1.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(d)'],
  remediation: 'Use LeastPrivilegeRole with RoleTrust.service() (adds aws:SourceAccount), RoleTrust.oidc() (StringEquals on :sub and :aud) or '
    + 'RoleTrust.account() (sts:ExternalId across accounts); for services that send no source keys record why with sourceConditionsOptOutReason.',
  evaluate: (resource, context) => {
    const findings: RuleFinding[] = [];
    for (const s of statements(props(resource).AssumeRolePolicyDocument)) {
      if (s.effect !== 'Allow') continue;
      for (const svc of s.principals.Service ?? []) {
        if (!hasConditionOn(s, ...SOURCE_KEYS)) {
          findings.push({ id: `service:${flatten(svc)}`, message: `${describeStatement(s)} trusts ${flatten(svc)} without aws:SourceAccount or aws:SourceArn.` });
        }
      }
      if ((s.principals.AWS ?? []).some(isAnyone) && Object.keys(s.conditions).length === 0) {
        findings.push({ id: `statement:${s.index}`, message: `${describeStatement(s)} trusts any principal ("*") without conditions.` });
      }
      for (const fed of s.principals.Federated ?? []) {
        const provider = flatten(fed);
        if (statementCovers(s, 'sts:AssumeRoleWithWebIdentity')) {
          // exact-match keys; CDK's CfnJson (for token issuers) hides them in a custom resource: read its Value
          let exact = Object.keys(obj(s.conditions.StringEquals) ?? {}).join('\n');
          const viaJson = resolveRef(resource, s.conditions.StringEquals, context);
          if (viaJson) exact = flatten(props(viaJson).Value);
          const cognito = /cognito-identity\.amazonaws\.com/.test(provider);
          const missing = [':aud', cognito ? '' : ':sub'].filter((k) => k && !new RegExp(`${k}("|$|\\n)`, 'm').test(exact));
          if (cognito && !conditionKeys(s).has('cognito-identity.amazonaws.com:amr')) missing.push(':amr');
          if (missing.length > 0) {
            findings.push({ id: `federated:${provider}`, message: `${describeStatement(s)} trusts ${provider} without StringEquals on ${missing.join(' and ')}.` });
          }
        } else if (statementCovers(s, 'sts:AssumeRoleWithSAML') && !conditionKeys(s).has('saml:aud')) {
          findings.push({ id: `federated:${provider}`, message: `${describeStatement(s)} trusts ${provider} without a SAML:aud condition.` });
        }
      }
    }
    return fromFindings(findings);
  },
});
