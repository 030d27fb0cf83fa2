import { runEngine } from '../../../../../lib/compliance/engine';
import { templateResources } from '../../../../../lib/compliance/loaders/cloudformation';
import { Finding, Rule } from '../../../../../lib/compliance/model';

/** A template resource: `{ Type, Properties, Metadata }`. */
export type Res = { Type: string; Properties?: Record<string, unknown>; Metadata?: object };

/**
 * Runs rules over the resources of one template (stack `Stack`) and returns every finding that is not compliant
 * (non-compliant and suppressed); rule errors fail the test.
 */
export function run(rules: Rule | readonly Rule[], resources: Record<string, Res>, stack = 'Stack'): Finding[] {
  const { resources: loaded, problems } = templateResources(`${stack}.template.json`, stack, { Resources: resources }, new Map());
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const report = runEngine(Array.isArray(rules) ? rules : [rules as Rule], loaded);
  const errors = report.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return report.findings;
}

/** Only the open (non-compliant) findings. */
export function open(rules: Rule | readonly Rule[], resources: Record<string, Res>): Finding[] {
  return run(rules, resources).filter((f) => f.status === 'non-compliant');
}

/** `ruleId[findingId] logicalId` of each finding. */
export function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}[${f.findingId ?? ''}] ${f.resource.logicalId}`);
}

/** Evaluation outcomes per resource for one rule (to tell compliant from not-applicable). */
export function outcomes(rule: Rule, resources: Record<string, Res>): Record<string, string> {
  const { resources: loaded } = templateResources('Stack.template.json', 'Stack', { Resources: resources }, new Map());
  const report = runEngine([rule], loaded);
  return Object.fromEntries(report.evaluations.map((e) => [e.resourceKey.split('/')[1], e.outcome]));
}
