import { k8s } from 'cdk8s-plus-28';
import { WORKLOAD_DEFAULTS as D } from './defaults';
import { imageProblem, parseImageRef } from './image';
import { NamedContainerPort, HardenedContainerProps, PortProtocol } from './types';
import { PropValidator } from '../../core/errors';
import { PendingOverride, checkJustification } from '../shared/overrides';
import { K8S_RULE_IDS } from '../shared/rule-ids';
import { checkQuantity, isDnsLabel, isPort, isPortName } from '../shared/validate';

/** A validated container, before volume mounts are added. */
export interface BuiltContainer {
  readonly name: string;
  /** Property path of the container in the props, e.g. `containers[0]`. */
  readonly property: string;
  readonly json: Record<string, any>;
  readonly ports: NamedContainerPort[];
  /** Writable paths, `/tmp` first. */
  readonly writablePaths: string[];
  readonly writableSizeLimit: string;
  readonly overrides: PendingOverride[];
}

/** Capabilities that Pod Security `restricted` lets a container add. */
const ADDABLE_CAPABILITIES = ['NET_BIND_SERVICE'];
/** SELinux types Pod Security allows. */
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

/** Validates an absolute, normalized path. */
export function checkAbsolutePath(v: PropValidator, property: string, path: unknown): boolean {
  const ok = typeof path === 'string' && path.startsWith('/') && path !== '/' && !path.endsWith('/')
    && !path.split('/').some((seg, i) => i > 0 && (seg === '' || seg === '.' || seg === '..')) && !path.includes(':');
  return v.require(ok, property, `${JSON.stringify(path)} is not an absolute, normalized path (other than "/").`, 'Use a path such as "/var/cache/app".');
}

