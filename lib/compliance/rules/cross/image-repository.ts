import { literalName } from './irsa';
import { ECR_HOST } from './repository-image-policy';
import { NOT_APPLICABLE, RuleContext, RuleFinding } from '../../model';
import { defineRule } from '../../rule';
import { POD_RULE_TARGETS, checkPod, label } from '../k8s/pod';
import { containerImages } from '../k8s/workload/image';

/** Literal names of the ECR repositories of the checked templates, once per run. */
function repositoryNames(ctx: RuleContext): Set<string> | undefined {
  return ctx.memo('cross:ecr-repository-names', () => {
    const repos = ctx.ofType('AWS::ECR::Repository');
    if (repos.length === 0) return undefined;
    return new Set(repos.map((r) => literalName(r, ctx, 'RepositoryName')).filter((n): n is string => !!n));
  });
}

/**
 * When the AWS plane defines ECR repositories, a workload image on an ECR registry must come from one of them, so its
 * repository's hardening (immutable tags, scanning, KMS, repository policy) is checked in the same run.
 */
export const imageRepository = defineRule({
  id: 'k8s-cross-image-repository',
  title: 'Workload images from ECR come from a checked repository',
  description: 'A container image is pulled from an ECR repository that is not among the checked CloudFormation templates, so nothing verified that its tags are immutable, its images scanned and encrypted, and its policy closed.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: POD_RULE_TARGETS,
  controls: ['CROSS-PLANE:supply-chain', 'NIST-800-53-R5:SR-3', 'NIST-800-53-R5:CM-8'],
  remediation: 'Create the repository with SecureRepository (with a repositoryName) in the checked AWS app and reference its images with SecureRepository.imageUri(digest); '
    + 'for repositories owned elsewhere, suppress k8s-cross-image-repository[<container>] with the reason.',
  evaluate(resource, ctx) {
    const names = repositoryNames(ctx);
    if (!names) return NOT_APPLICABLE; // the AWS plane has no repositories in this run
    return checkPod(resource, (pod) => {
      const findings: RuleFinding[] = [];
      for (const { container: c, image, ref } of containerImages(pod)) {
        if (ref.registry === undefined || !ECR_HOST.test(ref.registry)) continue;
        const name = ref.path;
        if (!names.has(name)) findings.push({ id: c.id, message: `${label(c)} image "${image}" comes from ECR repository ${name}, which is not among the checked templates.` });
      }
      return findings;
    });
  },
});
