import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';

/** Canned ACLs that grant access beyond the bucket owner (compared case-insensitively). */
export const PUBLIC_CANNED_ACLS = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];
const PUBLIC = new Set(PUBLIC_CANNED_ACLS.map((a) => a.toLowerCase()));

/** No bucket has a public canned ACL (PublicRead, PublicReadWrite, or AuthenticatedRead: every AWS account). */
export const AWS_S3_BUCKET_PUBLIC_ACL = defineRule({
  id: 'aws-s3-bucket-public-acl',
  title: 'S3 buckets have no public canned ACL',
  description: 'An S3 bucket has the canned ACL PublicRead, PublicReadWrite or AuthenticatedRead (any AWS account): everyone can list or write its objects.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::Bucket'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-21', 'PCI-DSS-3.2.1:1.3.1', 'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(a)(1)'],
  remediation: 'Remove AccessControl (or use Private) and disable ACLs with ObjectOwnership BucketOwnerEnforced (SecureBucket does); grant access with bucket policies naming principals.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('AccessControl', valuesOf(resource, context).alts('AccessControl'), (x) => {
      if (x === undefined) return true;
      if (typeof x !== 'string') return false;
      if (hasTokens(x)) return undefined;
      return !PUBLIC.has(x.trim().toLowerCase());
    }, {
      id: 'AccessControl',
      bad: (x) => `AccessControl is ${JSON.stringify(display(x))}: ${String(x).trim().toLowerCase() === 'authenticatedread' ? 'every AWS account' : 'everyone'} gets access through the ACL.`,
      unknown: (x) => `AccessControl is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
