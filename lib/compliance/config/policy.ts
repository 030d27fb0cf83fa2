/**
 * The policy of a run: what `secure-constructs.config.yaml` says (suppressions limited to resources and to a date,
 * severity per rule, rule options, custom rules), in one shape used by the CLI, `AwsCompliance.enable`,
 * `K8sCompliance.enable` and the cdk8s-cli plugin alike.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, Node, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { isValidReason, MIN_REASON_LENGTH } from '../../core/errors';
import { InputError } from '../loaders/errors';
import { CheckReport, Rule, Severity, Suppression } from '../model';
import { ALL_RULES } from '../rules';
import { isExternalRuleId, parseSuppressionId } from '../suppressions';
import { CustomRuleError, loadRuleModule } from './custom-rules';
import { CONFIG_SCHEMA } from './schema';
import { validateNode } from './validate';

/** The file name looked for in the working folder. */
export const CONFIG_FILE_NAME = 'secure-constructs.config.yaml';

/** A severity override: a severity, or `off` (the rule does not run, its findings are not reported). */
export type SeverityOverride = Severity | 'off';

/** A loaded, validated config file. */
export interface Policy {
  /** The config file (absolute path). */
  readonly file?: string;
  /** Its suppressions, each with `resources` and `expires`. */
  readonly suppressions: readonly Suppression[];
  readonly severity: Readonly<Record<string, SeverityOverride>>;
  readonly options: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The custom rules of the modules it lists, checked. */
  readonly rules: readonly Rule[];
}

/** The empty policy (no config file). */
export const NO_POLICY: Policy = Object.freeze({ suppressions: [], severity: {}, options: {}, rules: [] });

/** A config file problem: exit 2, naming the file, the line and the key. */
export class ConfigError extends InputError {
  constructor(file: string, public readonly key: string, detail: string, line?: number) {
    super(file, `${key}: ${detail}`, line);
    this.name = 'ConfigError';
    Object.setPrototypeOf(this, ConfigError.prototype);
  }
}

