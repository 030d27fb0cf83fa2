import * as path from 'path';
import { CfnResource, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CDK_NAG_PACKS, createCdkNagPack } from './cdk-nag';
import { Policy, findConfigFile, policyInputs, resolvePolicy } from './config/policy';
import { runEngine, suppressionCovers } from './engine';
import { loadCloudAssembly } from './loaders/cloudformation';
import { ComplianceReports, validateComplianceReports, writeComplianceReports } from './reports';
import { AWS_RULES, CROSS_RULES, K8S_RULES } from './rules';
import { CDK_ACK_METADATA_TYPE, configSuppressedMark, parseSuppressionId } from './suppressions';
import { recordSynthRun } from './synth-record';
import { Threshold, atOrAbove, parseThreshold } from './threshold';
import { findingLocation, toViolations } from './violations';
import { isValidReason, MIN_REASON_LENGTH } from '../core/errors';

/**
 * Which findings fail synthesis.
 */
export enum FailOn {
  /** Unsuppressed findings of severity error. */
  ERROR = 'error',
  /** Unsuppressed findings of severity error or warning. */
  WARNING = 'warning',
  /** Never fail synthesis: report only (let `secure-constructs check` decide). */
  NEVER = 'never',
}

/**
 * Options for the AWS compliance checks.
 */
export interface AwsComplianceProps {
  /**
   * Also run cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 packs.
   * @default true
   */
  readonly cdkNagPacks?: boolean;
  /**
   * Which findings fail `app.synth()`.
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;
  /**
   * Also fail `app.synth()` on "cannot verify" findings of our pack: a security-relevant value that is unknown before
   * deployment (an imported value, a parameter without AllowedValues...). They are warnings otherwise.
   * @default false
   */
  readonly failOnUnverified?: boolean;
  /**
   * At most this many resources per rule are listed in CDK's validation report (printed at synth and written to
   * `validation-report.json`); a rule with more says how many it left out. The result (success or failure of synth)
   * always counts every finding, and `secure-constructs check cdk.out` lists them all. CDK renders each listed
   * resource (console text, construct stack traces, the JSON report), which costs more than our checks themselves
   * when thousands of resources fail. Use a large number to list everything.
   * @default 25
   */
  readonly maxReportedResourcesPerRule?: number;
  /**
   * Also write the HTML dashboard and/or the audit evidence of our pack's results at synth (cdk-nag's results are in
   * CDK's validation report: `secure-constructs check cdk.out --html ... --evidence ...` puts both in one report).
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

/** The threshold of a FailOn value. */
function thresholdOf(failOn: FailOn): Threshold {
  return parseThreshold(failOn, 'failOn', ['error', 'warning', 'never']);
}

/**
 * `Validations.of(x).acknowledge(...)` entries whose reason does not meet our reason rule (at least 10 characters
 * besides whitespace and invisible characters): CDK and cdk-nag would honour them, so synth is refused instead.
 */
export function invalidAcknowledgements(root: IConstruct): string[] {
  const out: string[] = [];
  for (const c of root.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type !== CDK_ACK_METADATA_TYPE || !m.data || typeof m.data !== 'object') continue;
      for (const [id, reason] of Object.entries(m.data as Record<string, unknown>)) {
        if (isValidReason(reason)) continue;
        out.push(`[${c.node.path || '(app)'}] Validations.of(...).acknowledge({ id: '${id}' }) needs a reason of at least ${MIN_REASON_LENGTH} characters besides whitespace and invisible characters (got ${JSON.stringify(reason ?? '')}). Fix: say why the finding is acceptable; the reason appears in the compliance report.`);
      }
    }
  }
  return out;
}

/**
 * Our AWS rule pack as a CDK policy validation plugin (the API cdk-nag v3 uses).
 *
 * Results appear in CDK's validation report and respect `Validations.of(x).acknowledge(...)`
 * as well as `Suppressions.of(x).add(...)`.
 */
export class SecureConstructsAwsChecks implements IPolicyValidationPlugin {
  public readonly name = 'secure-constructs';
  public readonly version?: string = '0.0.0';
  public readonly ruleIds?: string[];
  private readonly threshold: Threshold;
  private readonly failOnUnverified: boolean;
  private readonly maxPerRule: number;
  private readonly policy: Policy;
  private readonly reports?: ComplianceReports;
  private readonly failOn: FailOn;

