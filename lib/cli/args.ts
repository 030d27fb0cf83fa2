import { parseAllowedRegistry } from '../compliance/rules/k8s/workload/image-registry';
import { parseThreshold } from '../compliance/threshold';

/** Parsed command line of `secure-constructs check`. */
export interface CheckArgs {
  command: 'check' | 'rules' | 'help' | 'version';
  paths: string[];
  /** stdout format */
  format: 'console' | 'json';
  json?: string;
  sarif?: string;
  junit?: string;
  markdown?: string;
  /** Self-contained HTML dashboard file. */
  html?: string;
  /** Folder for the audit evidence (per framework JSON + CSV, index.json). */
  evidence?: string;
  packs: string[];
  framework?: string;
  failOn: 'error' | 'warning' | 'info' | 'never';
  /** Severity of "cannot verify" findings (a value unknown before deployment). */
  unverified: 'error' | 'warning' | 'info';
  baseline?: string;
  updateBaseline: boolean;
  color: boolean;
  showSuppressed: boolean;
  /** Registry allowlist of k8s-workload-image-registry (`--allowed-registries`); undefined: the rule is off. */
  allowedRegistries?: string[];
  /** The policy file (default: secure-constructs.config.yaml in the working folder, when there is one). */
  config?: string;
}

/** A usage error: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

/** Runs a parser, turning its error into a usage error. */
export function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export const USAGE = `Usage: secure-constructs check [paths...] [options]
       secure-constructs rules [--pack ID] [--framework ID] [--format console|json]

Checks CloudFormation (a cdk.out cloud assembly, or templates in JSON/YAML) and Kubernetes YAML
(files or folders, multi-document, List kinds) with one rule model, and prints one report.

Options:
  --format console|json     what to print on stdout (default: console); may be given more than once
                            together with file outputs
  --json FILE               also write the JSON report (schema: docs/report-json.md)
  --sarif FILE              also write SARIF 2.1.0
  --junit FILE              also write JUnit XML
  --markdown FILE           also write a Markdown summary (pull-request comment / CI job summary)
  --html FILE               also write the HTML dashboard: one self-contained file (docs/dashboard.md)
  --evidence DIR            also write audit evidence per framework: JSON + CSV mapping each control to
                            its rules and each evaluated resource's outcome, with run metadata and the
                            sha256 of every input (schema: docs/evidence.schema.json)
  --pack ID                 packs to run (repeatable or comma-separated): aws, k8s, pss-baseline,
                            pss-restricted, cross-plane, cdk-nag-aws-solutions, cdk-nag-nist-800-53-r5,
                            cdk-nag-hipaa, cdk-nag-pci-dss-3.2.1, cdk-nag-nist-800-53-r4, cdk-nag-serverless.
                            Default: our packs, plus the cdk-nag results in a cdk.out's validation report.
                            A cdk-nag pack given here also runs on raw templates (and on a cdk.out whose
                            report has none of its results): slower, about 2-3x a synth
  --framework ID            only rules evidencing a framework: NIST-800-53-R5, PCI-DSS-3.2.1, HIPAA,
                            CIS-AWS, AWS-CT, PSS-baseline, PSS-restricted, CIS-K8S, NSA-CISA
                            (a pack, a framework or a run that evaluates no rule is exit 2, never a pass)
  --fail-on LEVEL           error | warning | info | never (default: error)
  --unverified LEVEL        severity of "cannot verify" findings, values unknown before deployment
                            (imports, parameters without AllowedValues...): error | warning | info
                            (default: warning; error makes them fail the run at --fail-on error)
  --config FILE             the policy file: suppressions limited to resources and dates, severities,
                            rule options, custom rules (docs/config.md). Default:
                            secure-constructs.config.yaml in the working folder, when there is one
  --baseline FILE           accepted existing findings; only new findings fail the run
  --update-baseline         write the current findings to the --baseline file and exit 0
  --allowed-registries LIST registries images may come from (repeatable or comma-separated): exact hosts,
                            optionally with a repository prefix, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com,ghcr.io/acme/
                            (turns on k8s-workload-image-registry; "nginx" means docker.io/library/nginx)
  --show-suppressed         list every suppressed finding on the console
  --no-color                plain console output
  -h, --help                this help
  --version                 the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error.`;

const WITH_VALUE = new Set(['--format', '--json', '--sarif', '--junit', '--markdown', '--html', '--evidence', '--pack', '--framework', '--fail-on', '--unverified', '--baseline', '--allowed-registries', '--config']);

export function parseArgs(argv: string[], isTty: boolean): CheckArgs {
  const a: CheckArgs = {
    command: 'check', paths: [], format: 'console', packs: [], failOn: 'error', unverified: 'warning', updateBaseline: false, color: isTty && !process.env.NO_COLOR, showSuppressed: false,
  };
  const rest = [...argv];
  if (rest.length === 0) return { ...a, command: 'help' };
  const first = rest[0];
  if (first === 'check' || first === 'rules') {
    a.command = first;
    rest.shift();
  } else if (first === '-h' || first === '--help' || first === 'help') {
    return { ...a, command: 'help' };
  } else if (first === '--version' || first === 'version') {
    return { ...a, command: 'version' };
  } else if (!first.startsWith('-')) {
    throw new UsageError(`unknown command "${first}" (expected "check" or "rules")`);
  }
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (WITH_VALUE.has(arg) && value === undefined) {
      value = rest[++i];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`${arg} needs a value`);
    }
    switch (arg) {
      case '-h': case '--help': return { ...a, command: 'help' };
      case '--version': return { ...a, command: 'version' };
      case '--format':
        for (const f of value!.split(',')) {
          if (f === 'console' || f === 'json') a.format = f;
          else if (['sarif', 'junit', 'markdown', 'html'].includes(f)) throw new UsageError(`--format ${f} writes a file: use --${f} FILE`);
          else throw new UsageError(`unknown --format "${f}" (console or json)`);
        }
        break;
      case '--json': a.json = value; break;
      case '--sarif': a.sarif = value; break;
      case '--junit': a.junit = value; break;
      case '--markdown': a.markdown = value; break;
      case '--html': a.html = value; break;
      case '--evidence': a.evidence = value; break;
      case '--pack': a.packs.push(...value!.split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--framework': a.framework = value; break;
      case '--fail-on':
        a.failOn = usage(() => parseThreshold(value, '--fail-on'));
        break;
      case '--unverified':
        if (value !== 'error' && value !== 'warning' && value !== 'info') throw new UsageError(`--unverified must be error, warning or info (got "${value}")`);
        a.unverified = value;
        break;
      case '--baseline': a.baseline = value; break;
      case '--config': a.config = value; break;
      case '--update-baseline': a.updateBaseline = true; break;
      case '--allowed-registries': {
        const entries = value!.split(',').map((x) => x.trim());
        for (const e of entries) {
          const r = parseAllowedRegistry(e);
          if (typeof r === 'string') throw new UsageError(`--allowed-registries: ${r}`);
        }
        a.allowedRegistries = [...(a.allowedRegistries ?? []), ...entries];
        break;
      }
      case '--show-suppressed': a.showSuppressed = true; break;
      case '--no-color': a.color = false; break;
      case '--color': a.color = true; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.updateBaseline && !a.baseline) throw new UsageError('--update-baseline needs --baseline FILE');
  if (a.command === 'check' && a.paths.length === 0) throw new UsageError('no input: give a cdk.out folder, templates, or Kubernetes YAML files/folders');
  return a;
}
