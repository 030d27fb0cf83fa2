import { COMPLIANT, Resource, RuleContext, fromFindings, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { CfnScope } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';
import { certainlyCreated, referencedTargets, stackKey } from '../shared/refs';

/** Whether a resource type is a custom resource (its handler is code the template does not show). */
function isCustomResource(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/**
 * VPCs whose default security group is handed to a custom resource of the same template (aws-cdk-lib's
 * `Custom::VpcRestrictDefaultSG`, which `restrictDefaultSecurityGroup` creates, or your own), per stack. Built once
 * per run, by template.
 */
function closedDefaultGroups(resource: Resource, context: RuleContext): Set<string> {
  const byScope = context.memo('aws-network-default-sg-closed:closers', () => new WeakMap<CfnScope, Set<string>>());
  const scope = resource.template;
  if (!scope) return new Set();
  let set = byScope.get(scope);
  if (!set) {
    set = new Set<string>();
    for (const [id, body] of Object.entries(scope.resources)) {
      const type = obj(body)?.Type;
      if (typeof type !== 'string' || !isCustomResource(type)) continue;
      const r = context.byLogicalId(resource.stack, id);
      if (!r || !certainlyCreated(r)) continue;
      for (const a of valuesOf(r, context).alts([])) {
        for (const t of referencedTargets(a.value)) if (t.endsWith('.DefaultSecurityGroup')) set.add(stackKey(resource.stack, t.slice(0, -'.DefaultSecurityGroup'.length)));
      }
    }
    byScope.set(scope, set);
  }
  return set;
}

/**
 * The default security group of every VPC is closed (CIS 5.4): a VPC's default group allows all traffic between its
 * members and all egress, and anything launched without a group lands in it. CloudFormation cannot change it, so a
 * VPC is compliant when its `DefaultSecurityGroup` is handed to a custom resource of the template that removes the
 * rules (aws-cdk-lib `restrictDefaultSecurityGroup: true`, which SecureVpc sets). Rules added to a default group
 * (`AWS::EC2::SecurityGroupIngress` / `Egress` whose GroupId is a VPC's DefaultSecurityGroup) are findings too.
 */
export const AWS_NETWORK_DEFAULT_SG_CLOSED = defineRule({
  id: 'aws-network-default-sg-closed',
  title: 'VPC default security groups are closed',
  description: 'A VPC keeps the rules of its default security group (all traffic between members, all egress), or a template adds rules to a default security group.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
  controls: ['NIST-800-53-R5:SC-7', 'NIST-800-53-R5:AC-4', 'NIST-800-53-R5:CM-7', 'PCI-DSS-3.2.1:1.2.1', 'PCI-DSS-3.2.1:2.2', 'HIPAA:164.312(e)(1)', 'CIS-AWS:5.4'],
  remediation: 'Use SecureVpc (or aws-cdk-lib ec2.Vpc with restrictDefaultSecurityGroup: true), or a custom resource that revokes the rules of the VPC\'s '
    + 'DefaultSecurityGroup; never add rules to the default group, create a security group for each workload instead.',
  evaluate: (resource, context) => {
    if (resource.type !== 'AWS::EC2::VPC') {
      const findings = new Findings();
      for (const a of valuesOf(resource, context).alts('GroupId')) {
        const target = [...referencedTargets(a.value)].find((t) => t.endsWith('.DefaultSecurityGroup'));
        if (target) findings.fail('GroupId', 'default-sg-rule', `The rule is added to the default security group of ${target.split('.')[0]}.`, a);
      }
      return fromFindings(findings.list());
    }
    return closedDefaultGroups(resource, context).has(stackKey(resource.stack, resource.logicalId))
      ? COMPLIANT
      : nonCompliant({ id: 'default-sg-open', message: 'Nothing in the template removes the rules of the VPC\'s default security group (no custom resource is given its DefaultSecurityGroup).' });
  },
});
