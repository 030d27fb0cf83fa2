import { NOT_APPLICABLE, RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, containersOf, label } from '../pod';
import { imageVerifiers, unverifiedBecause } from './image-policies';
import { imageOf } from '../workload/image';

/**
 * When the checked manifests contain image-verification policies (Kyverno `verifyImages`, sigstore policy-controller
 * `ClusterImagePolicy`), every container image of every workload must be verified by one of them that enforces
 * (blocks unsigned images) and applies to the workload's namespace. A workload outside every policy's reach runs
 * whatever its manifest names, signed or not.
 */
export const K8S_SUPPLY_CHAIN_SIGNED_IMAGES = defineRule({
  id: 'k8s-supply-chain-signed-images',
  title: 'Every workload image is verified by an enforcing signed-image policy',
  description: 'The manifests contain image-verification admission policies, but a container image of this workload is not verified by any of them '
    + 'that enforces and covers the workload\'s namespace, so it would be admitted unsigned.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['CIS-K8S:5.5.1', 'NIST-800-53-R5:CM-14', 'NIST-800-53-R5:SI-7', 'NIST-800-53-R5:SR-11', 'NSA-CISA:supply-chain'],
  remediation: 'Add the image\'s registry/repository to a SignedImagePolicy (images) that covers the namespace, or move the workload to a covered '
    + 'namespace; with policy-controller, label the namespace policy.sigstore.dev/include=true. Suppress k8s-supply-chain-signed-images[<container>] with the reason if the image cannot be signed.',
  evaluate: (resource, ctx) => {
    if (imageVerifiers(ctx).length === 0) return NOT_APPLICABLE; // no image policies in this bundle
    const namespace = resource.namespace ?? 'default';
    // every pod spec of the object: a built-in pod kind's, or those found in any other kind (Rollout, Knative...)
    return checkPod(resource, (pod) => {
      const findings: RuleFinding[] = [];
      for (const c of containersOf(pod)) {
        const image = imageOf(c.container);
        if (!image) {
          findings.push({ id: c.id, message: `${label(c)} has no image, so no policy can verify it.` });
          continue;
        }
        const why = unverifiedBecause(ctx, resource.type, namespace, image);
        if (why) findings.push({ id: c.id, message: `${label(c)} image "${image}" in namespace ${namespace} is not verified by an enforcing image policy (${why}).` });
      }
      return findings;
    });
  },
});