  constructor(props: AwsComplianceProps = {}) {
    validateComplianceReports(props.reports);
    this.reports = props.reports;
    this.failOn = props.failOn ?? FailOn.ERROR;
    this.threshold = thresholdOf(this.failOn);
    this.failOnUnverified = props.failOnUnverified ?? false;
    const max = props.maxReportedResourcesPerRule ?? 25;
    if (!Number.isInteger(max) || max < 1) throw new Error(`maxReportedResourcesPerRule must be a positive integer (got ${max}). Fix: use e.g. 25, or a large number to list every resource.`);
    this.maxPerRule = max;
    this.policy = resolvePolicy(props.configFile);
    this.ruleIds = [...AWS_RULES, ...this.policy.rules.filter((r) => r.platform === 'aws')].map((r) => r.id);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const byDir = new Map<string, Set<string>>();
    for (const t of context.templatePaths) {
      const abs = path.resolve(t);
      let set = byDir.get(path.dirname(abs));
      if (!set) byDir.set(path.dirname(abs), (set = new Set()));
      set.add(abs);
    }
    const resources = [];
    const declared = [];
    for (const [dir, templates] of byDir) {
      const loaded = loadCloudAssembly(dir, templates, { trusted: true });
      resources.push(...loaded.resources);
      declared.push(...loaded.declaredSuppressions);
    }
    // the Kubernetes rules judge the objects CloudFormation applies to EKS clusters (read out of the templates)
    const embedded = resources.some((r) => r.embeddedIn !== undefined);
    const custom = this.policy.rules.filter((r) => embedded || r.platform === 'aws');
    const base = embedded ? [...AWS_RULES, ...K8S_RULES, ...CROSS_RULES] : [...AWS_RULES, ...CROSS_RULES.filter((r) => r.platform === 'aws')];
    const { rules, ...policyOptions } = policyInputs(this.policy, [...base, ...custom]);
    const report = runEngine(rules, resources, {
      declaredSuppressions: declared,
      recordEvaluations: this.reports?.evidenceDir !== undefined,
      inputs: [...context.templatePaths],
      ...policyOptions,
    });
    writeComplianceReports(report, this.reports, {
      failOn: this.failOn, files: context.templatePaths, resources, packs: embedded ? ['aws', 'k8s', 'cross-plane'] : ['aws', 'cross-plane'],
      options: { entryPoint: 'AwsCompliance.enable', failOnUnverified: this.failOnUnverified },
    });
    const byKey = embedded ? new Map(resources.map((r) => [r.key, r])) : undefined;
    const { groups, failed } = toViolations(report.findings, { threshold: this.threshold, failOnUnverified: this.failOnUnverified });
    const violations: PolicyViolation[] = groups.map((g) => {
      const shown = g.findings.length > this.maxPerRule ? g.findings.slice(0, this.maxPerRule) : g.findings;
      const more = g.findings.length - shown.length;
      return {
        ruleName: g.ruleId,
        description: more > 0 ? `${g.title} (${shown.length} of ${g.findings.length} resources listed; \`secure-constructs check cdk.out\` lists all ${g.findings.length})` : g.title,
        fix: g.remediation,
        severity: g.severity,
        ruleMetadata: { controls: g.controls.join(', ') },
        violatingResources: shown.map((f) => {
          // a Kubernetes object applied by CloudFormation is reported on the resource that applies it
          const host = f.platform === 'k8s' && byKey ? byKey.get(byKey.get(f.resource.key)?.embeddedIn ?? '') : undefined;
          const object = host ? `${f.resource.type} ${f.resource.name} ` : '';
          return {
            resourceLogicalId: host ? host.logicalId : f.resource.logicalId,
            templatePath: host ? host.file : f.file,
            // known construct paths save CDK a lookup per violation
            ...((host?.constructPath ?? f.constructPath) ? { constructPath: host?.constructPath ?? f.constructPath } : {}),
            locations: [`${object}${findingLocation(f)}`],
          };
        }),
      };
    });
    return { success: !failed, violations };
  }
}

/**
 * Wraps a cdk-nag pack so that the policy applies to it at synth as in `secure-constructs check`: severities of the
 * config file (`off` drops the rule's violations), its suppressions (matched on the resource key, the construct path
 * or the template file), and `failOn`. A violation the config file suppresses stays in CDK's report, marked as
 * suppressed with its reason (so `check cdk.out` still sees it, as suppressed), and does not fail synthesis.
 */
