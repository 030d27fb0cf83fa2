/**
 * Shared helpers for rules that read pod specs.
 *
 * Every pod-bearing kind carries a pod spec and pod metadata at a known place. The helpers here find them,
 * and iterate the containers of a pod spec in the order the Pod Security admission controller does
 * (initContainers, containers, ephemeralContainers), each with a label used in finding ids.
 *
 * Input may be hostile or malformed YAML: every accessor tolerates any JSON value and never throws.
 */
import { obj as objOf, arr as arrOf, str as strOf } from '../../../core/values';
import { NOT_APPLICABLE, Resource, RuleFinding, RuleResult, fromFindings } from '../../model';
// the readers of core/values, for the rules (plain bindings: a re-export compiles to a getter, read on every call)
export const obj = objOf;
export const arr = arrOf;
export const str = strOf;

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

/**
 * Dispatch trait of objects of other kinds that carry pod specs (Argo Rollout, Knative Service, OpenShift
 * DeploymentConfig, Kubeflow jobs, any custom resource with a pod template). Set by the loader.
 */
export const POD_TEMPLATE_TRAIT = '@pod-template';

/** What pod rules apply to: the built-in pod kinds and every object with the @pod-template trait. */
export const POD_RULE_TARGETS: readonly string[] = [...POD_KINDS, POD_TEMPLATE_TRAIT];

/** Pod kinds whose pods run to completion (batch workloads). */
export const BATCH_KINDS: readonly string[] = ['Job', 'CronJob'];

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

/** Fields of which at least one marks a `...template.spec` mapping as a pod spec. */
const POD_SPEC_FIELDS: readonly string[] = [
  'containers', 'initContainers', 'ephemeralContainers', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'volumes',
  'securityContext', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'shareProcessNamespace',
];

function hasPodSpecField(m: Record<string, any>): boolean {
  for (const f of POD_SPEC_FIELDS) if (m[f] !== undefined) return true;
  return false;
}

function hasContainerList(m: Record<string, any>): boolean {
  const c = m.containers;
  return Array.isArray(c) && c.some((x) => obj(x) !== undefined);
}

/**
 * Per-object caches (pod specs of a body, containers of a pod spec), kept as non-enumerable symbol properties: every
 * pod rule asks for the same pod specs and containers, and a property is cheaper to read than a WeakMap entry.
 */
const PODS = Symbol('secure-constructs.pods');
const GENERIC_PODS = Symbol('secure-constructs.generic-pods');
const CONTAINERS = Symbol('secure-constructs.containers');

function remember<T>(target: object, key: symbol, value: T): T {
  if (Object.isExtensible(target)) Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  return value;
}

/**
 * Pod specs anywhere in an object of a kind that is not a built-in pod kind, in document order:
 * every `...template.spec` mapping with a pod-spec field (`spec.template.spec` of a Rollout, a Knative Service or
 * a DeploymentConfig, `spec.jobTemplate.spec.template.spec`, `spec.tfReplicaSpecs.Worker.template.spec`...), and
 * every other mapping with a `containers` list of objects (`spec` of a Knative Revision, a KServe predictor...).
 * `metadata` and `status` are not searched. The pod metadata is the `metadata` beside a `spec` (the template's).
 */
