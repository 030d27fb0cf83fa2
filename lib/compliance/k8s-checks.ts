import { ApiObject, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FailOn } from './aws-checks';
import { runEngine } from './engine';
import { dedupeKeys, objectProblem, parseManifests } from './loaders/kubernetes';
import { CheckReport, Resource, SEVERITY_RANK } from './model';
import { findPack, selectedBy } from './packs';
import { ALL_RULES } from './rules';
import { inheritedSuppressions } from './suppressions';
import { ruleInfo } from './model';

/**
 * Options for the Kubernetes compliance checks at cdk8s synth time.
 */
export interface K8sComplianceProps {
  /**
   * Packs to run: `k8s` (everything), `pss-baseline`, `pss-restricted`.
   * @default ['k8s']
   */
  readonly packs?: string[];
  /**
   * Which unsuppressed findings fail synthesis.
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;
}

/**
 * Collects the engine resources of every ApiObject below a scope (cdk8s tree order), read-only.
 *
 * Each object is judged as kubectl will receive it: its JSON (suppressions declared with `Suppressions.of` are
 * already in its annotation, see suppressions.ts) is written as YAML exactly as cdk8s synth writes it, and read
 * back with the loader that reads `check dist/`. So synth-time checks and `check dist/` see the same values.
 */
export function k8sResourcesOf(scope: IConstruct): Resource[] {
  const problems: string[] = [];
  const resources: Resource[] = [];
  for (const c of scope.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    const obj = c as ApiObject;
    const json = obj.toJson();
    const problem = objectProblem(json);
    if (problem && !(json && typeof json === 'object' && 'items' in json)) throw new Error(`[${obj.node.path}] ${problem}`);
    // suppressions declared on the construct tree (this object or an ancestor)
    const tree = inheritedSuppressions(obj);
    const read = parseManifests(obj.node.path, Yaml.stringify(json), { source: { constructPath: obj.node.path, extraSuppressions: tree } });
    if (read.errors.length > 0) throw new Error(`[${obj.node.path}] kubectl cannot read this object as synthesized: ${read.errors.map((e) => e.detail).join('; ')}`);
    problems.push(...read.problems);
    resources.push(...read.resources);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return dedupeKeys(resources);
}

/** Runs the Kubernetes rules over everything below a scope (an App or a Chart). */
export function checkK8sScope(scope: IConstruct, props: K8sComplianceProps = {}): CheckReport {
  const packs = (props.packs ?? ['k8s']).map((id) => {
    const p = findPack(id);
    if (!p) throw new Error(`unknown pack "${id}"`);
    return p;
  });
  const rules = ALL_RULES.filter((r) => r.platform === 'k8s' && selectedBy(packs, ruleInfo(r)));
  return runEngine(rules, k8sResourcesOf(scope), { recordEvaluations: false });
}

/**
 * Turns on compliance checking for a cdk8s App or Chart: `app.synth()` fails with a readable list
 * of every unsuppressed finding at or above `failOn`.
 */
export class K8sCompliance {
  /** Adds the check as a validation of the scope. */
  public static enable(scope: IConstruct, props: K8sComplianceProps = {}): void {
    const failOn = props.failOn ?? FailOn.ERROR;
    scope.node.addValidation({
      validate: () => {
        const report = checkK8sScope(scope, props);
        if (failOn === FailOn.NEVER) return [];
        const min = SEVERITY_RANK[failOn === FailOn.WARNING ? 'warning' : 'error'];
        return report.findings
          .filter((f) => f.status !== 'suppressed' && SEVERITY_RANK[f.severity] >= min)
          .map((f) => `${f.severity.toUpperCase()} ${f.ruleId}${f.findingId ? `[${f.findingId}]` : ''} ${f.resource.type} ${f.resource.name} (${f.constructPath}): ${f.message} Fix: ${f.remediation}`);
      },
    });
  }
}
