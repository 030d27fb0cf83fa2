import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { AwsCompliance, FailOn } from '../../lib/compliance/aws-checks';
import { checkLoaded } from '../../lib/compliance/check';
import { loadCloudAssembly } from '../../lib/compliance/loaders/cloudformation';
import { CheckReport, Finding } from '../../lib/compliance/model';

/**
 * Synthesizes a stack with our AWS pack and cdk-nag's four packs enabled (without failing synth)
 * and returns the one merged report, exactly as `secure-constructs check cdk.out` sees it.
 */
export function synthAndCheck(build: (stack: Stack) => void, opts: { env?: { account: string; region: string } } = {}): CheckReport {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-aws-'));
  try {
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'TestStack', { env: opts.env });
    build(stack);
    AwsCompliance.enable(app, { failOn: FailOn.NEVER });
    app.synth();
    const loaded = loadCloudAssembly(outdir);
    return checkLoaded({ ...loaded, inputs: [outdir], inputErrors: [] });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Unsuppressed findings (non-compliant or rule error), formatted for readable assertion failures. */
export function openFindings(report: CheckReport): string[] {
  return report.findings.filter((f: Finding) => f.status !== 'suppressed').map((f) => `${f.source} ${f.ruleId}${f.findingId ? `[${f.findingId}]` : ''} ${f.resource.key}: ${f.message}`);
}
