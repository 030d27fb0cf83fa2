import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { props } from '../network/cfn-values';

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
  evaluate: (resource) => {
    const v = props(resource).MaxSessionDuration;
    if (v === undefined) return COMPLIANT;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
    if (n === undefined) return nonCompliant({ message: 'MaxSessionDuration is not a literal number of seconds.' });
    return n <= MAX_SESSION_SECONDS ? COMPLIANT : nonCompliant({ message: `MaxSessionDuration is ${n} seconds, above ${MAX_SESSION_SECONDS}.` });
  },
});
