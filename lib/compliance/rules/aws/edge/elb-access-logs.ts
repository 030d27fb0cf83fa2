import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList, isTrue, obj } from '../../../values/json';

/**
 * Load balancers write access logs: `access_logs.s3.enabled` true with an `access_logs.s3.bucket` on application and
 * network load balancers (gateway load balancers have no access logs), `AccessLoggingPolicy.Enabled` on classic ones.
 */
export const AWS_EDGE_ELB_ACCESS_LOGS = defineRule({
  id: 'aws-edge-elb-access-logs',
  title: 'Load balancers write access logs',
  description: 'A load balancer does not write access logs: requests, clients and TLS details leave no record.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-3', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.2', 'PCI-DSS-3.2.1:10.3', 'HIPAA:164.312(b)',
    'AWS-CT:CT.ELASTICLOADBALANCING.PR.6', 'AWS-CT:CT.ELASTICLOADBALANCING.PR.10'],
  remediation: 'Set the attributes access_logs.s3.enabled=true and access_logs.s3.bucket (MtlsHttpsService does; aws-cdk-lib: logAccessLogs(bucket)); '
    + 'classic load balancers: AccessLoggingPolicy { Enabled: true, S3BucketName }.',
  evaluate: (resource, context) => {
    const findings = new Findings();
    let applicable = false;
    for (const a of valuesOf(resource, context).alts([])) {
      const p = obj(a.value) ?? {};
      if (resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
        applicable = true;
        const enabled = obj(p.AccessLoggingPolicy)?.Enabled;
        if (isTrue(enabled)) continue;
        if (typeof enabled === 'string' && hasTokens(enabled)) findings.unverified('logs', 'access-logs', `AccessLoggingPolicy.Enabled is ${display(enabled)}.`, a);
        else findings.fail('logs', 'access-logs', 'AccessLoggingPolicy is not enabled.', a);
        continue;
      }
      if (typeof p.Type === 'string' && !hasTokens(p.Type) && p.Type.trim().toLowerCase() === 'gateway') continue;
      applicable = true;
      const attrs = new Map<string, unknown>();
      for (const e of asList(p.LoadBalancerAttributes)) if (obj(e) && typeof obj(e)!.Key === 'string') attrs.set(obj(e)!.Key, obj(e)!.Value);
      const enabled = attrs.get('access_logs.s3.enabled');
      const bucket = attrs.get('access_logs.s3.bucket');
      if (typeof enabled === 'string' && hasTokens(enabled)) findings.unverified('logs', 'access-logs', `access_logs.s3.enabled is ${display(enabled)}.`, a);
      else if (!isTrue(enabled)) findings.fail('logs', 'access-logs', `access_logs.s3.enabled is ${enabled === undefined ? 'not set (false)' : display(enabled)}: the load balancer writes no access logs.`, a);
      else if (bucket === undefined || bucket === '') findings.fail('logs', 'access-logs', 'access_logs.s3.enabled is true but access_logs.s3.bucket is not set.', a);
    }
    return applicable ? fromFindings(findings.list()) : NOT_APPLICABLE;
  },
});
