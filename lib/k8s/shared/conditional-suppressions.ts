import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { K8S_SUPPRESSIONS_ANNOTATION } from '../../compliance/suppressions';
import { annotationListForAppend } from '../../core/annotation-list';

/** A suppression written into the manifest only if a condition holds at synthesis. */
interface ConditionalSuppression {
  readonly id: string;
  readonly reason: string;
  readonly when: () => boolean;
}

/**
 * An ApiObject that can carry suppressions decided at synthesis time, when the whole app is
 * known (e.g. "suppress the namespace default-deny finding only when this manifest set contains no
 * Namespace object for the namespace"). Conditional suppressions are merged into the
 * `secure-constructs.dev/suppressions` annotation, after the ones recorded the usual way.
 */
export class ConditionallySuppressedApiObject extends ApiObject {
  private readonly conditional: ConditionalSuppression[] = [];

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
  }

  /** Adds a suppression that is written only when `when()` returns true at synthesis. */
  public addConditionalSuppression(id: string, reason: string, when: () => boolean): void {
    this.conditional.push({ id, reason, when });
  }

  public toJson(): any {
    const json = super.toJson();
    const extra = this.conditional.filter((c) => c.when()).map((c) => ({ id: c.id, reason: c.reason }));
    if (extra.length === 0) return json;
    const annotations = { ...(json.metadata?.annotations ?? {}) };
    const list = annotationListForAppend(annotations[K8S_SUPPRESSIONS_ANNOTATION], this.node.path, K8S_SUPPRESSIONS_ANNOTATION) as any[];
    for (const s of extra) if (!list.some((x) => x && x.id === s.id && x.reason === s.reason)) list.push(s);
    annotations[K8S_SUPPRESSIONS_ANNOTATION] = JSON.stringify(list);
    return { ...json, metadata: { ...json.metadata, annotations } };
  }
}

/** Whether the app that holds `scope` defines a Namespace object with this name. */
export function appDefinesNamespace(scope: Construct, name: string): boolean {
  return scope.node.root.node.findAll().some((c) => ApiObject.isApiObject(c) && c.kind === 'Namespace' && c.name === name);
}
