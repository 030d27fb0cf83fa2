/**
 * The one table of cdk-nag packs: our pack id, cdk-nag's class and plugin name (its rule-id prefix and its name in
 * CDK's validation report), the framework prefix of its control ids, and whether `AwsCompliance.enable` registers
 * it. Everything else that needs to know a cdk-nag pack (pack selection, the loaders, external rule ids in
 * suppressions, the constructs' own suppressions of cdk-nag rules) reads it from here. No imports: any module can
 * use it without an import cycle.
 */

/** One cdk-nag pack. */
export interface CdkNagPackInfo {
  /** Our pack id (`--pack`). */
  readonly packId: string;
  /** The pack's name: its rule-id prefix (`AwsSolutions-S1`) and its plugin name in CDK's validation report. */
  readonly pluginName: string;
  /** The cdk-nag class. */
  readonly className: 'AwsSolutionsChecks' | 'NIST80053R5Checks' | 'HIPAASecurityChecks' | 'PCIDSS321Checks' | 'NIST80053R4Checks' | 'ServerlessChecks';
  /** Readable name. */
  readonly title: string;
  /** Framework prefix of the control ids the pack declares per rule (`NIST-800-53-R5:AC-3`); none for AwsSolutions. */
  readonly controlPrefix?: string;
  /** Whether `AwsCompliance.enable` registers it at synth. */
  readonly withAwsCompliance: boolean;
}

/** Every cdk-nag v3 pack. */
export const CDK_NAG_PACKS: readonly CdkNagPackInfo[] = [
  { packId: 'cdk-nag-aws-solutions', pluginName: 'AwsSolutions', className: 'AwsSolutionsChecks', title: 'AWS Solutions', withAwsCompliance: true },
  { packId: 'cdk-nag-nist-800-53-r5', pluginName: 'NIST.800.53.R5', className: 'NIST80053R5Checks', title: 'NIST 800-53 Rev. 5', controlPrefix: 'NIST-800-53-R5', withAwsCompliance: true },
  { packId: 'cdk-nag-hipaa', pluginName: 'HIPAA.Security', className: 'HIPAASecurityChecks', title: 'HIPAA Security', controlPrefix: 'HIPAA', withAwsCompliance: true },
  { packId: 'cdk-nag-pci-dss-3.2.1', pluginName: 'PCI.DSS.321', className: 'PCIDSS321Checks', title: 'PCI DSS 3.2.1', controlPrefix: 'PCI-DSS-3.2.1', withAwsCompliance: true },
  { packId: 'cdk-nag-nist-800-53-r4', pluginName: 'NIST.800.53.R4', className: 'NIST80053R4Checks', title: 'NIST 800-53 Rev. 4', controlPrefix: 'NIST-800-53-R4', withAwsCompliance: false },
  { packId: 'cdk-nag-serverless', pluginName: 'Serverless', className: 'ServerlessChecks', title: 'Serverless', withAwsCompliance: false },
];

export function cdkNagPackById(packId: string): CdkNagPackInfo | undefined {
  return CDK_NAG_PACKS.find((p) => p.packId === packId);
}

export function cdkNagPackByPlugin(pluginName: string): CdkNagPackInfo | undefined {
  return CDK_NAG_PACKS.find((p) => p.pluginName === pluginName);
}

/** Whether a rule id is one of a cdk-nag pack's (`AwsSolutions-IAM5`, `NIST.800.53.R5-S3BucketLoggingEnabled`). */
export function isCdkNagRuleId(ruleId: string): boolean {
  return CDK_NAG_PACKS.some((p) => ruleId.startsWith(`${p.pluginName}-`));
}

/** The rule id of a cdk-nag rule in one pack: `${pluginName}-${rule}`. */
export function cdkNagRuleId(pluginName: CdkNagPackInfo['pluginName'], rule: string): string {
  if (!CDK_NAG_PACKS.some((p) => p.pluginName === pluginName)) throw new Error(`no cdk-nag pack named ${pluginName}`);
  return `${pluginName}-${rule}`;
}
