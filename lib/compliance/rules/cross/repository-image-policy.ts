import { literalName } from './irsa';
import { COMPLIANT, NOT_APPLICABLE, RuleContext, nonCompliant } from '../../model';
import { defineRule } from '../../rule';
import { imageVerifiers } from '../k8s/supply-chain/image-policies';

/** ECR registry hosts (`<account>.dkr.ecr.<region>.amazonaws.com`). */
export const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** The ECR hosts that the run's image policies and workloads name, once per run. */
function ecrHosts(ctx: RuleContext): string[] {
  return ctx.memo('cross:ecr-hosts', () => {
    const hosts = new Set<string>();
    for (const v of imageVerifiers(ctx)) {
      for (const p of v.patterns) {
        const h = p.split('/')[0];
        if (ECR_HOST.test(h)) hosts.add(h);
      }
    }
    return [...hosts];
  });
}

const PROBE_DIGEST = `sha256:${'0'.repeat(64)}`;

/**
 * When the Kubernetes plane has signed-image policies, every ECR repository of the AWS plane must be covered by one
 * that enforces: otherwise images pushed to it (by CI, or by anyone with push rights) run unsigned. A repository is
 * matched by its name on the ECR registry hosts the policies name (the template does not carry the account id).
 */
export const repositoryImagePolicy = defineRule({
  id: 'aws-cross-repository-image-policy',
  title: 'Images of every ECR repository are admitted only when signed',
  description: 'The Kubernetes manifests contain signed-image admission policies, but none that enforces verifies the images of this ECR repository, so its images would run unsigned.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['CROSS-PLANE:supply-chain', 'NIST-800-53-R5:CM-14', 'NIST-800-53-R5:SI-7', 'NIST-800-53-R5:SR-11'],
  remediation: 'Add the repository (SecureRepository.imagePattern) to the images of a SignedImagePolicy, or suppress aws-cross-repository-image-policy on the repository with the reason (e.g. it holds no workload images).',
  evaluate(resource, ctx) {
    const verifiers = imageVerifiers(ctx);
    if (verifiers.length === 0) return NOT_APPLICABLE; // no Kubernetes image policies in this run
    const name = literalName(resource, ctx, 'RepositoryName');
    if (!name) return nonCompliant({ id: 'name', message: 'Cannot verify: the repository has no literal RepositoryName, so no image policy can be matched to it.', severity: 'warning', unverified: true });
    const hosts = ecrHosts(ctx);
    const enforcing = verifiers.filter((v) => v.enforcing);
    const covered = hosts.some((h) => enforcing.some((v) => v.verifies(`${h}/${name}@${PROBE_DIGEST}`)));
    if (covered) return COMPLIANT;
    const partial = hosts.some((h) => verifiers.some((v) => v.verifies(`${h}/${name}@${PROBE_DIGEST}`)));
    return nonCompliant({
      id: `repository:${name}`,
      message: partial
        ? `Repository ${name} is named only by image policies that do not enforce (${verifiers.filter((v) => !v.enforcing).map((v) => `${v.policy}: ${v.weakness}`).join('; ')}).`
        : `No image policy of the checked manifests names repository ${name} (policies name ${hosts.length > 0 ? hosts.join(', ') : 'no ECR registry'}).`,
    });
  },
});
