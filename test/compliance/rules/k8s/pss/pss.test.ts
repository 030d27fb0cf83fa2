import { POD_KINDS, containersOf, podOf } from '../../../../../lib/compliance/rules/k8s/pod';
import { BASELINE_RULES, RESTRICTED_RULES, RULES } from '../../../../../lib/compliance/rules/k8s/pss';
import { K8S_PSS_ALLOW_PRIVILEGE_ESCALATION } from '../../../../../lib/compliance/rules/k8s/pss/allow-privilege-escalation';
import { K8S_PSS_APPARMOR } from '../../../../../lib/compliance/rules/k8s/pss/apparmor';
import { K8S_PSS_CAPABILITIES_BASELINE } from '../../../../../lib/compliance/rules/k8s/pss/capabilities-baseline';
import { K8S_PSS_CAPABILITIES_RESTRICTED } from '../../../../../lib/compliance/rules/k8s/pss/capabilities-restricted';
import { K8S_PSS_HOST_NAMESPACES } from '../../../../../lib/compliance/rules/k8s/pss/host-namespaces';
import { K8S_PSS_HOST_PATH_VOLUMES } from '../../../../../lib/compliance/rules/k8s/pss/host-path-volumes';
import { K8S_PSS_HOST_PORTS } from '../../../../../lib/compliance/rules/k8s/pss/host-ports';
import { K8S_PSS_PRIVILEGED } from '../../../../../lib/compliance/rules/k8s/pss/privileged';
import { K8S_PSS_PROC_MOUNT } from '../../../../../lib/compliance/rules/k8s/pss/proc-mount';
import { K8S_PSS_RUN_AS_NON_ROOT } from '../../../../../lib/compliance/rules/k8s/pss/run-as-non-root';
import { K8S_PSS_RUN_AS_USER } from '../../../../../lib/compliance/rules/k8s/pss/run-as-user';
import { K8S_PSS_SECCOMP_BASELINE } from '../../../../../lib/compliance/rules/k8s/pss/seccomp-baseline';
import { K8S_PSS_SECCOMP_RESTRICTED } from '../../../../../lib/compliance/rules/k8s/pss/seccomp-restricted';
import { K8S_PSS_SELINUX } from '../../../../../lib/compliance/rules/k8s/pss/selinux';
import { K8S_PSS_SYSCTLS } from '../../../../../lib/compliance/rules/k8s/pss/sysctls';
import { K8S_PSS_VOLUME_TYPES } from '../../../../../lib/compliance/rules/k8s/pss/volume-types';
import { K8S_PSS_WINDOWS_HOST_PROCESS } from '../../../../../lib/compliance/rules/k8s/pss/windows-host-process';
import { SAFE_CONTAINER, check, ids, pod, safeSpec, workload } from '../helpers';

const withContainer = (c: object, extra: object = {}) => safeSpec({ containers: [{ ...SAFE_CONTAINER, ...c }], ...extra });
const sc = (securityContext: object) => ({ securityContext: { ...SAFE_CONTAINER.securityContext, ...securityContext } });

describe('pod-spec helper', () => {
  test.each(POD_KINDS)('%s: finds the pod spec and metadata', (kind) => {
    const body = workload(kind, { containers: [{ name: 'a' }], initContainers: [{ name: 'i' }], ephemeralContainers: [{ name: 'e' }] }, { annotations: { x: 'y' } });
    const info = podOf({ type: kind, body });
    expect(info).toBeDefined();
    expect(info!.metadata.annotations).toEqual({ x: 'y' });
    expect(containersOf(info!).map((c) => c.id)).toEqual(['initContainer:i', 'container:a', 'ephemeralContainer:e']);
  });

  test('other kinds and malformed objects have no pod spec; nothing throws', () => {
    expect(podOf({ type: 'Service', body: { spec: { template: { spec: {} } } } })).toBeUndefined();
    expect(podOf({ type: 'Deployment', body: { spec: { template: 'x' } } })).toBeUndefined();
    expect(podOf({ type: 'Pod', body: { spec: null } })).toBeUndefined();
    const info = podOf({ type: 'Pod', body: { spec: { containers: 'nope', initContainers: [null, 3, { name: 7 }] } } })!;
    expect(containersOf(info).map((c) => c.id)).toEqual(['initContainer:<unnamed #2>']);
  });

  test('a malformed pod spec produces findings, not engine errors', () => {
    const weird = pod({
      containers: [{ name: 'a', securityContext: 'x', ports: 'y' }, 'z'],
      volumes: [null, 'v', { name: 'w', hostPath: 'x' }],
      securityContext: { sysctls: [null, { name: 5 }], seLinuxOptions: 'x', seccompProfile: 'x' },
    }, { annotations: null });
    expect(() => check(RULES, weird)).not.toThrow();
  });
});

