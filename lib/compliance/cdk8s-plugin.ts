import { checkLoaded, loadInputs } from './check';
import { Policy, resolvePolicy } from './config/policy';
import { InputError } from './loaders/errors';
import { Pack, resolvePacks } from './packs';
import { Threshold, parseThreshold } from './threshold';
import { findingLocation, toViolations } from './violations';

/**
 * The parts of cdk8s-cli's `ValidationContext` (cdk8s-cli >= 2.200, `cdk8s-cli/lib/plugins/validation`)
 * that the plugin uses. Declared structurally so that the plugin does not load cdk8s-cli at runtime.
 */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: readonly { readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
  /** Construct metadata by object name (cdk8s-cli records it when a validation plugin is configured). */
  readonly metadata?: { readonly [name: string]: { readonly path?: string } };
}

/**
 * Options of the cdk8s-cli validation plugin (the `properties` of its entry in `cdk8s.yaml`).
 */
export interface SecureConstructsValidationProps {
  /**
   * Packs to run: `k8s`, `pss-baseline`, `pss-restricted`.
   * @default ['k8s']
   */
  readonly packs?: string[];
  /**
   * Severity that fails the validation: `error`, `warning` or `never`.
   * @default 'error'
   */
  readonly failOn?: string;
  /**
   * The policy file (docs/config.md), relative to the folder cdk8s runs in.
   * @default `secure-constructs.config.yaml` in that folder, when there is one
   */
  readonly configFile?: string;
}

/**
 * Our Kubernetes pack as a cdk8s-cli validation plugin. In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: secure-constructs
 *     version: 0.0.0            # an exact version: cdk8s-cli refuses ranges
 *     class: SecureConstructsValidation
 *     properties:
 *       packs: [k8s]
 *       failOn: error
 * ```
 *
 * `cdk8s synth` then checks every synthesized manifest and fails on unsuppressed findings.
 */
export class SecureConstructsValidation {
  private readonly packs: Pack[];
  private readonly threshold: Threshold;
  private readonly policy: Policy;

  constructor(props: SecureConstructsValidationProps = {}) {
    const prefix = 'secure-constructs validation: ';
    try {
      this.packs = resolvePacks(props.packs ?? ['k8s']);
    } catch (e) {
      throw new Error(`${prefix}${(e as Error).message} (cdk8s.yaml properties.packs)`);
    }
    try {
      this.threshold = parseThreshold(props.failOn ?? 'error', 'properties.failOn', ['error', 'warning', 'never']);
    } catch (e) {
      throw new Error(`${prefix}${(e as Error).message}`);
    }
    this.policy = resolvePolicy(props.configFile);
  }

  /** Called by cdk8s-cli after synth with the list of manifests. */
  public async validate(context: any): Promise<void> {
    const ctx = context as Cdk8sValidationContext;
    let failed = false;
    try {
      const loaded = loadInputs([...ctx.manifests]);
      const report = checkLoaded(loaded, { packs: this.packs, policy: this.policy });
      const violations = toViolations(report.findings, { threshold: this.threshold });
      failed = violations.failed;
      for (const g of violations.groups) {
        ctx.report.addViolation({
          ruleName: `${g.ruleId} (${g.severity})`,
          recommendation: g.title,
          fix: g.remediation,
          violatingResources: g.findings.map((f) => {
            // cdk8s-cli looks the construct path up by the object's metadata.name (construct-metadata.json);
            // use the bare name when it knows it, so its report shows the construct path, and keep kind and
            // namespace in the location text.
            const known = f.resource.objectName !== undefined && ctx.metadata?.[f.resource.objectName] !== undefined;
            const where = `${f.resource.type} ${f.resource.name}`;
            const what = findingLocation(f);
            return {
              resourceName: known ? f.resource.objectName! : where,
              locations: [known ? `${where} ${what}` : what],
              manifestPath: f.file ?? '',
            };
          }),
        });
      }
      // manifests kubectl would not read as written: reported, and the validation fails
      const inputErrors = report.inputErrors ?? [];
      if (inputErrors.length > 0) {
        failed = true;
        ctx.report.addViolation({
          ruleName: 'input-error',
          recommendation: 'These manifests cannot be read as kubectl reads them, so they were not (all) checked.',
          fix: 'Fix the manifest so it parses as Kubernetes YAML.',
          violatingResources: inputErrors.map((e) => ({
            resourceName: e.file,
            locations: [`${e.line !== undefined ? `line ${e.line}: ` : ''}${e.message}`],
            manifestPath: e.file,
          })),
        });
      }
      ctx.report.submit(failed ? 'failure' : 'success', { resources: String(report.resourceCount), findings: String(report.findings.length), inputErrors: String(inputErrors.length) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      ctx.report.addViolation({
        ruleName: 'input-error',
        recommendation: e.message,
        fix: 'Fix the manifest so it parses as Kubernetes YAML.',
        violatingResources: [{ resourceName: e.file, locations: [e.detail], manifestPath: e.file }],
      });
      ctx.report.submit('failure');
    }
  }
}
