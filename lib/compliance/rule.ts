import { Rule } from './model';

/**
 * Defines a rule. A typed identity function: the rule's metadata sits next to its logic,
 * one rule per file under `rules/<platform>/<area>/`.
 */
export function defineRule(rule: Rule): Rule {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.id)) throw new Error(`rule id must be kebab-case: ${rule.id}`);
  if (rule.appliesTo.length === 0) throw new Error(`rule ${rule.id} must declare the resource types it applies to`);
  return Object.freeze(rule);
}
