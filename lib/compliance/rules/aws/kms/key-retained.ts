import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { num } from '../../../values/json';
import { judgeRetained } from '../shared/retained';

/** Minimum pending deletion window (days) that does not need a recorded reason. */
export const MIN_PENDING_WINDOW_DAYS = 30;

/** Keys survive stack deletion and replacement, and keep the longest window to cancel a scheduled deletion. */
export const AWS_KMS_KEY_RETAINED = defineRule({
  id: 'aws-kms-key-retained',
  title: 'KMS keys are retained and keep a 30-day deletion window',
  description: 'A KMS key is deleted with its stack (DeletionPolicy / UpdateReplacePolicy not Retain) or has a pending deletion window below 30 days: '
    + 'data encrypted with a deleted key cannot be recovered.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::KMS::Key'],
  controls: ['NIST-800-53-R5:SC-12', 'NIST-800-53-R5:CP-9', 'PCI-DSS-3.2.1:3.5', 'HIPAA:164.308(a)(7)(ii)(A)'],
  remediation: 'Set DeletionPolicy and UpdateReplacePolicy to Retain and leave PendingWindowInDays at 30 (EncryptionKey does), '
    + 'or record why with EncryptionKey removalPolicyReason / pendingWindowReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    judgeRetained(resource, context, findings, { replace: true, id: 'DeletionPolicy' });
    findings.check('PendingWindowInDays', valuesOf(resource, context).alts('PendingWindowInDays'), (w) => {
      if (w === undefined) return true;
      const n = num(w);
      if (n !== undefined) return n >= MIN_PENDING_WINDOW_DAYS;
      return typeof w === 'string' && hasTokens(w) ? undefined : false;
    }, {
      id: 'PendingWindowInDays',
      bad: (w) => `PendingWindowInDays is ${display(w)}, below ${MIN_PENDING_WINDOW_DAYS}.`,
      unknown: (w) => `PendingWindowInDays is ${display(w)}.`,
    });
    return fromFindings(findings.list());
  },
});
