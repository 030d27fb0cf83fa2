import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList, isFalse, isTrue } from '../../../values/json';
import { isOpenCidrValue } from '../network/open-ingress';

/**
 * The Kubernetes API endpoint is private: `EndpointPublicAccess` false (EKS's default is true) and
 * `EndpointPrivateAccess` true (EKS's default is false). A public endpoint is finding `public` (or `public-open`
 * when it is open to every address: no `PublicAccessCidrs`, or 0.0.0.0/0).
 */
export const AWS_EKS_ENDPOINT_ACCESS = defineRule({
  id: 'aws-eks-endpoint-access',
  title: 'EKS cluster API endpoints are private',
  description: 'An EKS cluster\'s Kubernetes API endpoint is reachable from the internet (EndpointPublicAccess is true or unset), or its private endpoint is off, so nodes reach the API over the internet.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EKS::Cluster'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-17', 'PCI-DSS-3.2.1:1.3.1', 'HIPAA:164.312(e)(1)', 'CIS-K8S:5.4.2', 'AWS-CT:CT.EKS.PR.1'],
  remediation: 'Set ResourcesVpcConfig.EndpointPublicAccess false and EndpointPrivateAccess true (SecureCluster does); if the API must be public, '
    + 'limit PublicAccessCidrs and record why with SecureCluster publicEndpoint.reason.',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    for (const a of v.alts('ResourcesVpcConfig.EndpointPublicAccess')) {
      if (isFalse(a.value)) continue;
      if (typeof a.value === 'string' && hasTokens(a.value)) {
        findings.unverified('public', 'public', `EndpointPublicAccess is ${display(a.value)}.`, a);
        continue;
      }
      const cidrs = v.alts('ResourcesVpcConfig.PublicAccessCidrs');
      const open = cidrs.some((c) => asList(c.value).length === 0 || asList(c.value).some((x) => isOpenCidrValue(x)));
      const unknown = cidrs.some((c) => asList(c.value).some((x) => typeof x !== 'string' || hasTokens(x)));
      if (open) findings.fail('public', 'public-open', `The API endpoint is public and open to every address (${a.value === undefined ? 'EndpointPublicAccess unset' : 'EndpointPublicAccess true'}, PublicAccessCidrs empty or 0.0.0.0/0).`, a);
      else if (unknown) findings.unverified('public', 'public-open', 'The API endpoint is public and its PublicAccessCidrs are not known before deployment.', a);
      else findings.fail('public', 'public', `The API endpoint is public (from ${cidrs.flatMap((c) => asList(c.value)).map(display).join(', ')}).`, a);
    }
    findings.check('private', v.alts('ResourcesVpcConfig.EndpointPrivateAccess'), (x) => (isTrue(x) ? true : typeof x === 'string' && hasTokens(x) ? undefined : false), {
      id: 'private-disabled',
      bad: (x) => `EndpointPrivateAccess is ${x === undefined ? 'not set (false)' : JSON.stringify(display(x))}: nodes reach the API over the public endpoint.`,
      unknown: (x) => `EndpointPrivateAccess is ${display(x)}.`,
    });
    return fromFindings(findings.list());
  },
});
