import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { KindState, KindTraits, WorkloadKind } from './kind-specs';
import { PodTemplate } from './pod-template';
import { NamedContainerPort, HardenedWorkloadProps, IHardenedWorkload, SecretMountOptions } from './types';
import { PropValidator } from '../../core/errors';
import { NAMESPACE_DEFAULTS } from '../namespace/defaults';
import { ConditionallySuppressedApiObject, appDefinesNamespace } from '../shared/conditional-suppressions';
import { WORKLOAD_LABEL, namespaceOf } from '../shared/objects';
import { PendingOverride, applyOverrides, checkJustification } from '../shared/overrides';
import { K8S_RULE_IDS } from '../shared/rule-ids';
import { checkLabels, isDnsLabel, isDnsSubdomain } from '../shared/validate';

/**
 * Base of the hardened workloads (Deployment, StatefulSet, Job, CronJob): a hardened pod template,
 * a dedicated ServiceAccount without an automounted token, and the workload's own deny-by-default
 * NetworkPolicy. Replicated workloads also get a PodDisruptionBudget and topology spread.
 *
 * The workload object has id `Resource` (`node.defaultChild`).
 */
export abstract class HardenedWorkload extends Construct implements IHardenedWorkload {
  /** The kind of workload. */
  public readonly kind: WorkloadKind;
  /** Name of the workload object. */
  public readonly workloadName: string;
  /** Namespace of the workload (undefined: the namespace the manifests are applied to). */
  public readonly workloadNamespace?: string;
  /** Name of the workload's ServiceAccount. */
  public readonly serviceAccountName: string;
  /** The workload object (Deployment, StatefulSet, Job or CronJob). */
  public readonly apiObject: ApiObject;
  /** The workload's ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The workload's deny-by-default NetworkPolicy, unless turned off. */
  public readonly networkPolicy?: ApiObject;
  /** The PodDisruptionBudget of a replicated workload. */
  public readonly podDisruptionBudget?: ApiObject;
  /** Labels that select exactly this workload's pods. */
  public readonly podSelectorLabels: { [key: string]: string };

  private readonly pod: PodTemplate;
  private readonly state: KindState;
  private readonly labels: { [key: string]: string };
  private readonly namespaceProp?: string;

