/**
 * Internal helpers shared by every AWS construct area: rule ids of the
 * external packs and the two ways of writing an accepted finding into the output.
 */
import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { cdkNagRuleId } from '../../compliance/cdk-nag-packs';
import { Suppressions } from '../../compliance/suppressions';
import { recordCfnOverride } from '../../core/overrides';

/** cdk-nag rule id in the AwsSolutions pack. */
export const awsSolutions = (rule: string): string => cdkNagRuleId('AwsSolutions', rule);

const NAG_PLUGIN = { nist: 'NIST.800.53.R5', hipaa: 'HIPAA.Security', pci: 'PCI.DSS.321' } as const;

/** cdk-nag rule ids of one rule name in the NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 packs. */
export function nagPacks(rule: string, packs: readonly ('nist' | 'hipaa' | 'pci')[] = ['nist', 'hipaa', 'pci']): string[] {
  return packs.map((p) => cdkNagRuleId(NAG_PLUGIN[p], rule));
}

/** A rule of the AWS Control Tower proactive controls (cdk-validator-cfnguard) as CDK acknowledges it. */
export const controlTower = (guardRule: string): string => `cdk-validator-cfnguard::${guardRule}`;

/**
 * Accepts findings on one construct (and its children) with a written reason. Goes through `Suppressions.of()`,
 * so our report, the cdk-nag packs and CDK's validation report (Control Tower) all honour it.
 */
export function suppress(scope: IConstruct, reason: string, ...ids: string[]): void {
  if (ids.length === 0) return;
  Suppressions.of(scope).add(...ids.map((id) => ({ id, reason })));
}

/**
 * Records a deliberate weakening of a secure default on a CloudFormation resource: the override
 * (property + reason) appears in the report and the listed rule ids are suppressed with that reason.
 * External ids (cdk-nag, Control Tower) are mirrored as construct suppressions so CDK's validation report honours them.
 */
export function weaken(resource: CfnResource, property: string, reason: string, ruleIds: readonly string[]): void {
  recordCfnOverride(resource, { property, reason, suppresses: [...ruleIds] });
  const external = ruleIds.filter((id) => !id.startsWith('aws-'));
  if (external.length > 0) suppress(resource, `${property}: ${reason.trim()}`, ...external);
}
