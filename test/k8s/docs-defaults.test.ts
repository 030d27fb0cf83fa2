/**
 * docs/kubernetes.md documents every `@default` of the Kubernetes construct props in one table per
 * construct. This test checks (1) that every `@default` in lib/k8s is listed in its construct's
 * table and (2) every check in the table's last column against the construct created with minimal props.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { fakeSealed } from './secrets/fixtures';
import { batchContainer, webContainer } from './workload/fixtures';
import { WorkloadCertificate } from '../../lib/k8s/certificates';
import { MeshProvider, MutualTls } from '../../lib/k8s/mesh';
import { SecureNamespace } from '../../lib/k8s/namespace';
import { AllowCidrEgress, AllowNamespaceIngress } from '../../lib/k8s/network';
import { WorkloadRole } from '../../lib/k8s/rbac';
import { AwsSecretsManagerStore, ExternalSecret, PlainSecret, SealedSecret } from '../../lib/k8s/secrets';
import { HardenedCronJob, HardenedDeployment, HardenedJob, HardenedStatefulSet, HealthProbe } from '../../lib/k8s/workload';

const ROOT = path.join(__dirname, '..', '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'kubernetes.md'), 'utf8');
const noIsolation = { withoutIsolationPolicy: { reason: 'Policies of this example are checked on their own.' } };

/** Per documented table: the construct created with minimal props, and the props interfaces it documents. */
const SECTIONS: Record<string, { build: () => Chart; interfaces: [file: string, name: string, prefix: string][] }> = {
  'SecureNamespace': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      new SecureNamespace(chart, 'ns');
      return chart;
    },
    interfaces: [
      ['namespace/secure-namespace.ts', 'SecureNamespaceProps', ''],
      ['namespace/secure-namespace.ts', 'NamespaceResourceQuotaOptions', 'resourceQuota.'],
      ['namespace/secure-namespace.ts', 'NamespaceLimitRangeOptions', 'limitRange.'],
    ],
  },
  'Hardened workloads': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      new HardenedDeployment(chart, 'web', { containers: [webContainer({ name: 'app' })] });
      new HardenedStatefulSet(chart, 'db', {
        initContainers: [batchContainer({ name: 'init' })],
        containers: [webContainer({ name: 'db' })],
        secretVolumes: [{ secretName: 'app-secret', mountPath: '/var/run/secrets/app' }],
        configMapVolumes: [{ configMapName: 'app-config', mountPath: '/etc/app' }],
        extraVolumes: [{ volume: { name: 'cache', emptyDir: {} }, mountPath: '/cache' }],
      });
      new HardenedJob(chart, 'job', { containers: [batchContainer()] });
      new HardenedCronJob(chart, 'cron', { schedule: '@daily', containers: [batchContainer()] });
      return chart;
    },
    interfaces: [
      ['workload/types.ts', 'HardenedWorkloadProps', ''],
      ['workload/types.ts', 'ReplicatedWorkloadProps', ''],
      ['workload/types.ts', 'TopologySpreadOptions', 'topologySpread.'],
      ['workload/types.ts', 'WorkloadIsolationOptions', 'isolation.'],
      ['workload/types.ts', 'HardenedContainerProps', 'containers[].'],
      ['workload/types.ts', 'ContainerResources', 'containers[].resources.'],
      ['workload/types.ts', 'NamedContainerPort', 'containers[].ports[].'],
      ['workload/types.ts', 'SecretMountOptions', 'secretVolumes[].'],
      ['workload/types.ts', 'ConfigMapVolume', 'configMapVolumes[].'],
      ['workload/types.ts', 'ExtraVolume', 'extraVolumes[].'],
      ['workload/health-probe.ts', 'HealthProbeOptions', 'probe.'],
      ['workload/hardened-deployment.ts', 'HardenedDeploymentProps', ''],
      ['workload/hardened-stateful-set.ts', 'HardenedStatefulSetProps', ''],
      ['workload/hardened-stateful-set.ts', 'PersistentStorage', 'volumeClaims[].'],
      ['workload/hardened-job.ts', 'JobOptions', ''],
      ['workload/hardened-cron-job.ts', 'HardenedCronJobProps', ''],
    ],
  },
  'AllowWorkloadTraffic, AllowNamespaceIngress, AllowCidrEgress': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()], ...noIsolation });
      new AllowCidrEgress(chart, 'egress', { client: web, cidr: '10.20.0.0/16', port: 5432 });
      new AllowNamespaceIngress(chart, 'ingress', { server: web, clientNamespace: 'ingress-nginx', ports: ['http'] });
      return chart;
    },
    interfaces: [
      ['network/allow-cidr-egress.ts', 'AllowCidrEgressProps', ''],
      ['network/allow-namespace-ingress.ts', 'AllowNamespaceIngressProps', ''],
    ],
  },
  'WorkloadRole': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      const web = new HardenedDeployment(chart, 'web', { namespaceName: 'shop', containers: [webContainer()] });
      new WorkloadRole(chart, 'rbac', { workload: web, grants: [{ apiGroup: '', resource: 'configmaps', verbs: ['get'] }] });
      return chart;
    },
    interfaces: [
      ['rbac/workload-role.ts', 'RbacGrant', 'grants[].'],
      ['rbac/workload-role.ts', 'WorkloadRoleProps', ''],
    ],
  },
  'MutualTls': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      const api = new HardenedDeployment(chart, 'api', {
        namespaceName: 'back',
        containers: [webContainer({ name: 'api', ports: [{ name: 'grpc', containerPort: 9090 }], livenessProbe: HealthProbe.grpc(9090), readinessProbe: HealthProbe.grpc(9090) })],
        ...noIsolation,
      });
      const web = new HardenedDeployment(chart, 'web', { namespaceName: 'front', containers: [webContainer()], ...noIsolation });
      new MutualTls(chart, 'mtls', { provider: MeshProvider.LINKERD, workload: api, allowedClients: [web] });
      return chart;
    },
    interfaces: [['mesh/mutual-tls.ts', 'MutualTlsProps', '']],
  },
  'WorkloadCertificate': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
      new WorkloadCertificate(chart, 'cert', { issuer: { name: 'ca' }, dnsNames: ['web.example.com'] }).mountInto(web);
      return chart;
    },
    interfaces: [
      ['certificates/workload-certificate.ts', 'WorkloadCertificateProps', ''],
      ['certificates/workload-certificate.ts', 'IssuerRef', 'issuer.'],
    ],
  },
  'AwsSecretsManagerStore and ExternalSecret': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      const web = new HardenedDeployment(chart, 'web', { containers: [webContainer()] });
      const store = new AwsSecretsManagerStore(chart, 'store', { region: 'eu-west-1', serviceAccountName: web.serviceAccountName });
      new ExternalSecret(chart, 'secret', { store, remoteKey: 'prod/app' }).mountInto(web);
      return chart;
    },
    interfaces: [
      ['secrets/secret-store.ts', 'AwsSecretsManagerStoreProps', ''],
      ['secrets/external-secret.ts', 'ExternalSecretProps', ''],
      ['secrets/external-secret.ts', 'ExternalSecretKey', 'keys[].'],
    ],
  },
  'SealedSecret': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
      new SealedSecret(chart, 'sealed', { name: 'db', encryptedData: { password: fakeSealed() } });
      return chart;
    },
    interfaces: [['secrets/sealed-secret.ts', 'SealedSecretProps', '']],
  },
  'PlainSecret': {
    build: () => {
      const chart = new Chart(Testing.app(), 'test');
      new PlainSecret(chart, 'secret');
      return chart;
    },
    interfaces: [['secrets/plain-secret.ts', 'PlainSecretProps', '']],
  },
};

