import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, Item, valuesOf } from '../../../values/cfn-values';
import { obj } from '../../../values/json';

function described(v: unknown): boolean {
  return typeof v === 'string' && v.trim().length > 0;
}

function judge(items: readonly Item[], findings: Findings, label: (i: Item) => string): void {
  for (const item of items) {
    const subject = label(item);
    for (const a of item.alts) {
      const e = obj(a.value);
      if (e && !described(e.Description)) findings.fail(subject, subject, `${subject} has no Description.`, a);
    }
  }
}

/**
 * Every security group rule says what it is for (`Description` on inline and standalone ingress and egress rules),
 * and the group itself has a `GroupDescription`. Finding id: `SecurityGroupIngress[<i>]`, `SecurityGroupEgress[<i>]`,
 * `Description` (standalone rule) or `GroupDescription`.
 */
export const AWS_NETWORK_SG_RULE_DESCRIPTION = defineRule({
  id: 'aws-network-sg-rule-description',
  title: 'Security group rules have descriptions',
  description: 'A security group rule (or the group) has no description: a reviewer cannot tell why the traffic is allowed, nor safely remove it.',
  severity: 'warning',
  platform: 'aws',
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
  controls: ['NIST-800-53-R5:CM-6', 'NIST-800-53-R5:CM-7', 'PCI-DSS-3.2.1:1.1.6'],
  remediation: 'Set Description on every rule (SecureSecurityGroup.allowIngress requires one; aws-cdk-lib: the description argument of addIngressRule / addEgressRule).',
  evaluate: (resource, context) => {
    const v = valuesOf(resource, context);
    const findings = new Findings();
    if (resource.type !== 'AWS::EC2::SecurityGroup') {
      findings.check('Description', v.alts('Description'), (d) => described(d), { id: 'Description', bad: () => 'The rule has no Description.', unknown: () => '' });
      return fromFindings(findings.list());
    }
    findings.check('GroupDescription', v.alts('GroupDescription'), (d) => described(d), { id: 'GroupDescription', bad: () => 'The security group has no GroupDescription.', unknown: () => '' });
    judge(v.items('SecurityGroupIngress'), findings, (i) => `SecurityGroupIngress[${i.index}]`);
    judge(v.items('SecurityGroupEgress'), findings, (i) => `SecurityGroupEgress[${i.index}]`);
    return fromFindings(findings.list());
  },
});
