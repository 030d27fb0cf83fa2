import { App, Stack } from 'aws-cdk-lib';
import { runEngine } from '../../../../../lib/compliance/engine';
import { templateResources } from '../../../../../lib/compliance/loaders/cloudformation';
import { Finding, Rule } from '../../../../../lib/compliance/model';

/** A template resource: `{ Type, Properties, Metadata, DeletionPolicy }`. */
export type Res = { Type: string; Properties?: Record<string, unknown>; Metadata?: object; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** Runs rules over the resources of one template and returns every finding; rule errors fail the test. */
export function run(rules: Rule | readonly Rule[], resources: Record<string, Res>): Finding[] {
  const { resources: loaded, problems } = templateResources('Stack.template.json', 'Stack', { Resources: resources }, new Map());
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const report = runEngine(Array.isArray(rules) ? rules : [rules as Rule], loaded);
  const errors = report.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return report.findings;
}

/** `ruleId[findingId] logicalId` of each open (non-compliant) finding. */
export function open(rules: Rule | readonly Rule[], resources: Record<string, Res>): string[] {
  return run(rules, resources).filter((f) => f.status === 'non-compliant').map((f) => `${f.ruleId}[${f.findingId ?? ''}] ${f.resource.logicalId}`);
}

/** Evaluation outcome per logical id for one rule (compliant / not-applicable / non-compliant / suppressed). */
export function outcomes(rule: Rule, resources: Record<string, Res>): Record<string, string> {
  const { resources: loaded } = templateResources('Stack.template.json', 'Stack', { Resources: resources }, new Map());
  return Object.fromEntries(runEngine([rule], loaded).evaluations.map((e) => [e.resourceKey.split('/')[1], e.outcome]));
}

/** Synthesizes a tiny stack and returns its Resources, for rules checked against real aws-cdk-lib output. */
export function synthResources(build: (stack: Stack) => void): Record<string, Res> {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(stack);
  const { Template } = require('aws-cdk-lib/assertions');
  return Template.fromStack(stack).toJSON().Resources;
}
