/**
 * Helpers for rule tests on whole hand-written templates (Parameters, Conditions, Mappings and Resources), read by
 * the same loader as `secure-constructs check`.
 */
import { runEngine } from '../../../../lib/compliance/engine';
import { templateResources } from '../../../../lib/compliance/loaders/cloudformation';
import { Finding, Rule } from '../../../../lib/compliance/model';

/** A template resource. */
export type Res = { Type: string; Properties?: Record<string, unknown>; Metadata?: object; DeletionPolicy?: string; Condition?: string };

/** A whole template: sections besides Resources are optional. */
export interface Template {
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, unknown>;
  readonly Resources: Record<string, Res>;
}

/** Every finding of the rules over one template; rule errors fail the test. */
export function runTemplate(rules: Rule | readonly Rule[], template: Template | Record<string, Res>): Finding[] {
  const t = 'Resources' in template && typeof (template as Template).Resources === 'object' && !('Type' in (template as any).Resources) ? template : { Resources: template };
  const { resources, problems } = templateResources('Stack.template.json', 'Stack', t, new Map());
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const report = runEngine(Array.isArray(rules) ? rules : [rules as Rule], resources);
  const errors = report.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return report.findings;
}

/** `ruleId[findingId] logicalId` of each unsuppressed finding, with ` (unverified)` for cannot-verify ones. */
export function findingIds(rules: Rule | readonly Rule[], template: Template | Record<string, Res>): string[] {
  return runTemplate(rules, template).filter((f) => f.status === 'non-compliant')
    .map((f) => `${f.ruleId}[${f.findingId ?? ''}] ${f.resource.logicalId}${f.unverified ? ' (unverified)' : ''}`);
}

/** Logical ids with an unsuppressed finding (sorted, unique). */
export function flagged(rules: Rule | readonly Rule[], template: Template | Record<string, Res>): string[] {
  return [...new Set(runTemplate(rules, template).filter((f) => f.status === 'non-compliant').map((f) => f.resource.logicalId!))].sort();
}

/** The evaluation outcome per logical id for one rule. */
export function outcomesOf(rule: Rule, template: Template | Record<string, Res>): Record<string, string> {
  const t = 'Resources' in template && !('Type' in (template as any).Resources) ? template : { Resources: template };
  const { resources } = templateResources('Stack.template.json', 'Stack', t, new Map());
  return Object.fromEntries(runEngine([rule], resources).evaluations.map((e) => [e.resourceKey.split('/')[1], e.outcome]));
}