interface Row { property: string; checks: string }

/** The defaults table under each `## heading`. */
function tables(): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  let heading = '';
  for (const line of DOC.split('\n')) {
    const h = /^## (.+)$/.exec(line);
    if (h) heading = h[1].trim();
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 3 || cells[0] === 'Property' || /^-+$/.test(cells[0])) continue;
    const prop = /^`([^`]+)`/.exec(cells[0]);
    if (!prop) continue;
    (out[heading] ??= []).push({ property: prop[1], checks: cells[2] });
  }
  return out;
}

/** Props with an `@default` in an exported interface. */
function defaultedProps(file: string, name: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, 'lib', 'k8s', file), 'utf8');
  const m = new RegExp(`export interface ${name}\\b[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(src);
  if (!m) throw new Error(`interface ${name} not found in ${file}`);
  const props: string[] = [];
  const re = /\/\*\*([\s\S]*?)\*\/\s*readonly (\w+)\??:/g;
  let x: RegExpExecArray | null;
  while ((x = re.exec(m[1]))) if (x[1].includes('@default')) props.push(x[2]);
  return props;
}

/** Evaluates `a.b["c.d"][0][name=x]` on a value. */
function at(value: any, p: string): any {
  const re = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"]+)"\]|\[(\w+)=([^\]]+)\]/g;
  let consumed = 0;
  let m: RegExpExecArray | null;
  let v = value;
  while ((m = re.exec(p))) {
    if (m.index !== consumed) throw new Error(`cannot parse path ${p}`);
    consumed = re.lastIndex;
    if (v === undefined || v === null) return undefined;
    if (m[1] !== undefined) v = v[m[1]];
    else if (m[2] !== undefined) v = v[Number(m[2])];
    else if (m[3] !== undefined) v = v[m[3]];
    else v = Array.isArray(v) ? v.find((item) => String(item?.[m![4]]) === m![5]) : undefined;
  }
  if (consumed !== p.length) throw new Error(`cannot parse path ${p}`);
  return v;
}