describe('every PSS rule finds the pod template of every pod-bearing kind', () => {
  // a spec that violates every control at once
  const bad = {
    hostNetwork: true,
    securityContext: { runAsUser: 0, sysctls: [{ name: 'kernel.msgmax', value: '1' }], windowsOptions: { hostProcess: true }, seLinuxOptions: { user: 'u' } },
    containers: [{
      name: 'app',
      image: 'nginx',
      ports: [{ containerPort: 80, hostPort: 80 }],
      securityContext: {
        privileged: true, allowPrivilegeEscalation: true, runAsNonRoot: false, procMount: 'Unmasked',
        capabilities: { add: ['SYS_ADMIN'] }, seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' },
      },
    }],
    volumes: [{ name: 'host', hostPath: { path: '/' } }],
  };
  const annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };

  test.each(POD_KINDS)('%s', (kind) => {
    const found = new Set(check(RULES, workload(kind, bad, { annotations })).map((f) => f.ruleId));
    expect([...found].sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(check(RULES, workload(kind, safeSpec()))).toEqual([]);
  });

  test('findings name the resource and carry the rule metadata', () => {
    const [f] = check(K8S_PSS_PRIVILEGED, workload('Deployment', withContainer(sc({ privileged: true }))));
    expect(f.resource.type).toBe('Deployment');
    expect(f.resource.name).toBe('app/deployment');
    expect(f.findingId).toBe('container:app');
    expect(f.message).toContain('spec.template.spec.containers[0]');
    expect(f.controls).toContain('PSS-baseline:privileged');
  });
});

describe('rule metadata', () => {
  test.each(RULES.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    expect(r.id).toMatch(/^k8s-pss-[a-z0-9-]+$/);
    expect(r.severity).toBe('error');
    expect(r.platform).toBe('k8s');
    expect(r.title.length).toBeGreaterThan(10);
    expect(r.description.length).toBeGreaterThan(20);
    expect(r.remediation.length).toBeGreaterThan(20);
    expect(r.helpUri).toMatch(/^https:\/\//);
    const pss = r.controls.filter((c) => c.startsWith('PSS-'));
    expect(pss).toHaveLength(1);
    expect(pss[0]).toMatch(BASELINE_RULES.includes(r) ? /^PSS-baseline:/ : /^PSS-restricted:/);
    expect(r.controls).toContain('NSA-CISA:pod-security');
  });

  test('ids are unique', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(BASELINE_RULES.length + RESTRICTED_RULES.length).toBe(RULES.length);
  });
});

