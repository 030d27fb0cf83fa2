import { parseCidr } from '../../../../core/cidr';
import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { containsUnknown } from '../../../values/cfn-resolve';
import { Findings, Verdict } from '../../../values/cfn-values';
import { asList } from '../../../values/json';
import { Statement, allowStatements, documentsOf, judgeAllowAnyone } from '../iam/policy-document';

/** S3 condition keys that bind a request to one access point or account (as S3's own "is public" evaluation counts them). */
const S3_BINDING_KEYS = ['s3:dataaccesspointarn', 's3:dataaccesspointaccount'];

/**
 * Whether a statement is limited to fixed, narrow source addresses (`IpAddress` on `aws:SourceIp`, at least /8 for
 * IPv4 and /32 for IPv6), which S3 does not count as public either. undefined when an address is unknown.
 */
export function boundToSourceIps(s: Statement): Verdict {
  let unknown = false;
  for (const [operator, entries] of Object.entries(s.conditions)) {
    if (!/^(ForAnyValue:)?IpAddress$/i.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (key.toLowerCase() !== 'aws:sourceip') continue;
      const values = asList(value);
      if (values.length === 0) continue;
      if (values.some((x) => typeof x === 'string' && containsUnknown(x))) {
        unknown = true;
        continue;
      }
      const narrow = values.every((x) => {
        const c = parseCidr(String(x).includes('/') ? x : `${x}/${String(x).includes(':') ? 128 : 32}`);
        return !!c && c.prefix >= (c.family === 4 ? 8 : 32);
      });
      if (narrow) return true;
    }
  }
  return unknown || s.conditionsUnknown ? undefined : false;
}

/**
 * Bucket policies do not allow everyone: no Allow statement for `"*"`, `{"AWS": "*"}` or NotPrincipal without a
 * condition in that statement that binds the caller (aws:PrincipalAccount / aws:PrincipalOrgID / aws:SourceArn /
 * aws:SourceVpce / an access point...) or fixed narrow source addresses. One finding per statement
 * (`statement:<index>`), whatever the deny statements next to it say.
 */
export const AWS_S3_BUCKET_POLICY_PUBLIC = defineRule({
  id: 'aws-s3-bucket-policy-public',
  title: 'S3 bucket policies do not allow everyone',
  description: 'A bucket policy statement allows any principal ("*", {"AWS": "*"}, NotPrincipal) without a condition that binds the caller to known accounts, '
    + 'an organization, a VPC endpoint or narrow source addresses: the bucket is public.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::S3::BucketPolicy'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-4', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-21', 'NIST-800-53-R5:SC-7', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:1.3.1',
    'PCI-DSS-3.2.1:7.2.1', 'HIPAA:164.312(a)(1)', 'HIPAA:164.312(e)(1)'],
  remediation: 'Name the principals that need access (account or role ARNs, service principals with aws:SourceArn), or add aws:PrincipalOrgID / aws:PrincipalAccount '
    + 'to the statement; serve public content through CloudFront with origin access control instead of a public bucket.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const { statement: s } of allowStatements(documentsOf(resource, context, 'resource'))) {
      judgeAllowAnyone(findings, s, `statement:${s.index}`, { keys: S3_BINDING_KEYS, bound: boundToSourceIps(s) });
    }
    return fromFindings(findings.list());
  },
});
