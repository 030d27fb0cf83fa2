import { RuleFinding } from '../../../model';
import { defineRule } from '../../../rule';
import { POD_RULE_TARGETS, checkPod, label } from '../pod';
import { containerImages, pinnedByDigest } from './image';

/** Images must name a fixed version: no tag (implicitly `latest`) or `latest` is mutable. A digest makes the tag irrelevant. */
export const K8S_WORKLOAD_IMAGE_TAG = defineRule({
  id: 'k8s-workload-image-tag',
  title: 'Container images do not use the latest tag',
  description: 'A container image has no tag or the tag latest (and no digest), so what runs changes without a manifest change and cannot be audited or rolled back.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['NSA-CISA:pod-security', 'NIST-800-53-R5:CM-2', 'NIST-800-53-R5:SI-7'],
  remediation: 'Reference the image by an immutable version tag, preferably pinned by digest (image: repo:1.2.3@sha256:...).',
  evaluate: (resource) => checkPod(resource, (pod) => {
    const findings: RuleFinding[] = [];
    for (const { container: c, image, ref } of containerImages(pod)) {
      if (pinnedByDigest(ref)) continue;
      if (ref.tag === undefined) findings.push({ id: c.id, message: `${label(c)} image "${image}" has no tag (implicitly latest).` });
      else if (ref.tag === 'latest') findings.push({ id: c.id, message: `${label(c)} image "${image}" uses the latest tag.` });
    }
    return findings;
  }),
});