/** A string as JSON, with invisible characters (U+200B, no-break spaces...) written as escapes. */
function visible(s: unknown): string {
  return JSON.stringify(s).replace(/[\p{Cf}\p{Zs}]/gu, (c) => (c === ' ' ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`));
}

/** The instant from which a suppression expiring on `date` (YYYY-MM-DD) no longer applies: the end of that day, UTC. */
export function expiryInstant(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d + 1);
}

/** Whether `YYYY-MM-DD` is a real calendar date. */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3]);
}

/** Whether a suppression has expired at `now`. */
export function isExpired(s: Suppression, now: Date): boolean {
  return s.expires !== undefined && now.getTime() >= expiryInstant(s.expires);
}

/** The config file of a folder (`secure-constructs.config.yaml`), if there is one. */
export function findConfigFile(dir: string = process.cwd()): string | undefined {
  const f = path.join(dir, CONFIG_FILE_NAME);
  return fs.existsSync(f) ? f : undefined;
}

/**
 * The policy of a run: the given config file, else `secure-constructs.config.yaml` in the working folder, else none.
 * A given file that does not exist is an error.
 */
export function resolvePolicy(configFile?: string, dir: string = process.cwd()): Policy {
  if (configFile !== undefined) {
    const f = path.resolve(dir, configFile);
    if (!fs.existsSync(f)) throw new InputError(configFile, 'config file not found');
    return loadPolicy(f);
  }
  const found = findConfigFile(dir);
  return found ? loadPolicy(found) : NO_POLICY;
}

/** The node at a key path of a YAML document (for line numbers). */
function nodeAt(root: Node | null | undefined, keys: (string | number)[]): Node | undefined {
  let n: any = root;
  for (const k of keys) {
    if (isMap(n)) n = n.items.find((p) => isScalar(p.key) && p.key.value === k)?.value;
    else if (isSeq(n) && typeof k === 'number') n = n.items[k];
    else return undefined;
  }
  return n ?? undefined;
}

/** Loads and validates a config file. Throws {@link ConfigError} (exit 2) naming the file, line and key. */
export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(file, '(yaml)', e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), lc.linePos(e.pos[0]).line);
  }
  let value: any;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    throw new ConfigError(file, '(yaml)', (e as Error).message.split('\n')[0]);
  }
  if (value === null || value === undefined) value = {};
  const problems = validateNode(doc.contents as Node, value, CONFIG_SCHEMA, '', lc);
  const lineOf = (...keys: (string | number)[]) => {
    const n = nodeAt(doc.contents as Node, keys);
    return n?.range ? lc.linePos(n.range[0]).line : undefined;
  };
  const fail = (p: { key: string; line?: number; message: string }): never => {
    throw new ConfigError(file, p.key, p.message, p.line);
  };
  if (problems.length > 0) fail(problems[0]);

  // custom rules first: severity, options and suppressions may name them
  const ids = new Set(ALL_RULES.map((r) => r.id));
  const rules: Rule[] = [];
  (value.rules ?? []).forEach((m: string, i: number) => {
    try {
      rules.push(...loadRuleModule(m, path.dirname(file), ids));
    } catch (e) {
      if (e instanceof CustomRuleError) fail({ key: `rules[${i}]`, line: lineOf('rules', i), message: e.message });
      throw e;
    }
  });
  const known = (ruleId: string) => ids.has(ruleId) || isExternalRuleId(ruleId);
  const unknownRule = (ruleId: string) => `unknown rule "${ruleId}" (not one of ours, not a custom rule of this file, not a cdk-nag or Control Tower rule id; \`secure-constructs rules\` lists them)`;

  const suppressions: Suppression[] = (value.suppressions ?? []).map((s: any, i: number) => {
    const at = (k: string) => ({ key: `suppressions[${i}].${k}`, line: lineOf('suppressions', i, k) ?? lineOf('suppressions', i) });
    const parsed = parseSuppressionId(s.id);
    if (!known(parsed.ruleId)) fail({ ...at('id'), message: unknownRule(parsed.ruleId) });
    if (!isValidReason(s.reason)) {
      fail({ ...at('reason'), message: `must be at least ${MIN_REASON_LENGTH} characters besides whitespace and invisible characters (got ${visible(s.reason)}): say why the finding is acceptable` });
    }
    if (!isCalendarDate(s.expires)) fail({ ...at('expires'), message: `is not a calendar date (got ${JSON.stringify(s.expires)}; expected YYYY-MM-DD)` });
    return {
      ...parsed,
      reason: String(s.reason).trim(),
      source: 'config',
      declaredAt: `${path.basename(file)}:${lineOf('suppressions', i) ?? '?'}`,
      resources: [...s.resources],
      expires: s.expires,
      file,
      line: lineOf('suppressions', i),
    } satisfies Suppression;
  });
  for (const k of Object.keys(value.severity ?? {})) if (!known(k)) fail({ key: `severity.${k}`, line: lineOf('severity', k), message: unknownRule(k) });
  const byId = new Map([...ALL_RULES, ...rules].map((r) => [r.id, r]));
  for (const [k, o] of Object.entries<Record<string, unknown>>(value.options ?? {})) {
    const rule = byId.get(k);
    if (!rule) fail({ key: `options.${k}`, line: lineOf('options', k), message: unknownRule(k) });
    const accepted = rule!.options ?? {};
    for (const key of Object.keys(o)) {
      if (Object.prototype.hasOwnProperty.call(accepted, key)) continue;
      const settings = Object.keys(accepted);
      fail({
        key: `options.${k}.${key}`,
        line: lineOf('options', k, key) ?? lineOf('options', k),
        message: settings.length > 0 ? `rule ${k} has no setting "${key}" (its settings: ${settings.join(', ')})` : `rule ${k} has no settings`,
      });
    }
  }
  return Object.freeze({ file, suppressions, severity: { ...(value.severity ?? {}) }, options: { ...(value.options ?? {}) }, rules });
}

/** What the engine gets from a policy for one run. */
export interface PolicyEngineInputs {
  /** The rules to run: the given ones with their severities overridden, those set `off` removed. */
  readonly rules: Rule[];
  readonly globalSuppressions: Suppression[];
  readonly expiredSuppressions: Suppression[];
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Per-rule settings of two sources, the second winning key by key within a rule. */
export function mergeRuleOptions(
  base: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  over: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Record<string, Readonly<Record<string, unknown>>> {
  const out: Record<string, Readonly<Record<string, unknown>>> = { ...base };
  for (const [id, o] of Object.entries(over)) out[id] = { ...(base[id] ?? {}), ...o };
  return out;
}

/**
 * A rule at another severity: every finding of it gets that severity, except "cannot verify" findings (a value
 * unknown before deployment), whose severity `--unverified` decides.
 */
function withSeverity(rule: Rule, severity: Severity): Rule {
  return Object.freeze({
    ...rule,
    severity,
    evaluate(resource, context) {
      const result = rule.evaluate(resource, context);
      if (result.outcome !== 'non-compliant') return result;
      return { outcome: 'non-compliant', findings: result.findings.map((f) => (f.unverified || f.severity === undefined ? f : { ...f, severity: undefined })) };
    },
  } as Rule);
}

/**
 * Applies a policy to the rules of a run (which should include the policy's custom rules that the run selects), at
 * `now`: which suppressions have expired.
 */
export function policyInputs(
  policy: Policy,
  rules: readonly Rule[],
  now: Date = new Date(),
  ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): PolicyEngineInputs {
  const out: Rule[] = [];
  for (const r of rules) {
    const o = policy.severity[r.id];
    if (o === 'off') continue;
    out.push(o === undefined ? r : withSeverity(r, o));
  }
  return {
    rules: out,
    globalSuppressions: policy.suppressions.filter((s) => !isExpired(s, now)),
    expiredSuppressions: policy.suppressions.filter((s) => isExpired(s, now)),
    ruleOptions: mergeRuleOptions(policy.options, ruleOptions),
  };
}

/**
 * Applies a policy's severities to the findings of other checkers (cdk-nag, CDK plugins): ours get theirs through
 * the rule itself. `off` removes the rule's findings and the rule from the report.
 */
export function withExternalSeverities(report: CheckReport, policy: Policy): CheckReport {
  const keys = Object.keys(policy.severity);
  if (keys.length === 0) return report;
  const ours = (source: string) => source === 'secure-constructs';
  return {
    ...report,
    findings: report.findings.flatMap((f) => {
      const o = policy.severity[f.ruleId];
      if (o === undefined || ours(f.source)) return [f];
      if (o === 'off') return [];
      return [f.status === 'error' || f.unverified ? f : { ...f, severity: o }];
    }),
    rules: report.rules.flatMap((r) => {
      const o = policy.severity[r.id];
      if (o === undefined || ours(r.source ?? 'secure-constructs')) return [r];
      return o === 'off' ? [] : [{ ...r, severity: o }];
    }),
  };
}
