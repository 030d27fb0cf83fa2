import { Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Alt, display, hasTokens, literalText, referencedResource, tokenKind } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

const KMS_KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey']);

/** Whether a key reference names the AWS managed key of Secrets Manager, in any form Secrets Manager accepts. */
export function isAwsManagedSecretsKey(v: string): boolean {
  return /(^|[:/])aws\/secretsmanager\s*$/i.test(literalText(v));
}

function judgeKey(
  resource: Resource,
  context: RuleContext,
  findings: Findings,
  subject: string,
  id: string,
  alts: readonly Alt[],
  what: string,
): void {
  for (const a of alts) {
    const k = a.value;
    if (k === undefined || k === '') {
      findings.fail(subject, id, `${what} has no KmsKeyId: it is encrypted with the AWS managed key aws/secretsmanager.`, a);
    } else if (typeof k !== 'string') {
      findings.fail(subject, id, `${what} has KmsKeyId ${display(k)}, not a key reference.`, a);
    } else if (isAwsManagedSecretsKey(k)) {
      findings.fail(subject, id, `${what} is encrypted with the AWS managed key (${display(k)}).`, a);
    } else if (hasTokens(k)) {
      const target = referencedResource(k);
      const res = target ? context.byLogicalId(resource.stack, target) : undefined;
      if (res && !KMS_KEY_TYPES.has(res.type)) findings.fail(subject, id, `${what} has KmsKeyId referencing ${res.type}, not a KMS key.`, a);
      else if (tokenKind(k) === 'u') findings.unverified(subject, id, `${what} has KmsKeyId ${display(k)}.`, a);
    }
  }
}

/** Secrets (and their replicas) are encrypted with a customer managed key, not the AWS managed aws/secretsmanager key. */
export const AWS_SECRETS_CMK_ENCRYPTION = defineRule({
  id: 'aws-secrets-cmk-encryption',
  title: 'Secrets are encrypted with a customer managed key',
  description: 'A Secrets Manager secret or one of its replicas has no KmsKeyId (or uses alias/aws/secretsmanager): the AWS managed key cannot be '
    + 'scoped by a key policy you control, nor shared across accounts.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::SecretsManager::Secret'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.4', 'PCI-DSS-3.2.1:3.5', 'HIPAA:164.312(a)(2)(iv)'],
  remediation: 'Set KmsKeyId (and KmsKeyId of every ReplicaRegions entry) to a customer managed key (SecretsStore does).',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    judgeKey(resource, context, findings, 'KmsKeyId', 'KmsKeyId', v.alts('KmsKeyId'), 'The secret');
    for (const item of v.items('ReplicaRegions')) {
      for (const a of item.alts) {
        const r = obj(a.value);
        const region = r ? display(r.Region) : display(a.value);
        judgeKey(resource, context, findings, `replica:${item.index}`, `replica:${region}`, [{ value: r ? r.KmsKeyId : a.value, via: a.via }], `The replica in ${region}`);
      }
    }
    return fromFindings(findings.list());
  },
});
