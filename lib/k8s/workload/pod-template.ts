import { k8s } from 'cdk8s-plus-28';
import { BuiltContainer, buildContainer, checkAbsolutePath } from './container';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import { ConfigMapVolume, ExtraVolume, HardenedWorkloadProps, KeyToPath, SecretMountOptions } from './types';
import { PropValidator } from '../../core/errors';
import { PendingOverride, checkJustification } from '../shared/overrides';
import { K8S_RULE_IDS } from '../shared/rule-ids';
import { checkLabels, isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from '../shared/validate';

/** Volume types Pod Security `restricted` allows. */
export const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

interface Mount {
  readonly volume: Record<string, any>;
  /** A StatefulSet volume claim template: mounted, but not listed in the pod's volumes. */
  readonly claimTemplate?: boolean;
  readonly mountPath: string;
  readonly readOnly: boolean;
  /** Container names; undefined = all. */
  readonly containers?: string[];
}

/** How the pod runs. */
export interface PodTemplateOptions {
  /** Liveness/readiness probes required. */
  readonly longRunning: boolean;
  /** Pod restartPolicy (set for Jobs). */
  readonly restartPolicy?: string;
}

/**
 * The shared pod-spec builder of the hardened workloads: validates containers, volumes and pod
 * settings, and renders the hardened pod template. Secrets mounted later (`mountSecret`) are
 * validated when added and rendered at synthesis.
 */
export class PodTemplate {
  public readonly containers: BuiltContainer[];
  public readonly initContainers: BuiltContainer[];
  public readonly overrides: PendingOverride[] = [];
  private readonly mounts: Mount[] = [];
  private readonly labels: Record<string, string> = {};
  private readonly annotations: Record<string, string> = {};
  private secretCount = 0;

  constructor(v: PropValidator, private readonly props: HardenedWorkloadProps, private readonly opts: PodTemplateOptions) {
    const containers = props.containers;
    if (!Array.isArray(containers) || containers.length === 0) v.fail('containers', 'is empty.', 'Give at least one container.');
    this.containers = (Array.isArray(containers) ? containers : []).map((c, i) => buildContainer(v, `containers[${i}]`, c, opts.longRunning));
    this.initContainers = (props.initContainers ?? []).map((c, i) => buildContainer(v, `initContainers[${i}]`, c, false));
    const names = new Set<string>();
    for (const c of this.all) {
      v.require(!names.has(c.name), `${c.property}.name`, `"${c.name}" is used by two containers.`, 'Give every container a unique name.');
      names.add(c.name);
      this.overrides.push(...c.overrides);
    }
    const portNames = new Set<string>();
    for (const c of this.containers) {
      for (const p of c.ports) {
        v.require(!portNames.has(p.name), `${c.property}.ports`, `port name "${p.name}" is used twice in the pod.`, 'Give every port a unique name.');
        portNames.add(p.name);
      }
    }

    for (const k of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
      const n = props[k];
      v.require(n === undefined || (Number.isInteger(n) && n > 0 && n <= 2147483647), k, `${JSON.stringify(n)} is root (0) or not a valid id.`, 'Use a non-zero id, e.g. 10001.');
    }
    checkLabels(v, 'labels', props.labels);
    for (const k of Object.keys(props.podAnnotations ?? {})) v.require(isLabelKey(k), `podAnnotations.${k}`, 'is not a valid annotation key.', 'Use [prefix/]name.');
    Object.assign(this.labels, props.labels ?? {});
    Object.assign(this.annotations, props.podAnnotations ?? {});
    this.overrides.push(...[checkJustification(v, 'mountServiceAccountToken', props.mountServiceAccountToken, [K8S_RULE_IDS.SA_TOKEN_AUTOMOUNT])].filter((o): o is PendingOverride => !!o));
    (props.imagePullSecrets ?? []).forEach((s, i) => v.require(isDnsSubdomain(s), `imagePullSecrets[${i}]`, `${JSON.stringify(s)} is not a valid Secret name.`, 'Give the name of a docker-registry Secret.'));
    checkLabels(v, 'nodeSelector', props.nodeSelector);
    if (props.priorityClassName !== undefined) v.require(isDnsSubdomain(props.priorityClassName), 'priorityClassName', 'is not a valid name.', 'Give the name of a PriorityClass.');
    const grace = props.terminationGracePeriodSeconds;
    v.require(grace === undefined || (Number.isInteger(grace) && grace >= 0), 'terminationGracePeriodSeconds', `${JSON.stringify(grace)} is not a whole number of seconds.`, 'Use e.g. 30.');

    // writable emptyDirs, one per path and container
    this.all.forEach((c) => {
      const prefix = this.initContainers.includes(c) ? 'i' : 'c';
      const idx = (prefix === 'i' ? this.initContainers : this.containers).indexOf(c);
      c.writablePaths.forEach((path, j) => this.addMount(v, `${c.property}.writablePaths`, {
        volume: { name: `writable-${prefix}${idx}-${j}`, emptyDir: { sizeLimit: c.writableSizeLimit } },
        mountPath: path,
        readOnly: false,
        containers: [c.name],
      }));
    });
    (props.secretVolumes ?? []).forEach((s, i) => this.addSecret(v, `secretVolumes[${i}]`, s?.secretName, s?.mountPath, s));
    (props.configMapVolumes ?? []).forEach((s, i) => this.addConfigMap(v, `configMapVolumes[${i}]`, s));
    (props.extraVolumes ?? []).forEach((s, i) => this.addExtra(v, `extraVolumes[${i}]`, s));
  }

  /** Init containers then containers. */
  public get all(): BuiltContainer[] {
    return [...this.initContainers, ...this.containers];
  }

  /** Validates and adds a Secret mount. */
  public addSecret(v: PropValidator, property: string, secretName: string, mountPath: string, options: SecretMountOptions = {}): void {
    v.require(isDnsSubdomain(secretName), `${property}.secretName`, `${JSON.stringify(secretName)} is not a valid Secret name.`, 'Give the name of the Secret.');
    this.checkItems(v, `${property}.items`, options.items);
    const volume = {
      name: `secret-${this.secretCount++}`,
      secret: {
        secretName,
        defaultMode: D.secretDefaultMode,
        ...(options.items ? { items: options.items.map((x) => ({ key: x.key, path: x.path })) } : {}),
        ...(options.optional !== undefined ? { optional: options.optional } : {}),
      },
    };
    this.addMount(v, property, { volume, mountPath, readOnly: true, containers: options.containers });
  }

  /** Adds a pod label (after construction too). */
  public addLabel(v: PropValidator, key: string, value: string): void {
    v.require(isLabelKey(key), `label ${key}`, 'is not a valid label key.', 'Use [prefix/]name.');
    v.require(isLabelValue(value), `label ${key}`, `${JSON.stringify(value)} is not a valid label value.`, 'Use at most 63 alphanumeric, "-", "_" or "." characters.');
    this.labels[key] = value;
  }

  /** Adds a pod annotation (after construction too). */
  public addAnnotation(v: PropValidator, key: string, value: string): void {
    v.require(isLabelKey(key), `annotation ${key}`, 'is not a valid annotation key.', 'Use [prefix/]name.');
    v.require(typeof value === 'string', `annotation ${key}`, 'must be a string.', 'Pass the value as a string.');
    this.annotations[key] = value;
  }

  /** Adds the mount of a StatefulSet volume claim template (read-write). */
  public addClaimTemplate(v: PropValidator, property: string, name: string, mountPath: string, containers?: string[]): void {
    this.addMount(v, property, { volume: { name }, mountPath, readOnly: false, containers, claimTemplate: true });
  }

  private addConfigMap(v: PropValidator, property: string, c: ConfigMapVolume): void {
    v.require(isDnsSubdomain(c?.configMapName), `${property}.configMapName`, `${JSON.stringify(c?.configMapName)} is not a valid ConfigMap name.`, 'Give the name of the ConfigMap.');
    this.checkItems(v, `${property}.items`, c?.items);
    const volume = {
      name: `config-${this.mounts.filter((m) => m.volume.configMap).length}`,
      configMap: { name: c?.configMapName, ...(c?.items ? { items: c.items.map((x) => ({ key: x.key, path: x.path })) } : {}) },
    };
    this.addMount(v, property, { volume, mountPath: c?.mountPath, readOnly: true, containers: c?.containers });
  }

  private addExtra(v: PropValidator, property: string, e: ExtraVolume): void {
    const volume = k8s.toJson_Volume(e?.volume) ?? {};
    const name = volume.name;
    v.require(isDnsLabel(name), `${property}.volume.name`, `${JSON.stringify(name)} is not a valid volume name.`, 'Use at most 63 lowercase letters, digits and "-".');
    v.require(!/^(writable|secret|config)-[0-9]/.test(name ?? ''), `${property}.volume.name`, `"${name}" is reserved for volumes this construct creates.`, 'Choose another name.');
    const types = Object.keys(volume).filter((k) => k !== 'name');
    if (types.includes('hostPath')) {
      v.fail(`${property}.volume.hostPath`, 'requests a hostPath volume, which exposes the node\'s filesystem to the pod and is refused (Pod Security baseline).', 'Use a PersistentVolumeClaim, emptyDir, configMap, secret, projected or CSI volume.');
    }
    for (const t of types.filter((x) => x !== 'hostPath' && !RESTRICTED_VOLUME_TYPES.includes(x))) {
      v.fail(`${property}.volume.${t}`, 'is a volume type Pod Security restricted does not allow.', `Use one of ${RESTRICTED_VOLUME_TYPES.join(', ')}.`);
    }
    v.require(types.length === 1, `${property}.volume`, `must have exactly one volume source (got ${types.length}).`, 'Give one source, e.g. persistentVolumeClaim.');
    this.addMount(v, property, { volume, mountPath: e?.mountPath, readOnly: e?.readOnly ?? true, containers: e?.containers });
  }

  private checkItems(v: PropValidator, property: string, items: KeyToPath[] | undefined): void {
    (items ?? []).forEach((x, i) => {
      v.require(typeof x?.key === 'string' && x.key !== '', `${property}[${i}].key`, 'is empty.', 'Give the key.');
      const ok = typeof x?.path === 'string' && x.path !== '' && !x.path.startsWith('/') && !x.path.split('/').includes('..');
      v.require(ok, `${property}[${i}].path`, `${JSON.stringify(x?.path)} is not a relative path.`, 'Use a relative file path such as "tls.crt".');
    });
  }

  private addMount(v: PropValidator, property: string, m: Mount): void {
    if (!checkAbsolutePath(v, `${property}.mountPath`, m.mountPath)) return;
    const names = this.all.map((c) => c.name);
    for (const n of m.containers ?? []) {
      v.require(names.includes(n), `${property}.containers`, `names container "${n}", which does not exist.`, `Use one of ${names.join(', ')}.`);
    }
    const targets = m.containers ?? names;
    for (const other of this.mounts) {
      const overlap = targets.filter((n) => (other.containers ?? names).includes(n));
      if (overlap.length > 0 && other.mountPath === m.mountPath) {
        v.fail(`${property}.mountPath`, `"${m.mountPath}" is already a mount point in container "${overlap[0]}".`, 'Use a different path.');
        return;
      }
    }
    if (this.mounts.some((o) => o.volume.name === m.volume.name)) {
      v.fail(`${property}.volume.name`, `volume "${m.volume.name}" exists already.`, 'Use a unique name.');
      return;
    }
    this.mounts.push(m);
  }

  /** Renders the pod template. */
  public render(serviceAccountName: string, selector: Record<string, string>, extraSpec: Record<string, any> = {}): Record<string, any> {
    const p = this.props;
    const containerJson = (c: BuiltContainer) => {
      const mounts = this.mounts
        .filter((m) => m.containers === undefined || m.containers.includes(c.name))
        .map((m) => ({ name: m.volume.name, mountPath: m.mountPath, readOnly: m.readOnly }));
      return { ...c.json, ...(mounts.length > 0 ? { volumeMounts: mounts } : {}) };
    };
    return {
      metadata: {
        labels: { ...this.labels, ...selector },
        ...(Object.keys(this.annotations).length > 0 ? { annotations: { ...this.annotations } } : {}),
      },
      spec: {
        serviceAccountName,
        automountServiceAccountToken: p.mountServiceAccountToken !== undefined,
        enableServiceLinks: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: p.runAsUser ?? D.runAsUser,
          runAsGroup: p.runAsGroup ?? D.runAsGroup,
          fsGroup: p.fsGroup ?? D.fsGroup,
          fsGroupChangePolicy: 'OnRootMismatch',
          seccompProfile: { type: 'RuntimeDefault' },
        },
        ...(this.initContainers.length > 0 ? { initContainers: this.initContainers.map(containerJson) } : {}),
        containers: this.containers.map(containerJson),
        ...(this.mounts.some((m) => !m.claimTemplate) ? { volumes: this.mounts.filter((m) => !m.claimTemplate).map((m) => m.volume) } : {}),
        ...(p.imagePullSecrets?.length ? { imagePullSecrets: p.imagePullSecrets.map((name) => ({ name })) } : {}),
        ...(p.nodeSelector ? { nodeSelector: { ...p.nodeSelector } } : {}),
        ...(p.priorityClassName ? { priorityClassName: p.priorityClassName } : {}),
        ...(p.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: p.terminationGracePeriodSeconds } : {}),
        ...(this.opts.restartPolicy ? { restartPolicy: this.opts.restartPolicy } : {}),
        ...extraSpec,
      },
    };
  }
}
