import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isValidReason, MIN_REASON_LENGTH } from '../core/errors';
import { CDK_NAG_PACKS, createCdkNagPack } from './cdk-nag';
import { Policy, policyInputs, resolvePolicy } from './config/policy';
import { runEngine } from './engine';
import { loadCloudAssembly } from './loaders/cloudformation';
import { AWS_RULES, CROSS_RULES, K8S_RULES } from './rules';
import { CDK_ACK_METADATA_TYPE } from './suppressions';
import { Threshold, atOrAbove, parseThreshold } from './threshold';
import { findingLocation, toViolations } from './violations';

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

  constructor(props: AwsComplianceProps = {}) {
    this.threshold = thresholdOf(props.failOn ?? FailOn.ERROR);
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
    const report = runEngine(rules, resources, { declaredSuppressions: declared, recordEvaluations: false, ...policyOptions });
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
 * Wraps another validation plugin so that its violations are still reported but only fail
 * synthesis according to `failOn`.
 */
class FailOnWrapper implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  constructor(private readonly inner: IPolicyValidationPlugin, private readonly threshold: Threshold) {
    this.name = inner.name;
    this.version = inner.version;
    this.ruleIds = inner.ruleIds;
  }
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const r = this.inner.validate(context);
    return { ...r, success: !r.violations.some((v) => atOrAbove(v.severity, this.threshold)) };
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
      plugins.push(...packs.map((p) => (failOn === FailOn.ERROR ? p : new FailOnWrapper(p, thresholdOf(failOn)))));
    }
    Validations.of(app).addPlugins(...plugins);
    // an acknowledgement without a real reason would silence CDK's report and cdk-nag: refused at synth
    app.node.addValidation({ validate: () => invalidAcknowledgements(app) });
    return ours;
  }
}
