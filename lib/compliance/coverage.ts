/**
 * A run that evaluated nothing is not a pass. Each pack given with `--pack`, the `--framework`, and (without either)
 * the run as a whole must have decided at least one (rule, resource) pair: a compliant, non-compliant, suppressed or
 * errored evaluation, or a finding read from CDK's validation report. Otherwise the run is an input error (exit 2)
 * whose message names the pack or framework and why nothing was evaluated.
 */
import { Framework } from './frameworks';
import { CheckReport, InputProblem, Platform, Resource, RuleInfo } from './model';
import { Pack } from './packs';

const NOUN: Record<Platform, string> = { aws: 'CloudFormation resources', k8s: 'Kubernetes objects' };

function sourceOf(r: { source?: string }): string {
  return r.source ?? 'secure-constructs';
}

/** The `file` of a problem about the whole run. */
function runLabel(inputs: readonly string[]): string {
  if (inputs.length === 0) return '(no input)';
  if (inputs.length === 1) return inputs[0];
  return `${inputs[0]} and ${inputs.length - 1} more input(s)`;
}

function typesOf(resources: readonly Resource[]): string {
  const types = [...new Set(resources.map((r) => r.type))].sort();
  return types.slice(0, 6).join(', ') + (types.length > 6 ? `, and ${types.length - 6} more` : '');
}

/**
 * Input problems for every selected pack (or framework, or the whole run) that decided no (rule, resource) pair.
 * @param resources the resources of the run
 * @param cdkNag templates cdk-nag loaded and refused in this run (its own input errors say why)
 */
export function evaluationGaps(
  report: CheckReport,
  resources: readonly Resource[],
  options: { readonly packs?: readonly Pack[]; readonly framework?: Framework },
  cdkNag: { readonly loaded: number; readonly refused: number } = { loaded: 0, refused: 0 },
): InputProblem[] {
  const packs = options.packs ?? [];
  const framework = options.framework;
  const byId = new Map<string, RuleInfo[]>();
  for (const r of report.rules) {
    let list = byId.get(r.id);
    if (!list) byId.set(r.id, (list = []));
    list.push(r);
  }
  /** Rules (ids by source) that decided at least one pair. */
  const decided = new Map<string, Set<string>>();
  const decide = (source: string, id: string) => {
    let ids = decided.get(source);
    if (!ids) decided.set(source, (ids = new Set()));
    ids.add(id);
  };
  const decidedIds = new Set<string>(report.decidedRules ?? []);
  for (const e of report.evaluations) if (e.outcome !== 'not-applicable') decidedIds.add(e.ruleId);
  for (const id of decidedIds) for (const r of byId.get(id) ?? []) decide(sourceOf(r), r.id);
  // one lookup per finding, no key built for it (a run may have many thousands)
  for (let i = 0; i < report.findings.length; i++) decide(sourceOf(report.findings[i]), report.findings[i].ruleId);
  const decidedBy = (include: (r: RuleInfo) => boolean): boolean =>
    report.rules.some((r) => include(r) && decided.get(sourceOf(r))?.has(r.id) === true);

  const withFramework = framework ? ` with --framework ${framework.id}` : '';
  const label = runLabel(report.inputs);
  const problems: InputProblem[] = [];
  const why = (include: (r: RuleInfo) => boolean, platforms: readonly Platform[], pack?: Pack): string => {
    const selected = report.rules.filter(include);
    const its = pack ? 'its' : 'the selected';
    if (selected.length === 0) return framework ? `none of ${its} rules evidences ${framework.id}` : pack ? 'it has no rules' : 'no rule is selected';
    const relevant = resources.filter((r) => platforms.includes(r.platform));
    if (pack?.cdkNag && cdkNag.refused > 0 && cdkNag.loaded === 0) return `cdk-nag could not load any of the ${cdkNag.refused} template(s) (see the input errors)`;
    if (relevant.length === 0) return `the inputs contain no ${platforms.map((p) => NOUN[p]).join(' or ')}`;
    const nouns = [...new Set(relevant.map((r) => r.platform))].map((p) => NOUN[p]).join(' and ');
    return `${its} ${selected.length} rule(s) apply to none of the ${relevant.length} ${nouns} (types: ${typesOf(relevant)})`;
  };

  for (const p of packs) {
    if (decidedBy(p.includes)) continue;
    problems.push({ file: label, message: `pack ${p.id} evaluated no rule${withFramework}: ${why(p.includes, p.platforms, p)}; this is not a pass` });
  }
  if (packs.length === 0 && !decidedBy(() => true)) {
    const subject = framework ? `framework ${framework.id}` : 'this run';
    const reason = resources.length === 0 ? 'the inputs contain no resources' : why(() => true, ['aws', 'k8s']);
    problems.push({ file: label, message: `${subject} evaluated no rule: ${reason}; this is not a pass` });
  }
  return problems;
}