export function findPodSpecs(body: unknown): readonly PodInfo[] {
  const root = obj(body);
  if (!root) return [];
  const cached = (root as any)[GENERIC_PODS] as readonly PodInfo[] | undefined;
  if (cached) return cached;
  const out: PodInfo[] = [];
  // iterative depth-first walk (hostile depth cannot overflow the stack); children pushed in reverse for document order
  const stack: [unknown, string, string | undefined, Record<string, any> | undefined, string | undefined, number][] = [];
  const keys = Object.keys(root).filter((k) => k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind');
  for (let i = keys.length - 1; i >= 0; i--) stack.push([root[keys[i]], keys[i], keys[i], root, undefined, 1]);
  while (stack.length > 0) {
    const [v, path, key, parent, parentKey, depth] = stack.pop()!;
    if (depth > 200 || v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`, undefined, undefined, undefined, depth + 1]);
      continue;
    }
    const m = v as Record<string, any>;
    if ((key === 'spec' && parentKey === 'template' && hasPodSpecField(m)) || hasContainerList(m)) {
      const holder = key === 'spec' ? parent : undefined;
      const base = path.slice(0, path.length - 'spec'.length);
      out.push({
        spec: m,
        metadata: obj(holder?.metadata) ?? EMPTY,
        specPath: path,
        metadataPath: holder ? `${base}metadata` : `${path}.metadata`,
      });
    }
    const ks = Object.keys(m);
    for (let i = ks.length - 1; i >= 0; i--) stack.push([m[ks[i]], `${path}.${ks[i]}`, ks[i], m, key, depth + 1]);
  }
  return remember(root, GENERIC_PODS, out);
}

/** API groups of the built-in pod kinds (`extensions` served Deployments, DaemonSets and ReplicaSets before `apps`). */
const POD_KIND_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: [''], ReplicationController: [''], PodTemplate: [''],
  Deployment: ['apps', 'extensions'], ReplicaSet: ['apps', 'extensions'], DaemonSet: ['apps', 'extensions'], StatefulSet: ['apps'],
  Job: ['batch'], CronJob: ['batch'],
};

/**
 * Whether an object is one of the built-in pod kinds: the kind, in its API group (a `Job` of `batch.volcano.sh` is a
 * custom resource whose pod specs are elsewhere). An object without apiVersion is judged by its kind alone.
 */
export function isBuiltinPodKind(resource: Pick<Resource, 'type' | 'body'>): boolean {
  const groups = POD_KIND_GROUPS[resource.type];
  if (groups === undefined || !Object.prototype.hasOwnProperty.call(POD_KIND_GROUPS, resource.type)) return false;
  const apiVersion = obj(resource.body)?.apiVersion;
  if (typeof apiVersion !== 'string') return true;
  const slash = apiVersion.indexOf('/');
  for (const g of groups) if (g === '' ? slash < 0 : slash === g.length && apiVersion.startsWith(g)) return true;
  return false;
}

/** Whether an object's pod specs are found by the generic search (it is not a built-in pod kind). */
export function isGenericPodHolder(resource: Pick<Resource, 'type' | 'body'>): boolean {
  return !isBuiltinPodKind(resource);
}

interface PodEntry {
  readonly type: string;
  readonly pods: readonly PodInfo[];
  readonly generic: boolean;
}

/** The last body asked about and its entry: the engine runs every pod rule on one object before the next object. */
let lastBody: object | undefined;
let lastEntry: PodEntry | undefined;

/** The pod specs of an object, computed once per body (every pod rule asks). */
function podEntry(resource: Pick<Resource, 'type' | 'body'>, body: Record<string, any>): PodEntry {
  if (body === lastBody && lastEntry!.type === resource.type) return lastEntry!;
  const entry = podEntryOf(resource, body);
  lastBody = body;
  lastEntry = entry;
  return entry;
}

function podEntryOf(resource: Pick<Resource, 'type' | 'body'>, body: Record<string, any>): PodEntry {
  const c = (body as any)[PODS] as PodEntry | undefined;
  if (c !== undefined && c.type === resource.type) return c;
  const generic = isGenericPodHolder(resource);
  let pods: readonly PodInfo[];
  if (generic) {
    pods = findPodSpecs(body);
  } else {
    const pod = podOf(resource);
    pods = pod ? [pod] : [];
  }
  const entry: PodEntry = { type: resource.type, pods, generic };
  // the generic search walks the whole object: kept on it for the cross-object rules that ask again. A built-in
  // kind's pod spec is a few reads away: kept only as the last entry (no write into an object read long ago,
  // which costs the garbage collector more than the reads it saves)
  return generic ? remember(body, PODS, entry) : entry;
}

const NO_PODS: readonly PodInfo[] = Object.freeze([]);

/** Every pod spec of an object: the one of a built-in pod kind, or those the generic search finds in any other. */
export function podsOf(resource: Pick<Resource, 'type' | 'body'>): readonly PodInfo[] {
  const body = obj(resource.body);
  return body ? podEntry(resource, body).pods : NO_PODS;
}

/**
 * Where a finding was found, for objects of other kinds: the message names the pod spec's path, and when the
 * object has several pod specs the finding id is prefixed with it (`spec.tfReplicaSpecs.Worker.template.spec/container:app`).
 * Built-in pod kinds keep their ids and messages unchanged.
 */
export function locateFinding(resource: Pick<Resource, 'type' | 'body'>, pod: PodInfo, f: RuleFinding, podCount: number): RuleFinding {
  if (!isGenericPodHolder(resource)) return f;
  const id = podCount > 1 ? (f.id !== undefined ? `${pod.specPath}/${f.id}` : pod.specPath) : f.id;
  return { ...f, id, message: `Pod spec at ${pod.specPath}: ${f.message ?? 'see the rule description.'}` };
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
  // shared lists, each built once per pod spec on first request: callers read them, never change them
  let lists: ContainerRef[][] | undefined = (pod as any)[CONTAINERS];
  if (lists === undefined) lists = remember<ContainerRef[][]>(pod, CONTAINERS, [listContainers(pod)]);
  if (!only) return lists[0];
  // by the set of kinds asked for (a bit each), whatever the order they are given in
  let mask = 0;
  for (let i = 0; i < only.length; i++) mask |= KIND_BITS[only[i]] ?? 0;
  if (mask === 0) return [];
  let list = lists[mask];
  if (list === undefined) {
    list = lists[0].filter((c) => only.includes(c.kind));
    lists[mask] = list;
  }
  return list;
}

/** One bit per container kind (the index of a pod's cached list of those kinds; 0 is the list of all). */
const KIND_BITS: Readonly<Record<string, number>> = { initContainer: 1, container: 2, ephemeralContainer: 4 };

function listContainers(pod: PodInfo): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, kind] of LISTS) {
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
 * Evaluates a pod-level check on every pod spec of the object: not applicable when it has none, otherwise
 * compliant exactly when `check` returns no findings for any of them (see locateFinding for their ids).
 */
export function checkPod(resource: Pick<Resource, 'type' | 'body'>, check: (pod: PodInfo) => RuleFinding[]): RuleResult {
  const body = obj(resource.body);
  if (!body) return NOT_APPLICABLE;
  const { pods, generic } = podEntry(resource, body);
  if (pods.length === 0) return NOT_APPLICABLE;
  if (!generic) return fromFindings(check(pods[0]));
  const findings: RuleFinding[] = [];
  for (const pod of pods) for (const f of check(pod)) findings.push(locateFinding(resource, pod, f, pods.length));
  return fromFindings(findings);
}

/** Documentation of the Pod Security Standards. */
export const PSS_HELP = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
