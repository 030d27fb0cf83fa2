import { EKS_HELM_TYPE, EKS_MANIFEST_TYPE, EKS_PATCH_TYPE } from '../../loaders/embedded';
import { objectProblem } from '../../loaders/kubernetes';
import { NOT_APPLICABLE, RuleFinding, fromFindings } from '../../model';
import { defineRule } from '../../rule';
import { containsUnknown, display, hasTokens, tokenKind } from '../../values/cfn-resolve';
import { valuesOf } from '../../values/cfn-values';
import { obj } from '../../values/json';

export { EKS_MANIFEST_TYPE };

function keyOf(b: Record<string, any>): string {
  const md = obj(b.metadata) ?? {};
  return `${String(b.kind)}/${typeof md.namespace === 'string' ? md.namespace : ''}/${String(md.name)}`;
}

/**
 * aws-cdk-lib's EKS modules apply Kubernetes objects from CloudFormation (`cluster.addManifest`, `addCdk8sChart`,
 * SecureCluster.addCdk8sChart): the objects live in a JSON string of a custom resource. The CloudFormation loader
 * reads them out (loaders/embedded.ts) and the Kubernetes rules check them like any manifest, at synth too. This rule
 * reports what cannot be checked that way: a Manifest that is not a JSON list of Kubernetes objects, objects whose
 * values are unknown before deployment ("cannot verify"), and Helm charts and patches, whose result is not in the
 * template.
 */
export const eksManifestChecked = defineRule({
  id: 'aws-cross-eks-manifest-checked',
  title: 'Kubernetes objects applied by CloudFormation can be checked',
  description: 'A CloudFormation custom resource applies to an EKS cluster something the Kubernetes rules cannot check: a Manifest that is not a JSON list of '
    + 'Kubernetes objects, objects with values unknown before deployment, or a Helm chart or patch whose result is not in the template.',
  severity: 'error',
  platform: 'aws',
  appliesTo: [EKS_MANIFEST_TYPE, EKS_HELM_TYPE, EKS_PATCH_TYPE],
  controls: ['CROSS-PLANE:deployed-manifests', 'NIST-800-53-R5:CM-3', 'NIST-800-53-R5:CM-6', 'NIST-800-53-R5:SI-7'],
  remediation: 'Apply Kubernetes objects with literal values (addCdk8sChart of a cdk8s chart, addManifest of plain objects). For Helm charts and patches, '
    + 'check the rendered objects separately (e.g. `helm template ... | secure-constructs check -`) and suppress aws-cross-eks-manifest-checked on the resource with the reason.',
  evaluate: (resource, ctx) => {
    if (resource.type === EKS_HELM_TYPE) return fromFindings([{ id: 'helm-chart', message: 'A Helm chart is installed by CloudFormation; its rendered objects are not in the template and were not checked.' }]);
    if (resource.type === EKS_PATCH_TYPE) return fromFindings([{ id: 'patch', message: 'A Kubernetes patch is applied by CloudFormation; the patched objects are not in the template and were not checked.' }]);
    const alts = valuesOf(resource, ctx).alts('Manifest');
    if (alts.length === 0 || alts.every((a) => a.value === undefined)) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const a of alts) {
      const text = a.value;
      let list: unknown;
      if (typeof text !== 'string') {list = text;} else {
        try {
          list = JSON.parse(text);
        } catch {
          const unknown = hasTokens(text) && tokenKind(text) === 'u';
          findings.push(unknown
            ? { id: 'manifest', message: `Cannot verify: the manifest is ${display(text)}.`, severity: 'warning', unverified: true }
            : { id: 'manifest', message: 'The Manifest is not a JSON list of Kubernetes objects, so what it applies was not checked.' });
          continue;
        }
      }
      if (!Array.isArray(list)) {
        findings.push({ id: 'manifest', message: 'The Manifest is not a JSON list of Kubernetes objects, so what it applies was not checked.' });
        continue;
      }
      for (const item of list) {
        const o = obj(item);
        const problem = objectProblem(o);
        if (!o || problem) {
          findings.push({ id: 'manifest', message: `The Manifest holds an entry that is not a Kubernetes object (${problem}), which was not checked.` });
          continue;
        }
        const k = keyOf(o);
        if (seen.has(k)) continue;
        seen.add(k);
        if (containsUnknown(o)) {
          findings.push({ id: `object:${k}`, message: `Cannot verify: ${k} holds values that are unknown before deployment (an imported value, a parameter...).`, severity: 'warning', unverified: true });
        }
      }
    }
    return fromFindings(findings);
  },
});