function select(manifest: any[], selector: string): any {
  const [kind, which] = selector.split('#');
  const list = manifest.filter((o) => o.kind === kind);
  if (which === undefined) return list[0];
  return /^\d+$/.test(which) ? list[Number(which)] : list.find((o) => o.metadata?.name === which);
}

/** Runs the checks of one row; returns the failures. */
function runChecks(manifest: any[], checks: string): string[] {
  if (checks === 'input only') return [];
  const failures: string[] = [];
  const parts = checks.split(/;\s+(?=`)/);
  for (const part of parts) {
    const m = /^`([^`]+)`\s+(?:=\s+`(.+)`|(absent)|(generated))$/.exec(part.trim());
    if (!m) {
      failures.push(`unparseable check: ${part}`);
      continue;
    }
    const [, target, expected, absent, generated] = m;
    let actual: any;
    if (target.startsWith('count:')) {
      actual = manifest.filter((o) => o.kind === target.slice('count:'.length)).length;
    } else {
      const colon = target.indexOf(':');
      const selector = colon < 0 ? target : target.slice(0, colon);
      const obj = select(manifest, selector);
      if (colon < 0) {actual = obj;} else if (obj === undefined) {
        failures.push(`${target}: no ${selector} in the output`);
        continue;
      } else {actual = at(obj, target.slice(colon + 1));}
    }
    if (absent) {
      if (actual !== undefined) failures.push(`${target}: expected absent, got ${JSON.stringify(actual)}`);
    } else if (generated) {
      if (typeof actual !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(actual)) failures.push(`${target}: expected a generated name, got ${JSON.stringify(actual)}`);
    } else {
      try {
        expect(actual).toEqual(JSON.parse(expected));
      } catch {
        failures.push(`${target}: expected ${expected}, got ${JSON.stringify(actual)}`);
      }
    }
  }
  return failures;
}

const TABLES = tables();

describe('docs/kubernetes.md defaults', () => {
  test('every documented construct has a defaults table and a minimal instance', () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(SECTIONS).sort());
  });

  describe.each(Object.entries(SECTIONS))('%s', (heading, section) => {
    const rows = TABLES[heading] ?? [];
    const manifest = Testing.synth(section.build());

    test('every @default of its props is documented', () => {
      const documented = new Set(rows.map((r) => r.property));
      for (const [file, name] of section.interfaces) expect([name, defaultedProps(file, name).length > 0]).toEqual([name, true]);
      const missing = section.interfaces.flatMap(([file, name, prefix]) => defaultedProps(file, name).map((p) => `${prefix}${p}`)).filter((p) => !documented.has(p));
      expect(missing).toEqual([]);
    });

    test.each(rows.map((r) => [r.property, r.checks]))('%s: %s', (_property, checks) => {
      expect(runChecks(manifest, checks)).toEqual([]);
    });
  });

  test('the checker catches wrong documentation', () => {
    const manifest = Testing.synth(SECTIONS.SecureNamespace.build());
    expect(runChecks(manifest, '`ResourceQuota:spec.hard.pods` = `"51"`')).toHaveLength(1);
    expect(runChecks(manifest, '`Namespace:metadata.name` absent')).toHaveLength(1);
    expect(runChecks(manifest, '`count:Namespace` = `2`')).toHaveLength(1);
    expect(runChecks(manifest, 'whatever')).toHaveLength(1);
  });
});