/** The hardened container security context. */
export function hardenedSecurityContext(readOnlyRoot: boolean): Record<string, any> {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: readOnlyRoot,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Checks the user's extra security context; returns the merged context (only meaningful when valid). */
function mergeSecurityContext(
  v: PropValidator,
  property: string,
  extra: k8s.SecurityContext | undefined,
  readOnlyRoot: boolean,
): Record<string, any> {
  const base = hardenedSecurityContext(readOnlyRoot);
  if (extra === undefined) return base;
  const sc = k8s.toJson_SecurityContext(extra) ?? {};
  const p = `${property}.securityContext`;
  const refuse = (field: string, what: string, fix: string) => v.fail(`${p}.${field}`, what, fix);
  if (sc.privileged === true) refuse('privileged', 'requests a privileged container, which Pod Security restricted (and baseline) forbids.', 'Remove privileged; grant the one capability or device access the process needs through a dedicated, reviewed component instead.');
  if (sc.allowPrivilegeEscalation === true) refuse('allowPrivilegeEscalation', 'allows privilege escalation.', 'Remove allowPrivilegeEscalation (it is always false).');
  if (sc.readOnlyRootFilesystem === false) refuse('readOnlyRootFilesystem', 'makes the root filesystem writable.', 'Use writablePaths for the directories the process writes, or allowWritableRootFilesystem with a reason.');
  if (sc.runAsNonRoot === false) refuse('runAsNonRoot', 'allows running as root.', 'Remove runAsNonRoot (it is always true) and run the image as a non-root user.');
  if (sc.runAsUser !== undefined && !(Number.isInteger(sc.runAsUser) && sc.runAsUser > 0)) refuse('runAsUser', `${JSON.stringify(sc.runAsUser)} is root or not a valid UID.`, 'Use a non-zero UID, e.g. 10001.');
  if (sc.runAsGroup !== undefined && !(Number.isInteger(sc.runAsGroup) && sc.runAsGroup > 0)) refuse('runAsGroup', `${JSON.stringify(sc.runAsGroup)} is the root group or not a valid GID.`, 'Use a non-zero GID, e.g. 10001.');
  if (sc.procMount !== undefined && sc.procMount !== 'Default') refuse('procMount', `${JSON.stringify(sc.procMount)} unmasks /proc.`, 'Remove procMount.');
  if (sc.windowsOptions?.hostProcess === true) refuse('windowsOptions.hostProcess', 'requests a Windows HostProcess container.', 'Remove hostProcess.');
  const seccomp = sc.seccompProfile?.type;
  if (seccomp !== undefined && seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') refuse('seccompProfile.type', `${JSON.stringify(seccomp)} disables or weakens seccomp.`, 'Use RuntimeDefault (the default) or a Localhost profile.');
  if (seccomp === 'Localhost') v.require(typeof sc.seccompProfile?.localhostProfile === 'string' && sc.seccompProfile.localhostProfile !== '', `${p}.seccompProfile.localhostProfile`, 'is required for a Localhost seccomp profile.', 'Give the profile file relative to the kubelet seccomp directory.');
  const add: unknown[] = sc.capabilities?.add ?? [];
  const bad = add.filter((c) => !ADDABLE_CAPABILITIES.includes(String(c)));
  if (bad.length > 0) refuse('capabilities.add', `adds ${bad.map((c) => JSON.stringify(c)).join(', ')}; Pod Security restricted only allows adding NET_BIND_SERVICE.`, 'Drop these capabilities; run the process without them.');
  const drop: unknown[] = sc.capabilities?.drop ?? ['ALL'];
  if (!drop.includes('ALL')) refuse('capabilities.drop', 'does not drop ALL.', 'Remove capabilities.drop (ALL is always dropped).');
  const se = sc.seLinuxOptions;
  if (se !== undefined) {
    if (!SELINUX_TYPES.includes(se.type ?? '')) refuse('seLinuxOptions.type', `${JSON.stringify(se.type)} is not an SELinux type Pod Security allows.`, 'Use container_t, container_init_t or container_kvm_t.');
    if (se.user) refuse('seLinuxOptions.user', 'sets a custom SELinux user.', 'Remove seLinuxOptions.user.');
    if (se.role) refuse('seLinuxOptions.role', 'sets a custom SELinux role.', 'Remove seLinuxOptions.role.');
  }
  return {
    ...base,
    ...(sc.runAsUser !== undefined ? { runAsUser: sc.runAsUser } : {}),
    ...(sc.runAsGroup !== undefined ? { runAsGroup: sc.runAsGroup } : {}),
    ...(se !== undefined ? { seLinuxOptions: se } : {}),
    ...(seccomp === 'Localhost' ? { seccompProfile: sc.seccompProfile } : {}),
    capabilities: { drop: ['ALL'], ...(add.length > 0 ? { add: [...new Set(add)] } : {}) },
  };
}

/** Validates one container and builds its JSON (without volume mounts). */
export function buildContainer(v: PropValidator, property: string, c: HardenedContainerProps, longRunning: boolean): BuiltContainer {
  const overrides: PendingOverride[] = [];
  const push = (o: PendingOverride | undefined) => o && overrides.push(o);
  if (!c || typeof c !== 'object') {
    v.fail(property, 'is not a container.', 'Pass { name, image, ... }.');
    return { name: '', property, json: {}, ports: [], writablePaths: [], writableSizeLimit: '', overrides };
  }
  v.require(isDnsLabel(c.name), `${property}.name`, `${JSON.stringify(c.name)} is not a valid container name.`, 'Use at most 63 lowercase letters, digits and "-".');

  // image: digest-pinned; tag-only with a reason; never latest or untagged
  const ref = parseImageRef(c.image);
  const unpinned = checkJustification(v, `${property}.allowUnpinnedImage`, c.allowUnpinnedImage, [K8S_RULE_IDS.IMAGE_DIGEST]);
  if (!ref) {
    v.fail(`${property}.image`, `${JSON.stringify(c.image)} is not a valid image reference: ${imageProblem(c.image)}.`, 'Use registry/repository:tag@sha256:<64 lowercase hex digits> (or @sha512:<128 lowercase hex digits>).');
  } else if (ref.tag === 'latest') {
    v.fail(`${property}.image`, `"${c.image}" uses the "latest" tag, which does not say what runs.`, 'Use a version tag and pin the digest: repository:1.2.3@sha256:<digest>.');
  } else if (!ref.digest && ref.tag === undefined) {
    v.fail(`${property}.image`, `"${c.image}" has no tag and no digest (implicitly latest).`, 'Pin the image by digest: repository:1.2.3@sha256:<digest>.');
  } else if (!ref.digest) {
    if (c.allowUnpinnedImage === undefined) {
      v.fail(`${property}.image`, `"${c.image}" is pinned by tag only; a tag can be moved to other content.`, 'Append the digest (repository:tag@sha256:<digest>), or set allowUnpinnedImage with a reason.');
    } else {push(unpinned);}
  } else if (c.allowUnpinnedImage !== undefined) {
    v.fail(`${property}.allowUnpinnedImage`, 'is set but the image is pinned by digest.', 'Remove allowUnpinnedImage.');
  }

  for (const k of ['command', 'args'] as const) {
    const list = c[k];
    if (list !== undefined) v.require(Array.isArray(list) && list.every((s) => typeof s === 'string'), `${property}.${k}`, 'must be a list of strings.', 'Pass e.g. ["--port", "8080"].');
  }
  if (c.workingDir !== undefined) checkAbsolutePath(v, `${property}.workingDir`, c.workingDir);

  // env: plain values; secrets only with a reason
  const env: Record<string, any>[] = [];
  const envNames = new Set<string>();
  for (const [name, value] of Object.entries(c.env ?? {})) {
    v.require(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name), `${property}.env.${name}`, 'is not a valid environment variable name.', 'Use letters, digits, "_", "-" and ".", not starting with a digit.');
    v.require(typeof value === 'string', `${property}.env.${name}`, 'must be a string.', 'Pass the value as a string.');
    envNames.add(name);
    env.push({ name, value });
  }
  (c.secretEnv ?? []).forEach((s, i) => {
    const p = `${property}.secretEnv[${i}]`;
    v.require(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s?.name ?? ''), `${p}.name`, `${JSON.stringify(s?.name)} is not a valid environment variable name.`, 'Use letters, digits, "_", "-" and ".".');
    v.require(!envNames.has(s?.name), `${p}.name`, `"${s?.name}" is also set in env.`, 'Use each variable name once.');
    v.require(isDnsLabel(s?.secretName) || /^[a-z0-9.-]{1,253}$/.test(s?.secretName ?? ''), `${p}.secretName`, `${JSON.stringify(s?.secretName)} is not a valid Secret name.`, 'Give the name of the Secret.');
    v.require(typeof s?.key === 'string' && /^[-._a-zA-Z0-9]+$/.test(s.key), `${p}.key`, `${JSON.stringify(s?.key)} is not a valid Secret key.`, 'Give the key in the Secret.');
    push(checkJustification(v, p, s?.reason === undefined ? { reason: '' } : { reason: s.reason }, [K8S_RULE_IDS.SECRET_ENV]));
    envNames.add(s?.name);
    env.push({ name: s?.name, valueFrom: { secretKeyRef: { name: s?.secretName, key: s?.key } } });
  });

  // ports
  const ports: NamedContainerPort[] = [];
  (c.ports ?? []).forEach((port, i) => {
    const p = `${property}.ports[${i}]`;
    v.require(isPortName(port?.name), `${p}.name`, `${JSON.stringify(port?.name)} is not a valid port name.`, 'Use at most 15 lowercase letters, digits and "-", with at least one letter.');
    v.require(isPort(port?.containerPort), `${p}.containerPort`, `${JSON.stringify(port?.containerPort)} is not a port number.`, 'Use a number from 1 to 65535.');
    const protocol = port?.protocol ?? PortProtocol.TCP;
    v.require(Object.values(PortProtocol).includes(protocol), `${p}.protocol`, `${JSON.stringify(protocol)} is not a protocol.`, 'Use PortProtocol.TCP, UDP or SCTP.');
    ports.push({ name: port?.name, containerPort: port?.containerPort, protocol });
  });

  // resources
  const r = c.resources ?? {};
  const cpuReq = checkQuantity(v, `${property}.resources.cpuRequest`, r.cpuRequest ?? D.cpuRequest, '100m');
  const memReq = checkQuantity(v, `${property}.resources.memoryRequest`, r.memoryRequest ?? D.memoryRequest, '128Mi');
  const memLim = checkQuantity(v, `${property}.resources.memoryLimit`, r.memoryLimit ?? D.memoryLimit, '512Mi');
  checkQuantity(v, `${property}.resources.ephemeralStorageLimit`, r.ephemeralStorageLimit ?? D.ephemeralStorageLimit, '1Gi');
  const noCpuLimit = checkJustification(v, `${property}.resources.withoutCpuLimit`, r.withoutCpuLimit);
  if (r.withoutCpuLimit !== undefined && r.cpuLimit !== undefined) v.fail(`${property}.resources.cpuLimit`, 'is set together with withoutCpuLimit.', 'Drop one of them.');
  const cpuLimit = r.withoutCpuLimit !== undefined ? undefined : (r.cpuLimit ?? D.cpuLimit);
  const cpuLim = checkQuantity(v, `${property}.resources.cpuLimit`, cpuLimit, '500m');
  if (cpuReq !== undefined && cpuLim !== undefined) v.require(cpuReq <= cpuLim, `${property}.resources.cpuRequest`, 'is larger than cpuLimit.', 'Make the request at most the limit.');
  if (memReq !== undefined && memLim !== undefined) v.require(memReq <= memLim, `${property}.resources.memoryRequest`, 'is larger than memoryLimit.', 'Make the request at most the limit.');
  push(noCpuLimit);

  // filesystem
  const writableRoot = checkJustification(v, `${property}.allowWritableRootFilesystem`, c.allowWritableRootFilesystem, [K8S_RULE_IDS.READ_ONLY_ROOT_FS]);
  push(writableRoot);
  const writablePaths = ['/tmp'];
  (c.writablePaths ?? []).forEach((path, i) => {
    if (checkAbsolutePath(v, `${property}.writablePaths[${i}]`, path) && !writablePaths.includes(path)) writablePaths.push(path);
  });
  const writableSizeLimit = c.writableVolumeSizeLimit ?? D.writableVolumeSizeLimit;
  checkQuantity(v, `${property}.writableVolumeSizeLimit`, writableSizeLimit, '256Mi');

  // probes
  const probes: Record<string, any> = {};
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = c[k];
    if (probe === undefined) continue;
    if (typeof (probe as any)?._toJson !== 'function') {
      v.fail(`${property}.${k}`, 'is not a HealthProbe.', 'Use HealthProbe.httpGet(...), tcpSocket(...), grpc(...) or exec(...).');
      continue;
    }
    probe._validate(v, `${property}.${k}`);
    const named = probe._portName;
    if (named !== undefined) v.require(ports.some((p) => p.name === named), `${property}.${k}.port`, `names port "${named}", which the container does not declare.`, 'Add the port to ports, or probe a port number.');
    probes[k] = probe._toJson();
  }
  const missing = ['livenessProbe', 'readinessProbe'].filter((k) => probes[k] === undefined);
  const noProbes = checkJustification(v, `${property}.withoutProbes`, c.withoutProbes, [K8S_RULE_IDS.PROBES]);
  if (longRunning && missing.length > 0 && c.withoutProbes === undefined) {
    v.fail(property, `has no ${missing.join(' and no ')}; a long-running container must say when it is alive and ready.`, 'Add livenessProbe and readinessProbe (HealthProbe.httpGet(...)), or set withoutProbes with a reason.');
  }
  if (c.withoutProbes !== undefined && !longRunning) v.fail(`${property}.withoutProbes`, 'is set on a run-to-completion workload, which needs no probes.', 'Remove withoutProbes.');
  else if (c.withoutProbes !== undefined && missing.length === 0) v.fail(`${property}.withoutProbes`, 'is set but both probes are given.', 'Remove withoutProbes.');
  else push(noProbes);

  const securityContext = mergeSecurityContext(v, property, c.securityContext, !writableRoot);

  const json: Record<string, any> = {
    name: c.name,
    image: c.image,
    ...(c.command ? { command: [...c.command] } : {}),
    ...(c.args ? { args: [...c.args] } : {}),
    ...(c.workingDir ? { workingDir: c.workingDir } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(ports.length > 0 ? { ports: ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })) } : {}),
    resources: {
      requests: { cpu: r.cpuRequest ?? D.cpuRequest, memory: r.memoryRequest ?? D.memoryRequest },
      limits: { ...(cpuLimit !== undefined ? { cpu: cpuLimit } : {}), 'memory': r.memoryLimit ?? D.memoryLimit, 'ephemeral-storage': r.ephemeralStorageLimit ?? D.ephemeralStorageLimit },
    },
    // an image without a digest (allowed with a reason) is pulled on every start, so a moved tag cannot run a stale or swapped cached copy
    ...(ref && !ref.digest ? { imagePullPolicy: 'Always' } : {}),
    securityContext,
    ...probes,
  };
  return { name: c.name, property, json, ports, writablePaths, writableSizeLimit, overrides };
}
