import {
  TRUST_BINDING_KEYS, bindsCaller, conditionKeys, describeStatement, documentsOf, hasConditionOn, principalIsAnyone, statementCovers, statementVia,
} from './policy-document';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

/**
 * Trust policies carry conditions: service principals are scoped to a source account or resource (confused-deputy
 * protection), web-identity federation pins the audience and the subject with StringEquals, SAML federation pins
 * the audience, and "*" (or NotPrincipal) is trusted only with a condition that binds the caller
 * (aws:PrincipalAccount / aws:PrincipalOrgID / aws:PrincipalArn, aws:SourceAccount / aws:SourceArn, sts:ExternalId,
 * a web-identity `sub`) — not with conditions such as aws:SecureTransport that anyone can meet.
 */
export const AWS_IAM_ROLE_TRUST_CONDITIONS = defineRule({
  id: 'aws-iam-role-trust-conditions',
  title: 'IAM role trust policies are scoped by conditions',
  description: 'A role trust policy trusts a service principal without aws:SourceAccount / aws:SourceArn, a web identity provider without exact '
    + '(StringEquals) audience and subject conditions, a SAML provider without SAML:aud, or any principal ("*", NotPrincipal) without a '
    + 'condition that binds the caller.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-8', 'PCI-DSS-3.2.1:7.2.1', 'PCI-DSS-3.2.1:8.1.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(d)'],
  remediation: 'Use LeastPrivilegeRole with RoleTrust.service() (adds aws:SourceAccount), RoleTrust.oidc() (StringEquals on :sub and :aud) or '
    + 'RoleTrust.account() (sts:ExternalId across accounts); for services that send no source keys record why with sourceConditionsOptOutReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const { docs } of documentsOf(resource, context, 'trust')) {
      for (const d of docs) {
        for (const ps of d.statements) {
          for (const s of ps.alts) {
            if (s.effect !== 'Allow') continue;
            const via = statementVia(s);
            for (const svc of s.principals.Service ?? []) {
              if (!hasConditionOn(s, ...SOURCE_KEYS)) {
                findings.fail(`service:${display(svc)}`, `service:${display(svc)}`, `${describeStatement(s)} trusts ${display(svc)} without aws:SourceAccount or aws:SourceArn${via}.`);
              }
            }
            const anyone = principalIsAnyone(s);
            if (anyone !== false) {
              const binds = bindsCaller(s, TRUST_BINDING_KEYS, true);
              const what = s.notPrincipal ? 'every principal but the NotPrincipal ones' : 'any principal ("*")';
              if (anyone === true && binds === false) {
                findings.fail(`statement:${s.index}`, `statement:${s.index}`, `${describeStatement(s)} trusts ${what} without a condition that binds the caller (aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, sts:ExternalId, a web-identity sub)${via}.`);
              } else if (binds !== true) {
                findings.unverified(`statement:${s.index}`, `statement:${s.index}`, `${describeStatement(s)} may trust any principal: its principal or conditions are not known before deployment${via}.`);
              }
            }
            for (const fed of s.principals.Federated ?? []) {
              const provider = display(fed);
              if (statementCovers(s, 'sts:AssumeRoleWithWebIdentity') !== false) {
                const exact = Object.keys(obj(s.conditions.StringEquals) ?? {}).join('\n');
                const cognito = /cognito-identity\.amazonaws\.com/.test(provider);
                const missing = [':aud', cognito ? '' : ':sub'].filter((k) => k && !new RegExp(`${k}$`, 'm').test(exact));
                if (cognito && !conditionKeys(s).has('cognito-identity.amazonaws.com:amr')) missing.push(':amr');
                if (missing.length > 0) {
                  findings.fail(`federated:${provider}`, `federated:${provider}`, `${describeStatement(s)} trusts ${provider} without StringEquals on ${missing.join(' and ')}${via}.`);
                }
              } else if (statementCovers(s, 'sts:AssumeRoleWithSAML') !== false && !conditionKeys(s).has('saml:aud')) {
                findings.fail(`federated:${provider}`, `federated:${provider}`, `${describeStatement(s)} trusts ${provider} without a SAML:aud condition${via}.`);
              }
            }
          }
        }
      }
    }
    return fromFindings(findings.list());
  },
});