class PolicyWrapper implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  constructor(private readonly inner: IPolicyValidationPlugin, private readonly threshold: Threshold, private readonly policy: Policy) {
    this.name = inner.name;
    this.version = inner.version;
    this.ruleIds = inner.ruleIds;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const r = this.inner.validate(context);
    const { globalSuppressions } = policyInputs(this.policy, []);
    const root = (context as { appConstruct?: IConstruct }).appConstruct;
    const violations: PolicyViolation[] = [];
    let failed = false;
    for (const v of r.violations) {
      const override = this.policy.severity[parseSuppressionId(v.ruleName).ruleId];
      if (override === 'off') continue;
      const severity = override ?? v.severity;
      const { ruleId, findingId } = parseSuppressionId(v.ruleName);
      const open: PolicyViolation['violatingResources'][number][] = [];
      const suppressed = new Map<string, PolicyViolation['violatingResources'][number][]>();
      for (const res of v.violatingResources) {
        const target = { key: resourceKeyAt(root, res.constructPath) ?? res.constructPath ?? '', constructPath: res.constructPath, file: res.templatePath };
        const s = globalSuppressions.find((x) => suppressionCovers(x, ruleId, findingId, target));
        if (!s) open.push(res);
        else suppressed.set(s.reason, [...(suppressed.get(s.reason) ?? []), res]);
      }
      if (open.length > 0) {
        violations.push({ ...v, severity, violatingResources: open });
        if (atOrAbove(severity, this.threshold)) failed = true;
      }
      for (const [reason, resources] of suppressed) violations.push({ ...v, severity, description: `${configSuppressedMark(reason)}${v.description}`, violatingResources: resources });
    }
    return { ...r, violations, success: !failed };
  }
}

/** The resource key (`stack path/logicalId`, as `check cdk.out` writes it) of the CfnResource at a construct path. */
function resourceKeyAt(root: IConstruct | undefined, constructPath: string | undefined): string | undefined {
  if (!root || !constructPath) return undefined;
  let c: IConstruct | undefined = root;
  for (const id of constructPath.replace(/^\//, '').split('/')) {
    c = c?.node.tryFindChild(id);
    if (!c) return undefined;
  }
  if (!CfnResource.isCfnResource(c)) return undefined;
  const stack = Stack.of(c);
  return `${stack.node.path}/${stack.resolve(c.logicalId)}`;
}

/**
 * Turns on compliance checking for an aws-cdk-lib App (or Stage).
 */
export class AwsCompliance {
  /**
   * Registers our AWS pack and (by default) cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA Security and
   * PCI DSS 3.2.1 packs on the app. Every result lands in CDK's validation report
   * (`cdk.out/validation-report.json`), which `secure-constructs check cdk.out` reads into one report.
   */
  public static enable(app: IConstruct, props: AwsComplianceProps = {}): SecureConstructsAwsChecks {
    const failOn = props.failOn ?? FailOn.ERROR;
    const ours = new SecureConstructsAwsChecks(props);
    const plugins: IPolicyValidationPlugin[] = [ours];
    if (props.cdkNagPacks ?? true) {
      const packs: IPolicyValidationPlugin[] = CDK_NAG_PACKS.filter((p) => p.withAwsCompliance).map((p) => createCdkNagPack(p, app));
      const policy = resolvePolicy(props.configFile);
      const plain = failOn === FailOn.ERROR && policy.suppressions.length === 0 && Object.keys(policy.severity).length === 0;
      plugins.push(...packs.map((p) => (plain ? p : new PolicyWrapper(p, thresholdOf(failOn), policy))));
    }
    Validations.of(app).addPlugins(...plugins);
    // an acknowledgement without a real reason would silence CDK's report and cdk-nag: refused at synth
    app.node.addValidation({ validate: () => invalidAcknowledgements(app) });
    // what `check cdk.out` cannot read from the assembly itself: the policy of this run, and the synthesized templates
    recordSynthRun(app, {
      policyFile: props.configFile !== undefined ? path.resolve(props.configFile) : findConfigFile(),
      failOn,
      failOnUnverified: props.failOnUnverified ?? false,
      cdkNagPacks: (props.cdkNagPacks ?? true) ? CDK_NAG_PACKS.filter((p) => p.withAwsCompliance).map((p) => p.pluginName) : [],
    });
    return ours;
  }
}
