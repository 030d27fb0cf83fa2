import { ApiObject, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FailOn } from './aws-checks';
import { Policy, policyInputs, resolvePolicy } from './config/policy';
import { runEngine } from './engine';
import { dedupeKeys, objectProblem, parseManifests } from './loaders/kubernetes';
import { CheckReport, Resource, ruleInfo } from './model';
import { resolvePacks, selectedBy } from './packs';
import { ComplianceReports, validateComplianceReports, writeComplianceReports } from './reports';
import { ALL_RULES } from './rules';
import { inheritedSuppressions } from './suppressions';
import { isBlocking, parseThreshold } from './threshold';

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
  /**
   * Also write the HTML dashboard and/or the audit evidence of the check at synth.
   * @default - none
   */
  readonly reports?: ComplianceReports;
  /**
   * The policy file (suppressions limited to resources and dates, severities, rule options, custom rules; see
   * docs/config.md), relative to the working folder.
   * @default `secure-constructs.config.yaml` in the working folder, when there is one
   */
  readonly configFile?: string;
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
    // cdk8s writes YAML 1.1; a string it leaves unquoted but go-yaml reads as a number or boolean (e.g. "0o17")
    // reaches the cluster as another value: refuse it here, with the path, rather than check a different object
    if (read.resources.length === 1 && read.resources[0].body !== undefined) {
      const diff = firstDifference(json, read.resources[0].body, '');
      if (diff) throw new Error(`[${obj.node.path}] ${diff}: kubectl (YAML 1.1) reads the synthesized manifest differently; set the value so that it is written unambiguously (e.g. quote it in the source, or use a number)`);
    }
    problems.push(...read.problems);
    resources.push(...read.resources);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return dedupeKeys(resources);
}

/** Where two JSON values differ (a description), or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (a === b || ((a === undefined || a === null) && (b === undefined || b === null))) return undefined; // cdk8s writes undefined as null
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || '(object)'} is ${JSON.stringify(a)} in the construct but ${JSON.stringify(b)} as kubectl reads it`;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${at} has ${a.length} entries in the construct but ${bb.length} as kubectl reads it`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], bb[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    const d = firstDifference(ao[k], bo[k], at ? `${at}.${k}` : k);
    if (d) return d;
  }
  return undefined;
}

/** Runs the Kubernetes rules over everything below a scope (an App or a Chart). */
export function checkK8sScope(scope: IConstruct, props: K8sComplianceProps = {}, policy: Policy = resolvePolicy(props.configFile),
  resources: Resource[] = k8sResourcesOf(scope)): CheckReport {
  const packs = resolvePacks(props.packs ?? ['k8s'], 'k8s');
  const selected = [...ALL_RULES, ...policy.rules].filter((r) => r.platform === 'k8s' && selectedBy(packs, ruleInfo(r)));
  const { rules, ...policyOptions } = policyInputs(policy, selected);
  return runEngine(rules, resources, { recordEvaluations: props.reports?.evidenceDir !== undefined, ...policyOptions });
}

/**
 * Turns on compliance checking for a cdk8s App or Chart: `app.synth()` fails with a readable list
 * of every unsuppressed finding at or above `failOn`.
 */
export class K8sCompliance {
  /** Adds the check as a validation of the scope. */
  public static enable(scope: IConstruct, props: K8sComplianceProps = {}): void {
    const failOn = props.failOn ?? FailOn.ERROR;
    const threshold = parseThreshold(failOn, 'failOn', ['error', 'warning', 'never']);
    validateComplianceReports(props.reports);
    // bad packs or a bad config file fail here, where the call is
    resolvePacks(props.packs ?? ['k8s'], 'k8s');
    const policy = resolvePolicy(props.configFile);
    scope.node.addValidation({
      validate: () => {
        const resources = k8sResourcesOf(scope);
        const report = checkK8sScope(scope, props, policy, resources);
        writeComplianceReports(report, props.reports, {
          failOn, scope: { path: scope.node.path || '(app)', resources }, resources, packs: props.packs ?? ['k8s'], options: { entryPoint: 'K8sCompliance.enable' },
        });
        return report.findings
          .filter((f) => isBlocking(f, threshold))
          .map((f) => `${f.severity.toUpperCase()} ${f.ruleId}${f.findingId ? `[${f.findingId}]` : ''} ${f.resource.type} ${f.resource.name} (${f.constructPath}): ${f.message} Fix: ${f.remediation}`);
      },
    });
  }
}
