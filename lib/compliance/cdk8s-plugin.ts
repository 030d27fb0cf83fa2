import { checkLoaded, loadInputs } from './check';
import { InputError } from './loaders/errors';
import { findPack, Pack } from './packs';
import { FailOn, isBlocking } from './reporters/summary';

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
  private readonly failOn: FailOn;

  constructor(props: SecureConstructsValidationProps = {}) {
    this.packs = (props.packs ?? ['k8s']).map((id) => {
      const p = findPack(id);
      if (!p) throw new Error(`secure-constructs validation: unknown pack "${id}" in cdk8s.yaml properties.packs`);
      return p;
    });
    const failOn = props.failOn ?? 'error';
    if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') {
      throw new Error(`secure-constructs validation: properties.failOn must be error, warning or never (got "${failOn}")`);
    }
    this.failOn = failOn;
  }

  /** Called by cdk8s-cli after synth with the list of manifests. */
  public async validate(context: any): Promise<void> {
    const ctx = context as Cdk8sValidationContext;
    let failed = false;
    try {
      const loaded = loadInputs([...ctx.manifests]);
      const report = checkLoaded(loaded, { packs: this.packs });
      const byRule = new Map<string, typeof report.findings>();
      for (const f of report.findings) {
        if (f.status === 'suppressed') continue;
        if (isBlocking(f, this.failOn)) failed = true;
        let list = byRule.get(f.ruleId);
        if (!list) byRule.set(f.ruleId, (list = []));
        list.push(f);
      }
      for (const [ruleId, findings] of byRule) {
        ctx.report.addViolation({
          ruleName: `${ruleId} (${findings[0].severity})`,
          recommendation: findings[0].title,
          fix: findings[0].remediation,
          violatingResources: findings.map((f) => {
            // cdk8s-cli looks the construct path up by the object's metadata.name (construct-metadata.json);
            // use the bare name when it knows it, so its report shows the construct path, and keep kind and
            // namespace in the location text.
            const known = f.resource.objectName !== undefined && ctx.metadata?.[f.resource.objectName] !== undefined;
            const where = `${f.resource.type} ${f.resource.name}`;
            const what = f.findingId ? `${f.findingId}: ${f.message}` : f.message;
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
