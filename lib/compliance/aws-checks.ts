import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CDK_NAG_PACKS, createCdkNagPack } from './cdk-nag';
import { runEngine } from './engine';
import { loadCloudAssembly } from './loaders/cloudformation';
import { Finding, SEVERITY_RANK, Severity } from './model';
import { ComplianceReports, validateComplianceReports, writeComplianceReports } from './reports';
import { AWS_RULES, CROSS_RULES, K8S_RULES } from './rules';

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
}

function fails(severity: Severity | string | undefined, failOn: FailOn): boolean {
  if (failOn === FailOn.NEVER) return false;
  const rank = SEVERITY_RANK[(severity as Severity) ?? 'error'] ?? 3;
  return rank >= SEVERITY_RANK[failOn === FailOn.WARNING ? 'warning' : 'error'];
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
  private readonly failOn: FailOn;
  private readonly failOnUnverified: boolean;
  private readonly maxPerRule: number;
  private readonly reports?: ComplianceReports;

  constructor(props: AwsComplianceProps = {}) {
    validateComplianceReports(props.reports);
    this.reports = props.reports;
    this.failOn = props.failOn ?? FailOn.ERROR;
    this.failOnUnverified = props.failOnUnverified ?? false;
    const max = props.maxReportedResourcesPerRule ?? 25;
    if (!Number.isInteger(max) || max < 1) throw new Error(`maxReportedResourcesPerRule must be a positive integer (got ${max}). Fix: use e.g. 25, or a large number to list every resource.`);
    this.maxPerRule = max;
    this.ruleIds = AWS_RULES.map((r) => r.id);
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
    const rules = embedded ? [...AWS_RULES, ...K8S_RULES, ...CROSS_RULES] : [...AWS_RULES, ...CROSS_RULES.filter((r) => r.platform === 'aws')];
    const report = runEngine(rules, resources, { declaredSuppressions: declared, recordEvaluations: this.reports?.evidenceDir !== undefined, inputs: [...context.templatePaths] });
    writeComplianceReports(report, this.reports, {
      failOn: this.failOn, files: context.templatePaths, resources, packs: embedded ? ['aws', 'k8s', 'cross-plane'] : ['aws', 'cross-plane'],
      options: { entryPoint: 'AwsCompliance.enable', failOnUnverified: this.failOnUnverified },
    });
    const byKey = embedded ? new Map(resources.map((r) => [r.key, r])) : undefined;
    // one violation per rule and severity (a rule's "cannot verify" findings are warnings next to its errors)
    const byRule = new Map<string, Finding[]>();
    for (const f of report.findings) {
      if (f.status === 'suppressed') continue;
      const severity = f.unverified && this.failOnUnverified ? 'error' : f.severity;
      const k = `${f.ruleId}\u0000${severity}`;
      let list = byRule.get(k);
      if (!list) byRule.set(k, (list = []));
      list.push(severity === f.severity ? f : { ...f, severity });
    }
    const violations: PolicyViolation[] = [];
    let success = true;
    for (const findings of byRule.values()) {
      const first = findings[0];
      if (fails(first.severity, this.failOn)) success = false;
      const shown = findings.length > this.maxPerRule ? findings.slice(0, this.maxPerRule) : findings;
      const more = findings.length - shown.length;
      const title = first.status === 'error' ? first.message : first.unverified ? `${first.title} (cannot verify)` : first.title;
      violations.push({
        ruleName: first.ruleId,
        description: more > 0 ? `${title} (${shown.length} of ${findings.length} resources listed; \`secure-constructs check cdk.out\` lists all ${findings.length})` : title,
        fix: first.remediation,
        severity: first.severity,
        ruleMetadata: { controls: first.controls.join(', ') },
        violatingResources: shown.map((f) => {
          // a Kubernetes object applied by CloudFormation is reported on the resource that applies it
          const host = f.platform === 'k8s' && byKey ? byKey.get(byKey.get(f.resource.key)?.embeddedIn ?? '') : undefined;
          const object = host ? `${f.resource.type} ${f.resource.name} ` : '';
          return {
            resourceLogicalId: host ? host.logicalId : f.resource.logicalId,
            templatePath: host ? host.file : f.file,
            // known construct paths save CDK a lookup per violation
            ...((host?.constructPath ?? f.constructPath) ? { constructPath: host?.constructPath ?? f.constructPath } : {}),
            locations: [`${object}${f.findingId ? `${f.findingId}: ${f.message}` : f.message}`],
          };
        }),
      });
    }
    return { success, violations };
  }
}

/**
 * Wraps another validation plugin so that its violations are still reported but only fail
 * synthesis according to `failOn`.
 */
class FailOnWrapper implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  constructor(private readonly inner: IPolicyValidationPlugin, private readonly failOn: FailOn) {
    this.name = inner.name;
    this.version = inner.version;
    this.ruleIds = inner.ruleIds;
  }
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const r = this.inner.validate(context);
    return { ...r, success: !r.violations.some((v) => fails(v.severity, this.failOn)) };
  }
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
      plugins.push(...packs.map((p) => (failOn === FailOn.ERROR ? p : new FailOnWrapper(p, failOn))));
    }
    Validations.of(app).addPlugins(...plugins);
    return ours;
  }
}
