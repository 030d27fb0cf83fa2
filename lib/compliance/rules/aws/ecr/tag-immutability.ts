import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Tags of a repository cannot be moved: a tag that passed review (or a signature check) always names the same image. */
export const AWS_ECR_TAG_IMMUTABILITY = defineRule({
  id: 'aws-ecr-tag-immutability',
  title: 'ECR repositories have immutable tags',
  description: 'An ECR repository lets pushed tags be overwritten (ImageTagMutability MUTABLE, the default, or exclusion filters), so a tag can later name different content.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['NIST-800-53-R5:CM-2', 'NIST-800-53-R5:SI-7', 'NIST-800-53-R5:CM-14', 'AWS-CT:CT.ECR.PR.3'],
  remediation: 'Set ImageTagMutability to IMMUTABLE (SecureRepository does), or record why tags must move with SecureRepository mutableTagsReason.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('ImageTagMutability')) {
      const v = a.value;
      if (v === 'IMMUTABLE') continue;
      if (typeof v === 'string' && hasTokens(v)) findings.unverified('ImageTagMutability', undefined, `ImageTagMutability is ${display(v)}.`, a);
      else if (v === 'IMMUTABLE_WITH_EXCLUSION') findings.fail('ImageTagMutability', 'exclusions', 'ImageTagMutability is IMMUTABLE_WITH_EXCLUSION: tags matching the exclusion filters can be overwritten.', a);
      else findings.fail('ImageTagMutability', undefined, `ImageTagMutability is ${v === undefined ? 'not set (MUTABLE)' : JSON.stringify(display(v))}: pushed tags can be overwritten.`, a);
    }
    return fromFindings(findings.list());
  },
});
