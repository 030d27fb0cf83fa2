import { oidcTrusts, roleIndex } from './irsa';
import { usedSubjects } from './used-subjects';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../model';
import { defineRule } from '../../rule';

/** An IAM role trusted by a Kubernetes service account that no workload uses is standing access nobody needs. */
export const unusedWorkloadRole = defineRule({
  id: 'aws-cross-unused-workload-role',
  title: 'Workload role is used by a workload',
  description: 'The IAM role trusts a Kubernetes service account that no workload in the checked manifests runs as.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::IAM::Role'],
  controls: ['CROSS-PLANE:workload-identity', 'NIST-800-53-R5:AC-2', 'NIST-800-53-R5:AC-6'],
  remediation: 'Remove the role, or run a workload with that service account (WorkloadIdentity wires both).',
  evaluate(resource, ctx) {
    const trusts = oidcTrusts(resource, ctx);
    if (trusts.length === 0) return NOT_APPLICABLE;
    if (!roleIndex(ctx).hasK8s) return NOT_APPLICABLE; // only the AWS plane is being checked
    const used = usedSubjects(ctx);
    const unused = trusts.flatMap((t) => t.subjects).filter((s) => s.startsWith('system:serviceaccount:') && !used.has(s));
    return unused.length === 0 ? COMPLIANT : nonCompliant(...unused.map((s) => ({ id: s, message: `No workload runs as ${s.replace('system:serviceaccount:', '')}.` })));
  },
});
