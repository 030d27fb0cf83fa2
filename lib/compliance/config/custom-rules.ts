/**
 * Custom rules: a team's own rules, in JavaScript modules that export `rules`, an array of rule objects of the same
 * shape as ours (lib/compliance/model.ts `Rule`). Each is checked when it is loaded (a missing or wrong field, or an
 * id another rule already has, is a config error: exit 2), and runs in the same engine as ours.
 */
import * as path from 'path';
import { Platform, Rule, RuleResult, SEVERITIES } from '../model';

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PLATFORMS: readonly Platform[] = ['aws', 'k8s'];

/** What is wrong with a rule object (empty: nothing). `ids`: rule ids already taken (ours, and custom rules loaded before). */
export function customRuleProblems(rule: unknown, ids: ReadonlySet<string> = new Set()): string[] {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return [`is not a rule object (got ${Array.isArray(rule) ? 'a list' : typeof rule})`];
  const r = rule as Record<string, unknown>;
  const out: string[] = [];
  const text = (k: string) => {
    if (typeof r[k] !== 'string' || (r[k] as string).trim() === '') out.push(`"${k}" must be a non-empty string`);
  };
  if (typeof r.id !== 'string' || !RULE_ID.test(r.id)) out.push(`"id" must be a kebab-case string (got ${JSON.stringify(r.id)})`);
  else if (ids.has(r.id)) out.push(`id "${r.id}" is already taken by another rule (ids are never shared or reused: choose a prefix of your own, e.g. "acme-")`);
  for (const k of ['title', 'description', 'remediation']) text(k);
  if (!SEVERITIES.includes(r.severity as any)) out.push(`"severity" must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(r.severity)})`);
  if (!PLATFORMS.includes(r.platform as any)) out.push(`"platform" must be aws or k8s (got ${JSON.stringify(r.platform)})`);
  if (!Array.isArray(r.appliesTo) || r.appliesTo.length === 0 || !r.appliesTo.every((t) => typeof t === 'string' && t !== '')) {
    out.push('"appliesTo" must be a non-empty list of resource types (CloudFormation types or Kubernetes kinds) or traits such as "@pod-template"');
  }
  if (!Array.isArray(r.controls) || !r.controls.every((c) => typeof c === 'string' && /^[^:\s]+:\S+/.test(c))) {
    out.push('"controls" must be a list of "FRAMEWORK:control" strings (may be empty)');
  }
  if (r.helpUri !== undefined && typeof r.helpUri !== 'string') out.push('"helpUri" must be a string when given');
  if (r.options !== undefined && (r.options === null || typeof r.options !== 'object' || Array.isArray(r.options) || !Object.values(r.options).every((d) => typeof d === 'string'))) {
    out.push('"options" must map each setting the rule reads to a description (e.g. { teams: "team names allowed in the team label" })');
  }
  if (typeof r.evaluate !== 'function') out.push('"evaluate" must be a function (resource, context) => result');
  return out;
}

/** A custom rule error: which rule, what is wrong. */
export class CustomRuleError extends Error {
  constructor(public readonly where: string, public readonly problems: readonly string[]) {
    super(`${where}: ${problems.join('; ')}`);
    this.name = 'CustomRuleError';
    Object.setPrototypeOf(this, CustomRuleError.prototype);
  }
}

function isRuleResult(v: unknown): v is RuleResult {
  if (v === null || typeof v !== 'object') return false;
  const o = (v as any).outcome;
  if (o === 'compliant' || o === 'not-applicable') return true;
  return o === 'non-compliant' && Array.isArray((v as any).findings) && (v as any).findings.length > 0
    && (v as any).findings.every((f: unknown) => f !== null && typeof f === 'object' && ((f as any).id === undefined || typeof (f as any).id === 'string'));
}

/**
 * A checked, frozen copy of a custom rule. Its `evaluate` fails closed: a result that is not one of the three
 * outcomes (a rule returning `undefined`, `true`, a non-compliant result without findings...) is an error finding,
 * never a pass.
 */
export function asCustomRule(rule: unknown, where: string, ids: ReadonlySet<string> = new Set()): Rule {
  const problems = customRuleProblems(rule, ids);
  if (problems.length > 0) throw new CustomRuleError(where, problems);
  const r = rule as Rule;
  const evaluate = r.evaluate;
  return Object.freeze({
    id: r.id,
    title: r.title,
    description: r.description,
    severity: r.severity,
    platform: r.platform,
    appliesTo: Object.freeze([...r.appliesTo]),
    controls: Object.freeze([...r.controls]),
    remediation: r.remediation,
    ...(r.helpUri !== undefined ? { helpUri: r.helpUri } : {}),
    ...(r.options !== undefined ? { options: Object.freeze({ ...r.options }) } : {}),
    evaluate(resource, context) {
      const result = evaluate.call(r, resource, context);
      if (!isRuleResult(result)) {
        throw new Error(`custom rule returned ${JSON.stringify(result) ?? String(result)}; return COMPLIANT, NOT_APPLICABLE or nonCompliant(...findings) ({outcome: "compliant" | "not-applicable" | "non-compliant", findings: [{id?, message?}]})`);
      }
      return result;
    },
  } as Rule);
}

/** Loads the rules of one module (a path, resolved against `baseDir`): its `rules` export (or its default export's). */
export function loadRuleModule(modulePath: string, baseDir: string, ids: Set<string>): Rule[] {
  const file = path.resolve(baseDir, modulePath);
  let mod: any;
  try {
    mod = require(file);
  } catch (e) {
    throw new CustomRuleError(modulePath, [`cannot load the module ${file}: ${(e as Error).message.split('\n')[0]}`]);
  }
  const list = mod?.rules ?? mod?.default?.rules;
  if (!Array.isArray(list)) throw new CustomRuleError(modulePath, ['the module must export `rules`, an array of rule objects (docs/custom-rules.md)']);
  if (list.length === 0) throw new CustomRuleError(modulePath, ['the module exports no rule (`rules` is empty)']);
  return list.map((r: unknown, i: number) => {
    const rule = asCustomRule(r, `${modulePath}: rules[${i}]${r && typeof (r as any).id === 'string' ? ` (${(r as any).id})` : ''}`, ids);
    ids.add(rule.id);
    return rule;
  });
}
