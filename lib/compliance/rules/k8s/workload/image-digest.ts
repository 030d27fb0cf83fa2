import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, label } from '../pod';
import { containerImages, pinnedByDigest } from './image';

/** Images should be pinned by digest: tags are mutable, digests are not. */
export const K8S_WORKLOAD_IMAGE_DIGEST = defineRule({
  id: 'k8s-workload-image-digest',
  title: 'Container images are pinned by digest',
  description: 'A container image is referenced by tag only; a tag can be moved to different content, a digest cannot.',
  severity: 'warning',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:pod-security', 'NIST-800-53-R5:CM-2', 'NIST-800-53-R5:SI-7'],
  remediation: 'Append the image digest: image: repo:1.2.3@sha256:<digest> (e.g. from `crane digest` or your registry).',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const { container: c, image, ref } of containerImages(pod)) {
      if (!pinnedByDigest(ref)) findings.push({ id: c.id, message: `${label(c)} image "${image}" is not pinned by digest.` });
    }
    return findings;
  }),
});
