import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, tokenKind } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/** A repository has a lifecycle policy with at least one rule, so old images do not pile up forever. */
export const AWS_ECR_LIFECYCLE_POLICY = defineRule({
  id: 'aws-ecr-lifecycle-policy',
  title: 'ECR repositories have a lifecycle policy',
  description: 'An ECR repository has no lifecycle policy (or one with no rules, or text that is not a lifecycle policy), so every image it ever received is kept.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['NIST-800-53-R5:CM-8', 'NIST-800-53-R5:SI-12', 'AWS-CT:CT.ECR.PR.1'],
  remediation: 'Set LifecyclePolicy.LifecyclePolicyText to a policy with at least one rule (SecureRepository keeps the newest 1000 images by default).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('LifecyclePolicy.LifecyclePolicyText')) {
      const text = a.value;
      if (text === undefined || (typeof text === 'string' && text.trim() === '')) {
        findings.fail('policy', 'no-policy', 'The repository has no lifecycle policy.', a);
        continue;
      }
      let doc: unknown = text;
      if (typeof text === 'string') {
        try {
          doc = JSON.parse(text);
        } catch {
          if (hasTokens(text) && tokenKind(text) === 'u') findings.unverified('policy', 'no-policy', `The lifecycle policy text is ${display(text)}.`, a);
          else findings.fail('policy', 'invalid', 'The lifecycle policy text is not JSON.', a);
          continue;
        }
      }
      const rules = obj(doc)?.rules;
      if (!Array.isArray(rules) || rules.length === 0) findings.fail('policy', 'invalid', 'The lifecycle policy has no rules.', a);
    }
    return fromFindings(findings.list());
  },
});
