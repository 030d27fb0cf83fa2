import { Resource, RuleContext, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens, referencedResource } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { num } from '../../../values/json';
import { literalName } from '../../cross/irsa';

/** The launch template a node group names: by a reference in the same stack, or by a literal name among the checked templates. */
function launchTemplateOf(ng: Resource, ctx: RuleContext): { lt?: Resource; why?: string } {
  const v = valuesOf(ng, ctx);
  const ids = v.alts('LaunchTemplate.Id');
  const names = v.alts('LaunchTemplate.Name');
  const present = [...ids, ...names].filter((a) => a.value !== undefined);
  if (present.length === 0) return {};
  if (present.length > 1) return { why: 'the node group\'s launch template has several possible values' };
  const value = present[0].value;
  const ref = referencedResource(value);
  if (ref) {
    const lt = ctx.byLogicalId(ng.stack, ref);
    return lt?.type === 'AWS::EC2::LaunchTemplate' ? { lt } : { why: `the launch template ${ref} is not an AWS::EC2::LaunchTemplate of this stack` };
  }
  if (typeof value === 'string' && !hasTokens(value) && names.length > 0) {
    const lt = ctx.ofType('AWS::EC2::LaunchTemplate').find((r) => literalName(r, ctx, 'LaunchTemplateName') === value);
    if (lt) return { lt };
  }
  return { why: `the launch template ${display(value)} is not among the checked templates` };
}

/**
 * EKS managed node groups run with IMDSv2 required (`HttpTokens: required` in their launch template) and a hop limit
 * of 1 (finding `hop-limit`, a warning: with 2, pods not on the host network can read the node role's credentials),
 * and without SSH remote access (finding `remote-access`). A node group without a launch template gets EKS's, whose
 * metadata options depend on the AMI: "cannot verify".
 */
export const AWS_EKS_NODEGROUP_IMDSV2 = defineRule({
  id: 'aws-eks-nodegroup-imdsv2',
  title: 'EKS node groups require IMDSv2 with a hop limit of 1 and no SSH',
  description: 'An EKS managed node group\'s launch template does not require IMDSv2 (HttpTokens required) or lets containers reach the instance metadata (hop limit above 1), or the node group allows SSH remote access.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EKS::Nodegroup'],
  controls: ['NIST-800-53-R5:AC-3', 'NIST-800-53-R5:SC-7', 'NIST-800-53-R5:CM-7', 'CIS-K8S:5.4.3', 'AWS-CT:CT.EC2.PR.1'],
  remediation: 'Give the node group a launch template with MetadataOptions HttpTokens required and HttpPutResponseHopLimit 1, and no RemoteAccess (SecureCluster does).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('RemoteAccess')) {
      if (a.value !== undefined) findings.fail('ssh', 'remote-access', 'The node group allows SSH remote access to its nodes.', a);
    }
    const { lt, why } = launchTemplateOf(resource, context);
    if (!lt) {
      if (why) findings.unverified('imds', 'imdsv2', `IMDSv2 cannot be verified: ${why}.`);
      else findings.unverified('imds', 'imdsv2', 'The node group has no launch template: its instance metadata options are EKS\'s and the AMI\'s defaults.');
      return fromFindings(findings.list());
    }
    const lv = valuesOf(lt, context);
    findings.check('imds', lv.alts('LaunchTemplateData.MetadataOptions.HttpTokens'), (t) => (t === 'required' ? true : typeof t === 'string' && hasTokens(t) ? undefined : false), {
      id: 'imdsv2',
      bad: (t) => `The launch template's HttpTokens is ${t === undefined ? 'not set (IMDSv1 allowed)' : JSON.stringify(display(t))}, not required.`,
      unknown: (t) => `The launch template's HttpTokens is ${display(t)}.`,
    });
    for (const a of lv.alts('LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit')) {
      const n = num(a.value);
      if (a.value === undefined || (n !== undefined && n > 1)) findings.fail('hop', 'hop-limit', `The launch template's HttpPutResponseHopLimit is ${a.value === undefined ? 'not set' : n}: containers can reach the node's instance metadata.`, a);
    }
    return fromFindings(findings.list().map((f) => (f.id === 'hop-limit' ? { ...f, severity: 'warning' as const } : f)));
  },
});
