import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Validations, aws_iam as iam, aws_kms as kms, aws_s3 as s3, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';
import { AwsCompliance, AwsComplianceProps, FailOn, SynthCheck, checkSynthTemplates } from '../../lib/compliance/aws-checks';
import { NO_POLICY } from '../../lib/compliance/config/policy';
import { Suppressions } from '../../lib/compliance/suppressions';
import { SynthWorker, WORKER_MIN_RESOURCES, lastWorkerRun } from '../../lib/compliance/synth-worker';

/**
 * An app with a bit of everything the synth-time check reads: several stacks, a nested stack, findings, suppressions
 * on constructs, acknowledgements, a config-file suppression, policies.
 */
function buildApp(app: App): void {
  for (let s = 0; s < 3; s++) {
    const stack = new Stack(app, `S${s}`);
    for (let i = 0; i < 4; i++) {
      const key = new kms.Key(stack, `Key${i}`, { enableKeyRotation: i % 2 === 0 });
      const bucket = new s3.Bucket(stack, `Bucket${i}`, { encryptionKey: key, enforceSSL: i % 3 !== 0 });
      const role = new iam.Role(stack, `Role${i}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      bucket.grantReadWrite(role);
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
      new sns.Topic(stack, `Topic${i}`, { masterKey: i === 0 ? undefined : key });
      new sqs.Queue(stack, `Queue${i}`);
      if (i === 1) Suppressions.of(bucket).add({ id: 'aws-s3-bucket-tls-version', reason: 'clients of this bucket are pinned to TLS 1.3' });
      if (i === 3) Validations.of(key).acknowledge({ id: 'aws-kms-key-rotation', reason: 'rotated by the key management process' });
    }
    const nested = new NestedStack(stack, 'Inner');
    new s3.Bucket(nested, 'NestedBucket');
    new sqs.Queue(nested, 'NestedQueue', { encryptionMasterKey: new kms.Key(nested, 'NestedKey') });
  }
}

const CONFIG = `suppressions:
  - id: aws-s3-bucket-access-logging
    resources: [S1/*]
    reason: The buckets of S1 are logged by CloudTrail data events.
    expires: 2999-12-31
`;

interface Written {
  report: string;
  dashboard: string;
  evidence: Record<string, string>;
  threw?: string;
}

/** Synthesizes the app with AwsCompliance.enable and returns what synth wrote (timestamps and digests of files holding them replaced). */
function synth(mode: 'off' | 'force', props: AwsComplianceProps = {}): Written {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-worker-'));
  const saved = process.env.SECURE_CONSTRUCTS_SYNTH_WORKER;
  process.env.SECURE_CONSTRUCTS_SYNTH_WORKER = mode;
  try {
    fs.writeFileSync(path.join(dir, 'policy.yaml'), CONFIG);
    const outdir = path.join(dir, 'cdk.out');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    buildApp(app);
    const reports = { html: path.join(dir, 'dashboard.html'), evidenceDir: path.join(dir, 'evidence') };
    AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.NEVER, configFile: path.join(dir, 'policy.yaml'), maxReportedResourcesPerRule: 1000, reports, ...props });
    let threw: string | undefined;
    try {
      app.synth();
    } catch (e) {
      threw = (e as Error).message;
    }
    const normal = (s: string) => s.split(dir).join('<dir>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/"sha256": "[0-9a-f]{64}",(\s*"bytes": \d+,\s*"controls")/g, '"sha256": "<file digest>",$1');
    const read = (f: string) => (fs.existsSync(f) ? normal(fs.readFileSync(f, 'utf8')) : '');
    const evidence: Record<string, string> = {};
    if (fs.existsSync(reports.evidenceDir)) for (const f of fs.readdirSync(reports.evidenceDir).sort()) evidence[f] = read(path.join(reports.evidenceDir, f));
    return { report: read(path.join(outdir, 'validation-report.json')), dashboard: read(reports.html), evidence, ...(threw ? { threw: normal(threw) } : {}) };
  } finally {
    if (saved === undefined) delete process.env.SECURE_CONSTRUCTS_SYNTH_WORKER;
    else process.env.SECURE_CONSTRUCTS_SYNTH_WORKER = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the worker thread of AwsCompliance.enable runs the synth-time check, with the same results', () => {
  test('forced on a small app: the same report, dashboard and evidence as the main thread', () => {
    // one call site for both runs: CDK's report holds the stack traces of the constructs
    const [main, worker] = (['off', 'force'] as const).map((mode) => synth(mode));
    expect(lastWorkerRun()).toEqual({ by: 'worker' });
    // the run has findings, findings suppressed on each channel (construct, acknowledgement, config file), evaluations
    const ours = JSON.parse(main.report).pluginReports.find((p: any) => p.pluginName === 'secure-constructs');
    expect(ours.violations.length).toBeGreaterThan(5);
    for (const reason of ['pinned to TLS 1.3', 'rotated by the key management process', 'logged by CloudTrail data events']) expect(Object.values(main.evidence).join('\n')).toContain(reason);
    expect(worker).toEqual(main);
  });

  test('a synth that fails on its findings fails the same way', () => {
    const [main, worker] = (['off', 'force'] as const).map((mode) => synth(mode, { failOn: FailOn.ERROR, reports: undefined, maxReportedResourcesPerRule: 2 }));
    expect(lastWorkerRun()).toEqual({ by: 'worker' });
    expect(main.threw).toContain('aws-kms-key-rotation');
    expect(worker).toEqual(main);
  });

  test('a check the worker cannot run is run by the main thread, with the same result', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-worker-'));
    try {
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      buildApp(app);
      app.synth();
      const templatePaths = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
      const check: SynthCheck = { templatePaths, policy: NO_POLICY, now: Date.now(), failOn: FailOn.ERROR, failOnUnverified: false, maxPerRule: 25 };
      const expected = checkSynthTemplates(check);
      const ok = SynthWorker.start(outdir, 0, 'force')!;
      try {
        expect(ok.check(check)).toEqual(expected);
        expect(lastWorkerRun()).toEqual({ by: 'worker' });
      } finally {
        ok.close();
      }
      // a template that is not there: the worker's check fails, the caller runs its own (which fails the same way)
      const missing = { ...check, templatePaths: [...templatePaths, path.join(outdir, 'gone', 'Gone.template.json')] };
      const failing = SynthWorker.start(outdir, 0, 'force')!;
      try {
        expect(failing.check(missing)).toBeUndefined();
        expect(lastWorkerRun()).toMatchObject({ by: 'main thread', reason: expect.stringContaining('gone') });
      } finally {
        failing.close();
      }
      // a stopped worker is not asked
      expect(failing.check(check)).toBeUndefined();
      expect(lastWorkerRun()).toEqual({ by: 'main thread', reason: 'the worker was stopped' });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('no worker for small apps or when turned off', () => {
    expect(SynthWorker.start(os.tmpdir(), WORKER_MIN_RESOURCES - 1, 'auto')).toBeUndefined();
    expect(SynthWorker.start(os.tmpdir(), 1_000_000, 'off')).toBeUndefined();
  });
});
