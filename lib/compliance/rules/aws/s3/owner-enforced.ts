import { COMPLIANT, Resource, RuleContext, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

/** ACLs are disabled (Object Ownership BucketOwnerEnforced): access is decided by policies only. */
export const AWS_S3_BUCKET_OWNER_ENFORCED = defineRule({
  id: 'aws-s3-bucket-owner-enforced',
  title: 'S3 buckets disable ACLs (BucketOwnerEnforced)',
  description: 'An S3 bucket does not set Object Ownership to BucketOwnerEnforced: ACLs can still grant access next to the policies, and objects '
    + 'written by other accounts stay theirs.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(a)(1)', 'AWS-CT:CT.S3.PR.5'],
  remediation: 'Set OwnershipControls to [{ ObjectOwnership: BucketOwnerEnforced }] (SecureBucket does).',
  evaluate: (resource: Resource, context: RuleContext) => {
    // in every possible value of OwnershipControls, a rule that is certainly present says BucketOwnerEnforced
    const lists = valuesOf(resource, context).lists('OwnershipControls.Rules');
    const ok = lists.length > 0 && lists.every((l) => l.value.some((i) => !i.optional && i.alts.length > 0 && i.alts.every((a) => obj(a.value)?.ObjectOwnership === 'BucketOwnerEnforced')));
    return ok ? COMPLIANT : nonCompliant({ message: 'Object Ownership is not BucketOwnerEnforced in every possible value of OwnershipControls.' });
  },
});
