import { RemovalPolicy } from 'aws-cdk-lib';
import { MIN_REASON_LENGTH, PropValidator, isValidReason } from '../../core/errors';

/** What a stateful construct says about losing its resource (the words of its errors). */
export interface RemovalPolicyWords {
  /** The resource kind in the plural, e.g. `buckets` ("SNAPSHOT is not supported by buckets."). */
  readonly resources: string;
  /** What is lost, appended to "because removalPolicy is X", e.g. `: the log events are deleted with the stack`. */
  readonly loss?: string;
  /** What may be deleted, in "explain why the bucket may be deleted with the stack". */
  readonly deleted: string;
}

/**
 * The one check of `removalPolicy` + `removalPolicyReason` of every stateful construct: RETAIN (and
 * RETAIN_ON_UPDATE_OR_DELETE) need nothing, SNAPSHOT is refused where the resource has no snapshots, anything
 * else needs a reason, and a reason without a weakened policy is an error. Returns whether the resource is retained.
 */
export function checkRemovalPolicy(v: PropValidator, removalPolicy: RemovalPolicy, reason: string | undefined, words: RemovalPolicyWords): boolean {
  const retained = removalPolicy === RemovalPolicy.RETAIN || removalPolicy === RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
  const snapshot = removalPolicy === RemovalPolicy.SNAPSHOT;
  v.require(!snapshot, 'removalPolicy', `SNAPSHOT is not supported by ${words.resources}.`, 'Use RemovalPolicy.RETAIN (the default) or DESTROY with removalPolicyReason.');
  if (!retained && !snapshot) {
    v.require(isValidReason(reason), 'removalPolicyReason',
      `is required (at least ${MIN_REASON_LENGTH} characters) because removalPolicy is ${removalPolicy}${words.loss ?? ''}.`,
      `Keep RemovalPolicy.RETAIN (the default) or explain why ${words.deleted} may be deleted with the stack.`);
  } else if (reason !== undefined) {
    v.fail('removalPolicyReason', 'is only meaningful with a removalPolicy other than RETAIN.', 'Remove removalPolicyReason.');
  }
  return retained;
}
