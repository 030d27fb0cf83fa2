/**
 * Which buckets of a run receive logs that AWS services deliver themselves. Such buckets are told apart from data
 * buckets by what references them, never by their name:
 * - server access log targets: the `LoggingConfiguration.DestinationBucketName` of another bucket;
 * - delivery targets of services that only write to SSE-S3 buckets: Elastic Load Balancing access and connection
 *   logs (`access_logs.s3.bucket` / `connection_logs.s3.bucket`, classic `AccessLoggingPolicy.S3BucketName`) and
 *   CloudFront standard logs (`Logging.Bucket`).
 * A bucket is matched by reference (`Ref`, `Fn::GetAtt`) or by its literal `BucketName`.
 */
import { Resource, RuleContext } from '../../../model';
import { hasTokens } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';
import { byLiteralName, certainlyCreated, referencedIds, stackKey } from '../shared/refs';

/** Why a bucket receives service-delivered logs. */
export type LogTargetKind = 'server-access-logs' | 'service-logs';

interface Targets {
  readonly serverAccess: Set<string>;
  readonly service: Set<string>;
}

function targets(context: RuleContext): Targets {
  return context.memo('aws-s3:log-targets', () => {
    const names = byLiteralName(context, 'AWS::S3::Bucket', 'BucketName');
    const serverAccess = new Set<string>();
    const service = new Set<string>();
    const add = (set: Set<string>, stack: string | undefined, value: unknown, nameOf: (s: string) => string = (s) => s) => {
      for (const id of referencedIds(value)) set.add(stackKey(stack, id));
      if (typeof value === 'string' && !hasTokens(value)) for (const id of names.get(stackKey(stack, nameOf(value))) ?? []) set.add(stackKey(stack, id));
    };
    for (const b of context.ofType('AWS::S3::Bucket')) {
      if (!certainlyCreated(b)) continue;
      for (const a of valuesOf(b, context).alts('LoggingConfiguration.DestinationBucketName')) add(serverAccess, b.stack, a.value);
    }
    for (const lb of context.ofType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      if (!certainlyCreated(lb)) continue;
      for (const item of valuesOf(lb, context).items('LoadBalancerAttributes')) {
        for (const a of item.alts) {
          const e = obj(a.value);
          if (e && (e.Key === 'access_logs.s3.bucket' || e.Key === 'connection_logs.s3.bucket')) add(service, lb.stack, e.Value);
        }
      }
    }
    for (const lb of context.ofType('AWS::ElasticLoadBalancing::LoadBalancer')) {
      if (!certainlyCreated(lb)) continue;
      for (const a of valuesOf(lb, context).alts('AccessLoggingPolicy.S3BucketName')) add(service, lb.stack, a.value);
    }
    for (const d of context.ofType('AWS::CloudFront::Distribution')) {
      if (!certainlyCreated(d)) continue;
      // a bucket domain name: my-logs.s3.amazonaws.com
      for (const a of valuesOf(d, context).alts('DistributionConfig.Logging.Bucket')) add(service, d.stack, a.value, (s) => s.replace(/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/, ''));
    }
    return { serverAccess, service };
  });
}

/** Why `bucket` receives service-delivered logs, or undefined for a data bucket. */
export function logTargetKind(bucket: Resource, context: RuleContext): LogTargetKind | undefined {
  const t = targets(context);
  const k = stackKey(bucket.stack, bucket.logicalId);
  if (t.serverAccess.has(k)) return 'server-access-logs';
  if (t.service.has(k)) return 'service-logs';
  return undefined;
}

/** Whether a bucket is the server access log target of another bucket (the end of the logging chain). */
export function isServerAccessLogTarget(bucket: Resource, context: RuleContext): boolean {
  return targets(context).serverAccess.has(stackKey(bucket.stack, bucket.logicalId));
}