  protected constructor(scope: Construct, id: string, props: HardenedWorkloadProps) {
    super(scope, id);
    const traits = this._traits();
    const kind = traits.kind;
    this.kind = kind;
    const v = new PropValidator(this);
    if (!props || typeof props !== 'object') {
      v.fail('props', 'are missing.', 'Pass at least { containers: [...] }.');
      v.throwIfInvalid();
    }
    if (props.name !== undefined) {
      v.require(isDnsLabel(props.name) && props.name.length <= traits.maxNameLength, 'name', `${JSON.stringify(props.name)} is not a valid ${kind} name.`, `Use at most ${traits.maxNameLength} lowercase letters, digits and "-".`);
    }
    if (props.namespaceName !== undefined) v.require(isDnsLabel(props.namespaceName), 'namespaceName', `${JSON.stringify(props.namespaceName)} is not a valid namespace name.`, 'Give the namespace name, e.g. mySecureNamespace.namespaceName.');
    this.pod = new PodTemplate(v, props, { longRunning: traits.longRunning, restartPolicy: traits.restartPolicy });
    this.state = this._kindState(v, props, this.pod);
    const iso = props.isolation ?? {};
    const noIsolation = checkJustification(v, 'withoutIsolationPolicy', props.withoutIsolationPolicy);
    const noDns = checkJustification(v, 'isolation.withoutDnsEgress', iso.withoutDnsEgress);
    if (props.withoutIsolationPolicy !== undefined && props.isolation !== undefined) v.fail('isolation', 'is set together with withoutIsolationPolicy.', 'Drop one of them.');
    const dnsNamespace = iso.dnsNamespace ?? NAMESPACE_DEFAULTS.dnsNamespace;
    const dnsPodLabels = iso.dnsPodLabels ?? NAMESPACE_DEFAULTS.dnsPodLabels;
    v.require(isDnsLabel(dnsNamespace), 'isolation.dnsNamespace', `${JSON.stringify(dnsNamespace)} is not a valid namespace name.`, 'Give the namespace of the cluster DNS pods.');
    checkLabels(v, 'isolation.dnsPodLabels', dnsPodLabels);
    v.require(Object.keys(dnsPodLabels).length > 0, 'isolation.dnsPodLabels', 'is empty.', 'Give the labels of the DNS pods, e.g. { "k8s-app": "kube-dns" }.');
    const saAnnotations = props.serviceAccountAnnotations;
    for (const k of Object.keys(saAnnotations ?? {})) v.require(isDnsSubdomain(k.split('/')[0]) || !k.includes('/'), `serviceAccountAnnotations.${k}`, 'is not a valid annotation key.', 'Use [prefix/]name.');
    v.throwIfInvalid();

    const namespace = props.namespaceName;
    this.namespaceProp = namespace;
    this.labels = { ...(props.labels ?? {}) };
    const meta = (name?: string) => this._metadata(name);

    // the workload object first: its (generated) name names everything else
    const obj = new ConditionallySuppressedApiObject(this, 'Resource', {
      apiVersion: traits.apiVersion,
      kind,
      metadata: meta(props.name),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.apiObject = obj;
    this.workloadName = obj.name;
    this.workloadNamespace = namespaceOf(this, namespace);
    this.serviceAccountName = this.workloadName;
    this.podSelectorLabels = { [WORKLOAD_LABEL]: this.workloadName };
    const selector = this.podSelectorLabels;

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { ...meta(this.serviceAccountName), ...(saAnnotations ? { annotations: { ...saAnnotations } } : {}) },
      automountServiceAccountToken: false,
    });

    const overrides: (PendingOverride | undefined)[] = [...this.pod.overrides, ...this.state.overrides];
    if (noIsolation) {
      overrides.push(noIsolation);
    } else {
      this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: meta(this.workloadName),
        spec: {
          podSelector: { matchLabels: { ...selector } },
          policyTypes: ['Ingress', 'Egress'],
          ...(noDns ? {} : {
            egress: [{
              to: [{
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dnsNamespace } },
                podSelector: { matchLabels: { ...dnsPodLabels } },
              }],
              ports: [
                { protocol: 'UDP', port: k8s.IntOrString.fromNumber(NAMESPACE_DEFAULTS.dnsPort) },
                { protocol: 'TCP', port: k8s.IntOrString.fromNumber(NAMESPACE_DEFAULTS.dnsPort) },
              ],
            }],
          }),
        },
      });
      if (noDns) applyOverrides(this.networkPolicy, [noDns]);
      // The pack's default-deny rule looks for a namespace-wide policy. When the namespace object is not part of
      // these manifests, this workload's own policy is what isolates its pods: say so in the report.
      const ns = this.workloadNamespace ?? 'default';
      obj.addConditionalSuppression(
        K8S_RULE_IDS.NETWORK_DEFAULT_DENY,
        `Pods of this workload are isolated by their own deny-by-default NetworkPolicy "${this.workloadName}" (no ingress; egress only to cluster DNS); the namespace "${ns}" is not defined in these manifests.`,
        () => !appDefinesNamespace(this, ns),
      );
    }

    const r = this.state.replication;
    if (r?.pdb) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata: meta(this.workloadName),
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(r.maxUnavailable),
          selector: { matchLabels: { ...selector } },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      });
    }
    applyOverrides(obj, overrides);
  }

  /** Named ports of the workload's containers (not init containers). */
  public get containerPorts(): NamedContainerPort[] {
    return this.pod.containers.flatMap((c) => c.ports.map((p) => ({ ...p })));
  }

  /**
   * Mounts a Secret as read-only files (mode 0440, group = the pod's fsGroup) in every container,
   * or in `options.containers`. This is how secrets reach containers; env vars from secrets need a reason.
   */
  public mountSecret(secretName: string, mountPath: string, options: SecretMountOptions = {}): void {
    const v = new PropValidator(this);
    this.pod.addSecret(v, `mountSecret(${JSON.stringify(secretName)})`, secretName, mountPath, options);
    v.throwIfInvalid();
  }

  /** Adds an annotation to the pods. */
  public addPodAnnotation(key: string, value: string): void {
    const v = new PropValidator(this);
    this.pod.addAnnotation(v, key, value);
    v.throwIfInvalid();
  }

  /** Adds a label to the pods (the selector is unchanged). */
  public addPodLabel(key: string, value: string): void {
    const v = new PropValidator(this);
    v.require(key !== Object.keys(this.podSelectorLabels)[0], `label ${key}`, 'is the selector label of the workload.', 'Use another key.');
    this.pod.addLabel(v, key, value);
    v.throwIfInvalid();
  }

  /**
   * The kind's traits (api version, long-running or run-to-completion, name length): each subclass declares its own.
   * Called once, from the base constructor, before the subclass's fields are set: it must not read them.
   * @internal
   */
  protected abstract _traits(): KindTraits;

  /**
   * Validates the kind-specific props (into `v`, reported with all other problems) and returns how to render the
   * kind's object around the pod template. Called from the base constructor, like `_traits`.
   * @internal
   */
  protected abstract _kindState(v: PropValidator, props: HardenedWorkloadProps, pod: PodTemplate): KindState;

  /** Metadata of an object this workload creates: name, the workload's namespace and labels. @internal */
  protected _metadata(name?: string): { name?: string; namespace?: string; labels?: { [key: string]: string } } {
    return {
      ...(name !== undefined ? { name } : {}),
      ...(this.namespaceProp !== undefined ? { namespace: this.namespaceProp } : {}),
      ...(Object.keys(this.labels).length > 0 ? { labels: this.labels } : {}),
    };
  }

  private renderSpec(): Record<string, any> {
    const selector = this.podSelectorLabels;
    const template = this.pod.render(this.serviceAccountName, selector, this.state.podExtra(selector));
    return this.state.spec(template, selector, this.workloadName);
  }
}