describe('baseline controls', () => {
  test('host namespaces: each of hostNetwork/hostPID/hostIPC; false is fine', () => {
    expect(ids(check(K8S_PSS_HOST_NAMESPACES, pod(safeSpec({ hostPID: true, hostIPC: true, hostNetwork: false }))))).toEqual([
      'k8s-pss-host-namespaces[hostPID]', 'k8s-pss-host-namespaces[hostIPC]',
    ]);
    expect(check(K8S_PSS_HOST_NAMESPACES, pod(safeSpec({ hostNetwork: false })))).toEqual([]);
  });

  test('privileged: ephemeral containers are checked too', () => {
    const spec = safeSpec({ ephemeralContainers: [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }] });
    expect(ids(check(K8S_PSS_PRIVILEGED, pod(spec)))).toEqual(['k8s-pss-privileged[ephemeralContainer:debug]']);
    expect(check(K8S_PSS_PRIVILEGED, pod(withContainer(sc({ privileged: false }))))).toEqual([]);
  });

  test('capabilities: the default set may be added, NET_RAW / SYS_ADMIN may not', () => {
    expect(check(K8S_PSS_CAPABILITIES_BASELINE, pod(withContainer(sc({ capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE', 'SYS_CHROOT'] } }))))).toEqual([]);
    const f = check(K8S_PSS_CAPABILITIES_BASELINE, pod(withContainer(sc({ capabilities: { add: ['CHOWN', 'NET_RAW'] } }))));
    expect(ids(f)).toEqual(['k8s-pss-capabilities-baseline[container:app]']);
    expect(f[0].message).toContain('NET_RAW');
    expect(f[0].message).not.toContain('CHOWN');
    // matched case-exactly, as upstream
    expect(check(K8S_PSS_CAPABILITIES_BASELINE, pod(withContainer(sc({ capabilities: { add: ['chown'] } }))))).toHaveLength(1);
  });

  test('hostPath volumes: per volume; a null hostPath is unset', () => {
    const spec = safeSpec({ volumes: [{ name: 'a', hostPath: { path: '/var/run' } }, { name: 'b', emptyDir: {}, hostPath: null }] });
    expect(ids(check(K8S_PSS_HOST_PATH_VOLUMES, pod(spec)))).toEqual(['k8s-pss-host-path-volumes[volume:a]']);
  });

  test('host ports: non-zero hostPort only', () => {
    const c = (ports: object[]) => pod(withContainer({ ports }));
    expect(check(K8S_PSS_HOST_PORTS, c([{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }]))).toEqual([]);
    expect(ids(check(K8S_PSS_HOST_PORTS, c([{ containerPort: 80, hostPort: 8080 }])))).toEqual(['k8s-pss-host-ports[container:app]']);
  });

  test('AppArmor: annotations and the appArmorProfile field', () => {
    const a = (v: string) => pod(safeSpec(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': v } });
    expect(check(K8S_PSS_APPARMOR, a('runtime/default'))).toEqual([]);
    expect(check(K8S_PSS_APPARMOR, a('localhost/my-profile'))).toEqual([]);
    expect(check(K8S_PSS_APPARMOR, a(''))).toEqual([]);
    expect(ids(check(K8S_PSS_APPARMOR, a('unconfined')))).toEqual(['k8s-pss-apparmor[annotation:container.apparmor.security.beta.kubernetes.io/app]']);
    // other annotations are ignored
    expect(check(K8S_PSS_APPARMOR, pod(safeSpec(), { annotations: { 'apparmor.example.com/x': 'unconfined' } }))).toEqual([]);
    // field: pod level and container level
    const podField = safeSpec();
    podField.securityContext.appArmorProfile = { type: 'Unconfined' };
    expect(ids(check(K8S_PSS_APPARMOR, pod(podField)))).toEqual(['k8s-pss-apparmor[pod]']);
    expect(check(K8S_PSS_APPARMOR, pod(withContainer(sc({ appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } }))))).toEqual([]);
    expect(check(K8S_PSS_APPARMOR, pod(withContainer(sc({ appArmorProfile: { type: 'RuntimeDefault' } }))))).toEqual([]);
    expect(ids(check(K8S_PSS_APPARMOR, pod(withContainer(sc({ appArmorProfile: { type: 'Unconfined' } })))))).toEqual(['k8s-pss-apparmor[container:app]']);
  });

  test('SELinux: allowed types; user and role forbidden; pod and containers', () => {
    const c = (o: object) => pod(withContainer(sc({ seLinuxOptions: o })));
    expect(check(K8S_PSS_SELINUX, c({ type: 'container_t', level: 's0:c123,c456' }))).toEqual([]);
    expect(check(K8S_PSS_SELINUX, c({ type: 'container_kvm_t' }))).toEqual([]);
    expect(check(K8S_PSS_SELINUX, c({ type: 'container_engine_t' }))).toHaveLength(1); // allowed from v1.31 only
    expect(check(K8S_PSS_SELINUX, c({ type: 'spc_t' }))).toHaveLength(1);
    expect(check(K8S_PSS_SELINUX, c({ user: 'system_u' }))).toHaveLength(1);
    expect(check(K8S_PSS_SELINUX, c({ role: 'system_r' }))).toHaveLength(1);
    expect(check(K8S_PSS_SELINUX, c({ user: '', role: '' }))).toEqual([]);
    const spec = safeSpec();
    spec.securityContext.seLinuxOptions = { type: 'unconfined_t' };
    expect(ids(check(K8S_PSS_SELINUX, pod(spec)))).toEqual(['k8s-pss-selinux[pod]']);
  });

  test('procMount: only Default; hostUsers: false does not relax it (feature gate off)', () => {
    expect(check(K8S_PSS_PROC_MOUNT, pod(withContainer(sc({ procMount: 'Default' }))))).toEqual([]);
    expect(ids(check(K8S_PSS_PROC_MOUNT, pod(withContainer(sc({ procMount: 'Unmasked' }), { hostUsers: false }))))).toEqual(['k8s-pss-proc-mount[container:app]']);
  });

  test('seccomp baseline: unset is fine, Unconfined or a type-less profile is not', () => {
    expect(check(K8S_PSS_SECCOMP_BASELINE, pod({ containers: [{ name: 'a', image: 'x' }] }))).toEqual([]);
    expect(ids(check(K8S_PSS_SECCOMP_BASELINE, pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a', image: 'x', securityContext: { seccompProfile: {} } }] })))).toEqual([
      'k8s-pss-seccomp-baseline[pod]', 'k8s-pss-seccomp-baseline[container:a]',
    ]);
  });

  test('sysctls: values are checked too (CVE-2022-0811, cr8escape)', () => {
    const s = (...sysctls: object[]) => pod(safeSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls } }));
    const cr8escape = check(K8S_PSS_SYSCTLS, s({ name: 'kernel.shm_rmid_forced', value: '1+kernel.core_pattern=|/var/lib/containers/storage/overlay/x/diff/malicious.sh #' }));
    expect(ids(cr8escape)).toEqual(['k8s-pss-sysctls[sysctl:kernel.shm_rmid_forced]']);
    expect(cr8escape[0].message).toContain('CVE-2022-0811');
    for (const value of ['1+a', 'a=b', '1;reboot', '1|x', '1\nkernel.x=1', '$(id)', '1`id`']) {
      expect(check(K8S_PSS_SYSCTLS, s({ name: 'kernel.shm_rmid_forced', value }))).toHaveLength(1);
    }
    // malformed for the sysctl's format
    expect(check(K8S_PSS_SYSCTLS, s({ name: 'net.ipv4.ip_local_port_range', value: '1024' }))).toHaveLength(1);
    expect(check(K8S_PSS_SYSCTLS, s({ name: 'kernel.shm_rmid_forced', value: 'yes' }))).toHaveLength(1);
    expect(check(K8S_PSS_SYSCTLS, s({ name: 'net.ipv4.tcp_syncookies', value: { a: 1 } }))).toHaveLength(1);
    // well-formed values of every safe sysctl
    expect(check(K8S_PSS_SYSCTLS, s(
      { name: 'kernel.shm_rmid_forced', value: '0' },
      { name: 'net.ipv4.ip_local_port_range', value: '1024 65535' },
      { name: 'net.ipv4.tcp_syncookies', value: 1 },
      { name: 'net.ipv4.ping_group_range', value: '1 0' },
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '1024' },
      { name: 'net.ipv4.ip_local_reserved_ports', value: '1024-4999,8080' },
      { name: 'net.ipv4.ip_local_reserved_ports' },
    ))).toEqual([]);
  });

  test('sysctls: the v1.28 safe set; v1.29 additions are not safe yet', () => {
    const s = (...names: string[]) => pod(safeSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: names.map((name) => ({ name, value: '1' })) } }));
    expect(check(K8S_PSS_SYSCTLS, s('kernel.shm_rmid_forced', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.ip_unprivileged_port_start'))).toEqual([]);
    expect(ids(check(K8S_PSS_SYSCTLS, s('net.ipv4.tcp_keepalive_time', 'kernel.shm_rmid_forced')))).toEqual(['k8s-pss-sysctls[sysctl:net.ipv4.tcp_keepalive_time]']);
  });

  test('Windows hostProcess: pod and containers', () => {
    const spec = safeSpec({ securityContext: { windowsOptions: { hostProcess: true } } });
    spec.initContainers = [{ name: 'init', image: 'x', securityContext: { windowsOptions: { hostProcess: true } } }];
    expect(ids(check(K8S_PSS_WINDOWS_HOST_PROCESS, pod(spec)))).toEqual(['k8s-pss-windows-host-process[pod]', 'k8s-pss-windows-host-process[initContainer:init]']);
    expect(check(K8S_PSS_WINDOWS_HOST_PROCESS, pod(withContainer(sc({ windowsOptions: { hostProcess: false } }))))).toEqual([]);
  });
});

describe('restricted controls', () => {
  test('volume types: allowed sources, a name-only volume (defaulted to emptyDir), forbidden and unknown sources', () => {
    const v = (...volumes: object[]) => pod(safeSpec({ volumes }));
    expect(check(K8S_PSS_VOLUME_TYPES, v(
      { name: 'a' }, { name: 'b', emptyDir: {} }, { name: 'c', configMap: { name: 'x' } }, { name: 'd', csi: { driver: 'x' } },
      { name: 'e', ephemeral: { volumeClaimTemplate: {} } }, { name: 'f', projected: { sources: [] } },
      { name: 'g', persistentVolumeClaim: { claimName: 'x' } }, { name: 'h', secret: { secretName: 'x' } },
      { name: 'i', downwardAPI: { items: [] } }, { name: 'j', hostPath: null },
    ))).toEqual([]);
    const f = check(K8S_PSS_VOLUME_TYPES, v({ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'p', photonPersistentDisk: { pdID: 'x' } }, { name: 'u', somethingNew: {} }));
    expect(ids(f)).toEqual(['k8s-pss-volume-types[volume:n]', 'k8s-pss-volume-types[volume:p]', 'k8s-pss-volume-types[volume:u]']);
    expect(f[2].message).toContain('unknown (somethingNew)');
  });

  test('allowPrivilegeEscalation must be explicitly false on every container, including ephemeral ones', () => {
    const spec = safeSpec({ ephemeralContainers: [{ name: 'dbg', image: 'x', securityContext: { capabilities: { drop: ['ALL'] } } }] });
    expect(ids(check(K8S_PSS_ALLOW_PRIVILEGE_ESCALATION, pod(spec)))).toEqual(['k8s-pss-allow-privilege-escalation[ephemeralContainer:dbg]']);
    expect(ids(check(K8S_PSS_ALLOW_PRIVILEGE_ESCALATION, pod({ containers: [{ name: 'a', image: 'x' }] })))).toEqual(['k8s-pss-allow-privilege-escalation[container:a]']);
  });

  test('runAsNonRoot: pod true covers containers, container false overrides, each container must be covered', () => {
    const spec = (podValue: boolean | undefined, ...containers: (boolean | undefined)[]) => pod({
      securityContext: podValue === undefined ? {} : { runAsNonRoot: podValue },
      containers: containers.map((v, i) => ({ name: `c${i}`, image: 'x', securityContext: v === undefined ? {} : { runAsNonRoot: v } })),
    });
    expect(check(K8S_PSS_RUN_AS_NON_ROOT, spec(true, undefined, true))).toEqual([]);
    expect(check(K8S_PSS_RUN_AS_NON_ROOT, spec(undefined, true, true))).toEqual([]);
    expect(ids(check(K8S_PSS_RUN_AS_NON_ROOT, spec(undefined, true, undefined)))).toEqual(['k8s-pss-run-as-non-root[container:c1]']);
    expect(ids(check(K8S_PSS_RUN_AS_NON_ROOT, spec(true, false)))).toEqual(['k8s-pss-run-as-non-root[container:c0]']);
    expect(ids(check(K8S_PSS_RUN_AS_NON_ROOT, spec(false, true)))).toEqual(['k8s-pss-run-as-non-root[pod]']);
  });

  test('runAsUser: 0 is forbidden at pod and container level; other UIDs are fine', () => {
    const spec = safeSpec({ securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } });
    expect(ids(check(K8S_PSS_RUN_AS_USER, pod(spec)))).toEqual(['k8s-pss-run-as-user[pod]']);
    expect(ids(check(K8S_PSS_RUN_AS_USER, pod(withContainer(sc({ runAsUser: 0 })))))).toEqual(['k8s-pss-run-as-user[container:app]']);
    expect(check(K8S_PSS_RUN_AS_USER, pod(withContainer(sc({ runAsUser: 1000 }))))).toEqual([]);
  });

  test('seccomp restricted: pod value covers containers; container value overrides; ephemeral containers too', () => {
    const noPod = { containers: [{ ...SAFE_CONTAINER, securityContext: { ...SAFE_CONTAINER.securityContext, seccompProfile: { type: 'Localhost', localhostProfile: 'p' } } }] };
    expect(check(K8S_PSS_SECCOMP_RESTRICTED, pod(noPod))).toEqual([]);
    const eph = { ...noPod, ephemeralContainers: [{ name: 'dbg', image: 'x' }] };
    expect(ids(check(K8S_PSS_SECCOMP_RESTRICTED, pod(eph)))).toEqual(['k8s-pss-seccomp-restricted[ephemeralContainer:dbg]']);
    expect(ids(check(K8S_PSS_SECCOMP_RESTRICTED, pod(withContainer(sc({ seccompProfile: { type: 'Unconfined' } })))))).toEqual(['k8s-pss-seccomp-restricted[container:app]']);
    expect(ids(check(K8S_PSS_SECCOMP_RESTRICTED, pod({ containers: [{ name: 'a', image: 'x' }] })))).toEqual(['k8s-pss-seccomp-restricted[container:a]']);
  });

  test('capabilities restricted: drop must contain "ALL" exactly; only NET_BIND_SERVICE may be added', () => {
    const caps = (capabilities: object | undefined) => pod(withContainer({ securityContext: { allowPrivilegeEscalation: false, capabilities } }));
    expect(check(K8S_PSS_CAPABILITIES_RESTRICTED, caps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }))).toEqual([]);
    expect(check(K8S_PSS_CAPABILITIES_RESTRICTED, caps({ drop: ['all'] }))).toHaveLength(1);
    expect(check(K8S_PSS_CAPABILITIES_RESTRICTED, caps({ drop: ['NET_RAW'] }))).toHaveLength(1);
    expect(check(K8S_PSS_CAPABILITIES_RESTRICTED, caps(undefined))).toHaveLength(1);
    const f = check(K8S_PSS_CAPABILITIES_RESTRICTED, caps({ drop: ['ALL'], add: ['CHOWN'] }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('CHOWN');
  });

  test('pods with spec.os.name=windows are exempt from allowPrivilegeEscalation, seccomp and capabilities (v1.25+), not from runAsNonRoot', () => {
    const win = pod({ os: { name: 'windows' }, containers: [{ name: 'a', image: 'x' }] });
    expect(check([K8S_PSS_ALLOW_PRIVILEGE_ESCALATION, K8S_PSS_SECCOMP_RESTRICTED, K8S_PSS_CAPABILITIES_RESTRICTED], win)).toEqual([]);
    expect(check(K8S_PSS_RUN_AS_NON_ROOT, win)).toHaveLength(1);
    const linux = pod({ os: { name: 'linux' }, containers: [{ name: 'a', image: 'x' }] });
    expect(check([K8S_PSS_ALLOW_PRIVILEGE_ESCALATION, K8S_PSS_SECCOMP_RESTRICTED, K8S_PSS_CAPABILITIES_RESTRICTED], linux)).toHaveLength(3);
  });
});
