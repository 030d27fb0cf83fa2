/**
 * Kubernetes objects that CloudFormation applies to an EKS cluster: aws-cdk-lib's EKS modules (`cluster.addManifest`,
 * `addCdk8sChart`, SecureCluster.addCdk8sChart) put them into the `Manifest` JSON string of a custom resource. They
 * are read out of the template and checked by the Kubernetes rules like any manifest — at synth too, where no
 * Kubernetes output is in the run — each with the host resource's file, line and construct path.
 */
import { Resource } from '../model';
import { k8sResource, objectProblem } from './kubernetes';
import { display, expand, hasTokens, resolve } from '../values/cfn-resolve';
import { obj } from '../values/json';

/** Custom resources of aws-cdk-lib's EKS modules that apply Kubernetes objects during deployment. */
export const EKS_MANIFEST_TYPE = 'Custom::AWSCDK-EKS-KubernetesResource';
/** Custom resources that install a Helm chart (its rendered objects are not in the template). */
export const EKS_HELM_TYPE = 'Custom::AWSCDK-EKS-HelmChart';
/** Custom resources that patch objects already in the cluster (the result is not in the template). */
export const EKS_PATCH_TYPE = 'Custom::AWSCDK-EKS-KubernetesPatch';

const PRUNE_LABEL = /^aws\.cdk\.eks\/prune-/;
const OUR_ANNOTATION = /^secure-constructs\.dev\/(suppressions|overrides)$/;

/** An object without what aws-cdk-lib adds (prune labels) and our report-only annotations, for comparison. */
export function normalizedObject(o: Record<string, any>): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(o));
  const md = obj(copy.metadata);
  if (md) {
    for (const [field, re] of [['labels', PRUNE_LABEL], ['annotations', OUR_ANNOTATION]] as const) {
      const m = obj(md[field]);
      if (!m) continue;
      for (const k of Object.keys(m)) if (re.test(k)) delete m[k];
      if (Object.keys(m).length === 0) delete md[field];
    }
  }
  return copy;
}

/** Canonical JSON (keys sorted) for equality. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = obj(v);
  if (o) return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Strings with tokens shown readably (`${Role.Arn}`, `<Fn::ImportValue X>`): what a reader of the manifest sees. */
function displayTokens(v: unknown): unknown {
  if (typeof v === 'string') return hasTokens(v) ? display(v) : v;
  if (Array.isArray(v)) return v.map(displayTokens);
  const o = obj(v);
  if (!o) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[hasTokens(k) ? display(k) : k] = displayTokens(x);
  return out;
}

/**
 * The Kubernetes objects a manifest resource applies, in every possible value of its `Manifest`, as Kubernetes
 * resources of the run (`embeddedIn` = the host's key). What cannot be read is left to
 * `aws-cross-eks-manifest-checked`, which reports it.
 */
export function embeddedObjects(host: Resource, problems: string[]): Resource[] {
  if (host.type !== EKS_MANIFEST_TYPE || !host.template) return [];
  const manifest = obj(obj(host.body)?.Properties)?.Manifest;
  if (manifest === undefined) return [];
  const out: Resource[] = [];
  const seen = new Set<string>();
  for (const alt of expand(resolve(manifest, host.template))) {
    let list: unknown = alt.value;
    if (typeof list === 'string') {
      try {
        list = JSON.parse(list);
      } catch {
        continue; // not JSON: the manifest rule reports it
      }
    }
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const o = displayTokens(item);
      if (objectProblem(o)) return;
      const canonical = canonicalJson(o);
      if (seen.has(canonical)) return;
      seen.add(canonical);
      const r = k8sResource(o, { file: host.file, line: host.line, documentIndex: i, constructPath: host.constructPath }, problems);
      out.push({ ...r, key: `${host.key}:${r.key}`, embeddedIn: host.key, suppressions: [...r.suppressions, ...host.suppressions] });
    });
  }
  return out;
}

/**
 * Drops the embedded objects that are also given as Kubernetes input, identical (apart from the prune label and our
 * report-only annotations): they are checked once, as input. Different or missing ones stay and are checked as embedded.
 */
export function withoutCheckedTwice(resources: Resource[]): Resource[] {
  if (!resources.some((r) => r.embeddedIn)) return resources;
  const inputs = new Set<string>();
  for (const r of resources) if (r.platform === 'k8s' && !r.embeddedIn && obj(r.body)) inputs.add(canonicalJson(normalizedObject(r.body)));
  return resources.filter((r) => !r.embeddedIn || !inputs.has(canonicalJson(normalizedObject(r.body))));
}
