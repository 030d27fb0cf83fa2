import { COMPLIANT, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';
import { indexByRef, referencing } from '../iam/policy-document';

/** Every secret has a rotation schedule (AWS::SecretsManager::RotationSchedule referencing it, with a function or a hosted rotation). */
export const AWS_SECRETS_ROTATION = defineRule({
  id: 'aws-secrets-rotation',
  title: 'Secrets are rotated on a schedule',
  description: 'A Secrets Manager secret has no rotation schedule with a rotation function (RotationLambdaARN) or a hosted rotation (HostedRotationLambda).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::SecretsManager::Secret'],
  controls: ['NIST-800-53-R5:IA-5(1)', 'NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:8.2.4', 'HIPAA:164.308(a)(5)(ii)(D)'],
  remediation: 'Add an AWS::SecretsManager::RotationSchedule for the secret (SecretsStore does by default), or record why with SecretRotation.disabled(reason).',
  evaluate: (resource: Resource, context: RuleContext) => {
    const schedules = referencing(indexByRef(context, 'AWS::SecretsManager::RotationSchedule', 'SecretId'), resource);
    // a schedule that rotates in every possible value (an Fn::If with AWS::NoValue does not rotate)
    const active = schedules.some((s) => valuesOf(s, context).alts([]).every((a) => {
      const p = obj(a.value) ?? {};
      return p.RotationLambdaARN !== undefined || obj(p.HostedRotationLambda) !== undefined || typeof p.HostedRotationLambda === 'string';
    }));
    if (active) return COMPLIANT;
    return nonCompliant({ message: schedules.length === 0 ? 'No rotation schedule references this secret.' : 'The rotation schedule has neither a rotation function nor a hosted rotation.' });
  },
});
