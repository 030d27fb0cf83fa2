import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, label, str } from '../pod';
import { containerImages } from './image';

/**
 * An image that is not pinned by digest is pulled on every container start (imagePullPolicy: Always): with
 * IfNotPresent or Never, a node runs whatever it cached under the tag (a stale or a swapped image, or one another
 * tenant pulled) and the registry's access control and the tag's current content are never consulted. Without an
 * imagePullPolicy the API server defaults it to Always for no tag or `latest`, IfNotPresent otherwise, and that
 * default is what is judged. Images pinned by a valid digest may use any policy.
 */
export const K8S_WORKLOAD_IMAGE_PULL_POLICY = defineRule({
  id: 'k8s-workload-image-pull-policy',
  title: 'Images not pinned by digest are pulled with imagePullPolicy Always',
  description: 'A container image is referenced by a mutable tag and its imagePullPolicy is IfNotPresent or Never (set, or defaulted for a version tag), '
    + 'so nodes run whatever they cached under the tag instead of what the registry serves now.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:supply-chain', 'NIST-800-53-R5:CM-2', 'NIST-800-53-R5:SI-7'],
  remediation: 'Pin the image by digest (repo:1.2.3@sha256:...), or set imagePullPolicy: Always on the container.',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const { container: c, image, ref } of containerImages(pod)) {
      if (ref.pinned) continue;
      const set = str(c.container.imagePullPolicy);
      const effective = set ?? (ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (effective === 'Always') continue;
      findings.push({
        id: c.id,
        message: `${label(c)} image "${image}" is not pinned by digest and its imagePullPolicy is ${set !== undefined ? JSON.stringify(set) : 'not set (defaults to IfNotPresent for a version tag)'}.`,
      });
    }
    return findings;
  }),
});
