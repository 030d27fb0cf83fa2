import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';
import { judgeRetained } from '../shared/retained';

/** Repositories (and the images deployments pin by digest) survive stack deletion. */
export const AWS_ECR_REPOSITORY_RETAINED = defineRule({
  id: 'aws-ecr-repository-retained',
  title: 'ECR repositories are retained when removed from the stack',
  description: 'An ECR repository is deleted with its stack (DeletionPolicy not Retain, or EmptyOnDelete true), and with it every image that running workloads pin by digest.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['NIST-800-53-R5:CP-9', 'NIST-800-53-R5:CM-2'],
  remediation: 'Set DeletionPolicy and UpdateReplacePolicy to Retain and leave EmptyOnDelete unset (SecureRepository does), or record why with SecureRepository removalPolicyReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    judgeRetained(resource, context, findings, { replace: true });
    for (const a of valuesOf(resource, context).alts('EmptyOnDelete')) {
      if (isTrue(a.value)) findings.fail('EmptyOnDelete', 'empty-on-delete', 'EmptyOnDelete is true: deleting the repository deletes its images.', a);
    }
    return fromFindings(findings.list());
  },
});
