/**
 * Shared helpers for rules that read pod specs.
 *
 * Every pod-bearing kind carries a pod spec and pod metadata at a known place. The helpers here find them,
 * and iterate the containers of a pod spec in the order the Pod Security admission controller does
 * (initContainers, containers, ephemeralContainers), each with a label used in finding ids.
 *
 * Input may be hostile or malformed YAML: every accessor tolerates any JSON value and never throws.
 */
import { NOT_APPLICABLE, Resource, RuleFinding, RuleResult, fromFindings } from '../../model';

/** Kinds that carry a pod template (or are a pod). */
export const POD_KINDS: readonly string[] = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'PodTemplate',
];

/** Pod kinds whose pods run to completion (batch workloads). */
export const BATCH_KINDS: readonly string[] = ['Job', 'CronJob'];

/** A plain object, or undefined for anything else (null, arrays, scalars). */
export function obj(v: unknown): Record<string, any> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
}

/** An array, or an empty one for anything else. */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** A string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Whether a field is set the way the Kubernetes API (Go) sees it: present and not null. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The pod spec and pod metadata of a pod-bearing object, with the path of the spec. */
export interface PodInfo {
  /** The pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment...). Always an object. */
  readonly spec: Record<string, any>;
  /** The pod metadata (`metadata` of a Pod, `spec.template.metadata` of a Deployment...). Always an object. */
  readonly metadata: Record<string, any>;
  /** Dotted path of the pod spec in the object, for messages: `spec`, `spec.template.spec`... */
  readonly specPath: string;
  /** Dotted path of the pod metadata in the object. */
  readonly metadataPath: string;
}

const EMPTY: Record<string, any> = Object.freeze({}) as Record<string, any>;

/**
 * Finds the pod spec and pod metadata of an object of a pod-bearing kind.
 * Returns undefined for other kinds and for objects that have no pod spec at the expected place.
 */
export function podOf(resource: Pick<Resource, 'type' | 'body'>): PodInfo | undefined {
  const body = obj(resource.body);
  if (!body) return undefined;
  let holder: Record<string, any> | undefined; // the object holding `metadata` and `spec` of the pod
  let base: string;
  switch (resource.type) {
    case 'Pod':
      holder = body;
      base = '';
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'ReplicationController':
      holder = obj(obj(body.spec)?.template);
      base = 'spec.template.';
      break;
    case 'CronJob':
      holder = obj(obj(obj(obj(body.spec)?.jobTemplate)?.spec)?.template);
      base = 'spec.jobTemplate.spec.template.';
      break;
    case 'PodTemplate':
      holder = obj(body.template);
      base = 'template.';
      break;
    default:
      return undefined;
  }
  const spec = obj(holder?.spec);
  if (!holder || !spec) return undefined;
  return { spec, metadata: obj(holder.metadata) ?? EMPTY, specPath: `${base}spec`, metadataPath: `${base}metadata` };
}

/** Which list of the pod spec a container comes from. */
export type ContainerKind = 'initContainer' | 'container' | 'ephemeralContainer';

/** One container of a pod spec. */
export interface ContainerRef {
  readonly kind: ContainerKind;
  /** The container object (always an object). */
  readonly container: Record<string, any>;
  /** Its name (`<unnamed #i>` when missing). */
  readonly name: string;
  /** Finding id: `container:app`, `initContainer:init`, `ephemeralContainer:debug`. */
  readonly id: string;
  /** Path of the container in the object, for messages: `spec.template.spec.containers[0]`. */
  readonly path: string;
  /** Its securityContext (always an object, empty when unset). */
  readonly securityContext: Record<string, any>;
  /** Whether the container has a securityContext object. */
  readonly hasSecurityContext: boolean;
}

const LISTS: readonly [string, ContainerKind][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/**
 * The containers of a pod spec: initContainers, containers, then ephemeralContainers
 * (the order of the upstream visitor). `only` narrows the lists visited.
 */
export function containersOf(pod: PodInfo, only?: readonly ContainerKind[]): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, kind] of LISTS) {
    if (only && !only.includes(kind)) continue;
    arr(pod.spec[field]).forEach((c, i) => {
      const container = obj(c);
      if (!container) return;
      const name = str(container.name) ?? `<unnamed #${i}>`;
      const sc = obj(container.securityContext);
      out.push({
        kind,
        container,
        name,
        id: `${kind}:${name}`,
        path: `${pod.specPath}.${field}[${i}]`,
        securityContext: sc ?? EMPTY,
        hasSecurityContext: sc !== undefined,
      });
    });
  }
  return out;
}

/** The pod-level securityContext (always an object). */
export function podSecurityContext(pod: PodInfo): Record<string, any> {
  return obj(pod.spec.securityContext) ?? EMPTY;
}

/** Whether the pod declares `spec.os.name: windows` (restricted checks exempt such pods since policy v1.25). */
export function isWindowsPod(pod: PodInfo): boolean {
  return obj(pod.spec.os)?.name === 'windows';
}

/** A short, human label for a container ref: `container "app"`. */
export function label(c: ContainerRef): string {
  return `${c.kind} "${c.name}"`;
}

/**
 * Evaluates a pod-level check: not applicable when the object has no pod spec,
 * otherwise compliant exactly when `check` returns no findings.
 */
export function checkPod(resource: Pick<Resource, 'type' | 'body'>, check: (pod: PodInfo) => RuleFinding[]): RuleResult {
  const pod = podOf(resource);
  if (!pod) return NOT_APPLICABLE;
  return fromFindings(check(pod));
}

/** Documentation of the Pod Security Standards. */
export const PSS_HELP = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
