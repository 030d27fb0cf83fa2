import { NOT_APPLICABLE, RuleContext, RuleFinding, fromFindings } from '../../model';
import { defineRule } from '../../rule';
import { display, hasTokens, tokenKind } from '../../values/cfn-resolve';
import { valuesOf } from '../../values/cfn-values';
import { obj } from '../../values/json';
import { roleIndex } from './irsa';

/** Custom resources of aws-cdk-lib's EKS modules that apply Kubernetes objects during deployment. */
export const EKS_MANIFEST_TYPE = 'Custom::AWSCDK-EKS-KubernetesResource';
const EKS_HELM_TYPE = 'Custom::AWSCDK-EKS-HelmChart';
const EKS_PATCH_TYPE = 'Custom::AWSCDK-EKS-KubernetesPatch';
const PRUNE_LABEL = /^aws\.cdk\.eks\/prune-/;
const OUR_ANNOTATION = /^secure-constructs\.dev\/(suppressions|overrides)$/;

/** An object without what aws-cdk-lib adds (prune labels) and without our report-only annotations, for comparison. */
function normalized(o: Record<string, any>): Record<string, any> {
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
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = obj(v);
  if (o) return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Checked Kubernetes objects of one kind by `kind/namespace/name`, with their canonical bodies, once per run and kind. */
function checkedOfKind(ctx: RuleContext, kind: string): Map<string, string[]> {
  return ctx.memo(`cross:k8s-objects:${kind}`, () => {
    const out = new Map<string, string[]>();
    for (const r of ctx.ofType(kind)) {
      const b = obj(r.body);
      if (r.platform !== 'k8s' || !b) continue;
      const k = keyOf(b);
      out.set(k, [...(out.get(k) ?? []), canonical(normalized(b))]);
    }
    return out;
  });
}

function keyOf(b: Record<string, any>): string {
  const md = obj(b.metadata) ?? {};
  return `${String(b.kind)}/${typeof md.namespace === 'string' ? md.namespace : ''}/${String(md.name)}`;
}

/**
 * aws-cdk-lib's EKS modules apply Kubernetes objects from CloudFormation (`cluster.addManifest`, `addCdk8sChart`,
 * SecureCluster.addCdk8sChart): the objects live in a JSON string of a custom resource, where no Kubernetes rule
 * reads them. Each object must also be among the checked Kubernetes inputs, identical (apart from aws-cdk-lib's
 * prune label and our report-only annotations), so that what CloudFormation applies is what the Kubernetes pack
 * checked: `secure-constructs check cdk.out dist/`. Helm charts and patches applied the same way cannot be checked.
 */
export const eksManifestChecked = defineRule({
  id: 'aws-cross-eks-manifest-checked',
  title: 'Kubernetes objects applied by CloudFormation were checked as Kubernetes input',
  description: 'A CloudFormation custom resource applies Kubernetes objects to an EKS cluster that are not among the checked Kubernetes manifests (or differ from them), '
    + 'or applies a Helm chart or a patch whose result cannot be checked offline.',
  severity: 'error',
  platform: 'aws',
  appliesTo: [EKS_MANIFEST_TYPE, EKS_HELM_TYPE, EKS_PATCH_TYPE],
  controls: ['CROSS-PLANE:deployed-manifests', 'NIST-800-53-R5:CM-3', 'NIST-800-53-R5:CM-6', 'NIST-800-53-R5:SI-7'],
  remediation: 'Synthesize the cdk8s chart you pass to addCdk8sChart (cdk8s App.synth) and check both outputs in one run: `secure-constructs check cdk.out dist/`. '
    + 'For Helm charts and patches, check the rendered objects separately and suppress aws-cross-eks-manifest-checked on the resource with the reason.',
  evaluate: (resource, ctx) => {
    if (resource.type === EKS_HELM_TYPE) return fromFindings([{ id: 'helm-chart', message: 'A Helm chart is installed by CloudFormation; its rendered objects are not checked.' }]);
    if (resource.type === EKS_PATCH_TYPE) return fromFindings([{ id: 'patch', message: 'A Kubernetes patch is applied by CloudFormation; the patched objects are not checked.' }]);
    const alts = valuesOf(resource, ctx).alts('Manifest');
    if (alts.length === 0 || alts.every((a) => a.value === undefined)) return NOT_APPLICABLE;
    const noK8s = !roleIndex(ctx).hasK8s;
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const a of alts) {
      const text = a.value;
      let list: unknown;
      if (typeof text !== 'string') list = text;
      else {
        try {
          list = JSON.parse(text);
        } catch {
          const unknown = hasTokens(text) && tokenKind(text) === 'u';
          findings.push(unknown
            ? { id: 'manifest', message: `Cannot verify: the manifest is ${display(text)}.`, severity: 'warning', unverified: true }
            : { id: 'manifest', message: 'The Manifest is not a JSON list of Kubernetes objects.' });
          continue;
        }
      }
      if (!Array.isArray(list)) {
        findings.push({ id: 'manifest', message: 'The Manifest is not a JSON list of Kubernetes objects.' });
        continue;
      }
      for (const item of list) {
        const o = obj(item);
        if (!o) {
          findings.push({ id: 'manifest', message: 'The Manifest holds an entry that is not a Kubernetes object.' });
          continue;
        }
        const k = keyOf(o);
        if (seen.has(k)) continue;
        seen.add(k);
        const id = `object:${k}`;
        if (JSON.stringify(o).match(/[\uE000\uE001]/)) {
          findings.push({ id, message: `Cannot verify: ${k} holds values known only at deployment (e.g. a role ARN or an attribute of another resource).`, severity: 'warning', unverified: true });
          continue;
        }
        const bodies = checkedOfKind(ctx, String(o.kind)).get(k);
        if (!bodies) findings.push({ id, message: `${k} is applied to the cluster but is not among the checked Kubernetes manifests${noK8s ? ' (no Kubernetes input was checked in this run)' : ''}.` });
        else if (!bodies.includes(canonical(normalized(o)))) findings.push({ id, message: `${k} applied to the cluster differs from the checked manifest of that name.` });
      }
    }
    return fromFindings(findings);
  },
});
