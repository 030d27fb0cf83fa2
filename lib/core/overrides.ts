import { CfnResource } from 'aws-cdk-lib';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { annotationListForAppend } from './annotation-list';
import { MIN_REASON_LENGTH, ValidationError, isValidReason } from './errors';
import { CFN_METADATA_KEY, K8S_OVERRIDES_ANNOTATION, K8S_SUPPRESSIONS_ANNOTATION } from '../compliance/suppressions';

/**
 * A secure default that a user weakened on purpose. Every construct option that weakens a
 * default takes one of these; the reason is written into the output and shows up in the report.
 */
export interface OverrideRecord {
  /** The construct property that weakens a default, e.g. `enableKeyRotation`. */
  readonly property: string;
  /** Why. At least 10 characters. */
  readonly reason: string;
  /** Rule ids whose findings this override accepts (they are suppressed with the same reason). */
  readonly suppresses?: string[];
}

/** Throws a ValidationError naming the property if the reason is missing or too short. */
export function requireReason(scope: IConstruct, property: string, reason: string | undefined): string {
  if (!isValidReason(reason)) {
    throw new ValidationError(scope, [{
      property,
      problem: `weakens a secure default and needs a reason of at least ${MIN_REASON_LENGTH} characters (got ${JSON.stringify(reason ?? '')}).`,
      fix: 'Pass a written justification; it is recorded in the synthesized output and shown in the compliance report.',
    }]);
  }
  return reason!.trim();
}

/** Records an override on a CloudFormation resource (in its `Metadata`). */
export function recordCfnOverride(resource: CfnResource, record: OverrideRecord): void {
  const reason = requireReason(resource, record.property, record.reason);
  const current = (resource.getMetadata(CFN_METADATA_KEY) as any) ?? {};
  const overrides = [...(current.overrides ?? []), { property: record.property, reason }];
  const suppressions = [...(current.suppressions ?? [])];
  for (const id of record.suppresses ?? []) suppressions.push({ id, reason: `${record.property}: ${reason}` });
  resource.addMetadata(CFN_METADATA_KEY, { ...current, overrides, ...(suppressions.length > 0 ? { suppressions } : {}) });
}


function appendJsonAnnotation(obj: ApiObject, key: string, items: object[]): void {
  const existing = obj.metadata.toJson().annotations?.[key];
  const list = annotationListForAppend(existing, obj.node.path, key);
  obj.metadata.addAnnotation(key, JSON.stringify([...list, ...items]));
}

/** Records an override on a Kubernetes object (as an annotation). */
export function recordK8sOverride(obj: ApiObject, record: OverrideRecord): void {
  const reason = requireReason(obj, record.property, record.reason);
  appendJsonAnnotation(obj, K8S_OVERRIDES_ANNOTATION, [{ property: record.property, reason }]);
  const sups = (record.suppresses ?? []).map((id) => ({ id, reason: `${record.property}: ${reason}` }));
  if (sups.length > 0) appendJsonAnnotation(obj, K8S_SUPPRESSIONS_ANNOTATION, sups);
}

