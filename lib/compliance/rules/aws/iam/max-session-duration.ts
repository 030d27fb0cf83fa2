import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { num } from '../../../values/json';

/** Longest role session (seconds) that does not need a recorded reason. */
export const MAX_SESSION_SECONDS = 3600;

/** Role sessions last at most one hour, so that leaked temporary credentials expire soon. */
export const AWS_IAM_ROLE_MAX_SESSION_DURATION = defineRule({
  id: 'aws-iam-role-max-session-duration',
  title: 'IAM role sessions last at most one hour',
  description: 'An IAM role allows sessions longer than one hour (MaxSessionDuration above 3600 seconds).',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['NIST-800-53-R5:AC-12', 'NIST-800-53-R5:IA-11', 'PCI-DSS-3.2.1:8.1.8', 'HIPAA:164.312(a)(2)(iii)'],
  remediation: 'Leave MaxSessionDuration at 3600 (LeastPrivilegeRole does), or record why with LeastPrivilegeRole maxSessionDurationReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('MaxSessionDuration', valuesOf(resource, context).alts('MaxSessionDuration'), (v) => {
      if (v === undefined) return true;
      const n = num(v);
      if (n !== undefined) return n <= MAX_SESSION_SECONDS;
      return typeof v === 'string' && hasTokens(v) ? undefined : false;
    }, {
      bad: (v) => (num(v) === undefined ? `MaxSessionDuration is ${display(v)}, not a number of seconds.` : `MaxSessionDuration is ${num(v)} seconds, above ${MAX_SESSION_SECONDS}.`),
      unknown: (v) => `MaxSessionDuration is ${display(v)}.`,
    });
    return fromFindings(findings.list());
  },
});
