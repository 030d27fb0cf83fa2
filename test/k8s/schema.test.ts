/**
 * Every object the Kubernetes constructs synthesize validates against its schema:
 * - core kinds: `kubernetes-models` 4.5 (Kubernetes 1.30 schema: a superset of 1.28 for these kinds;
 *   there is no 4.x build of 1.28, and 4.4 is 1.27);
 * - Istio, cert-manager, External Secrets, Sealed Secrets: `@kubernetes-models/*` (the CommonJS builds
 *   that run on Node 20). Istio `networking.istio.io/v1` and External Secrets `external-secrets.io/v1`
 *   are validated against their `v1beta1` schemas, which the v1 APIs promoted unchanged for the
 *   fields used here (the packages with v1 models are ESM-only and need Node 22);
 * - Linkerd: the CRD schemas in ./schemas/linkerd.ts, with ajv.
 */
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import { SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/SecretStore';
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule';
import { AuthorizationPolicy as IstioAuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication';
import { SealedSecret } from '@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret';
import Ajv from 'ajv';
import { Chart, Testing } from 'cdk8s';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { allConstructsChart } from './all-constructs';
import { LINKERD_SCHEMAS } from './schemas/linkerd';
import { webContainer } from './workload/fixtures';
import { WorkloadRole } from '../../lib/k8s/rbac';
import { HardenedDeployment } from '../../lib/k8s/workload';

interface ModelClass { new (data: any): { validate(): void } }

/** Model per `apiVersion/kind`, and the apiVersion to validate as (when the schema is an earlier, identical version). */
const MODELS: Record<string, { model: ModelClass; as?: string }> = {
  'v1/Namespace': { model: Namespace },
  'v1/ServiceAccount': { model: ServiceAccount },
  'v1/Service': { model: Service },
  'v1/Secret': { model: Secret },
  'v1/ResourceQuota': { model: ResourceQuota },
  'v1/LimitRange': { model: LimitRange },
  'apps/v1/Deployment': { model: Deployment },
  'apps/v1/StatefulSet': { model: StatefulSet },
  'batch/v1/Job': { model: Job },
  'batch/v1/CronJob': { model: CronJob },
  'networking.k8s.io/v1/NetworkPolicy': { model: NetworkPolicy },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget },
  'rbac.authorization.k8s.io/v1/Role': { model: Role },
  'rbac.authorization.k8s.io/v1/RoleBinding': { model: RoleBinding },
  'rbac.authorization.k8s.io/v1/ClusterRole': { model: ClusterRole },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': { model: ClusterRoleBinding },
  'security.istio.io/v1/PeerAuthentication': { model: PeerAuthentication, as: 'security.istio.io/v1beta1' },
  'security.istio.io/v1/AuthorizationPolicy': { model: IstioAuthorizationPolicy },
  'networking.istio.io/v1/DestinationRule': { model: DestinationRule, as: 'networking.istio.io/v1beta1' },
  'cert-manager.io/v1/Certificate': { model: Certificate },
  'external-secrets.io/v1/SecretStore': { model: SecretStore, as: 'external-secrets.io/v1beta1' },
  'external-secrets.io/v1/ExternalSecret': { model: ExternalSecret, as: 'external-secrets.io/v1beta1' },
  'bitnami.com/v1alpha1/SealedSecret': { model: SealedSecret },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const linkerd = Object.fromEntries(Object.entries(LINKERD_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));

/** Schema problems of one object ('' when valid). */
function schemaProblems(obj: any): string {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const entry = MODELS[key];
  if (entry) {
    try {
      new entry.model(entry.as ? { ...obj, apiVersion: entry.as } : obj).validate();
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }
  const validate = linkerd[key];
  if (validate) return validate(obj) ? '' : ajv.errorsText(validate.errors);
  return `no schema for ${key}`;
}

describe('schema validation of every synthesized object', () => {
  const manifest = Testing.synth(allConstructsChart());

  test('the chart covers every kind the constructs emit', () => {
    const kinds = new Set(manifest.map((o) => `${o.apiVersion}/${o.kind}`));
    expect([...kinds].sort()).toEqual([...Object.keys(MODELS).filter((k) => !k.startsWith('rbac.authorization.k8s.io/v1/Cluster')), ...Object.keys(LINKERD_SCHEMAS)].sort());
  });

  test.each(manifest.map((o) => [`${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? '-'}/${o.metadata?.name}`, o]))('%s', (_name, obj) => {
    expect(schemaProblems(obj)).toBe('');
  });

  test('cluster-wide RBAC objects validate too', () => {
    const chart = new Chart(Testing.app(), 'c');
    const w = new HardenedDeployment(chart, 'w', { namespaceName: 'n', containers: [webContainer()] });
    new WorkloadRole(chart, 'r', { workload: w, grants: [{ apiGroup: '', resource: 'nodes', verbs: ['get'] }], clusterWide: { reason: 'Node exporter reads node objects.' } });
    const objs = Testing.synth(chart).filter((o) => o.kind.startsWith('Cluster'));
    expect(objs.map((o) => o.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
    for (const o of objs) expect(schemaProblems(o)).toBe('');
  });

  test('the validators reject broken objects (so the checks above can fail)', () => {
    const dep = manifest.find((o) => o.kind === 'Deployment');
    expect(schemaProblems({ ...dep, spec: { ...dep.spec, replicas: 'two' } })).toMatch(/replicas/);
    const dr = manifest.find((o) => o.kind === 'DestinationRule');
    expect(schemaProblems({ ...dr, spec: { ...dr.spec, trafficPolicy: { tls: { mode: 'SOMETIMES' } } } })).toMatch(/mode/);
    const server = manifest.find((o) => o.kind === 'Server');
    expect(schemaProblems({ ...server, spec: { ...server.spec, port: true } })).not.toBe('');
    const cert = manifest.find((o) => o.kind === 'Certificate');
    expect(schemaProblems({ ...cert, spec: { ...cert.spec, privateKey: { ...cert.spec.privateKey, algorithm: 'DSA' } } })).toMatch(/algorithm/);
    expect(schemaProblems({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } })).toMatch(/no schema/);
  });
});
