import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { synthPlatform } from '../../examples/platform/synth';
import { EncryptionKey } from '../../lib/aws/kms';
import { run } from '../../lib/cli/main';
import { AwsCompliance, FailOn } from '../../lib/compliance/aws-checks';
import { checkPaths } from '../../lib/compliance/check';
import { resolvePolicy } from '../../lib/compliance/config/policy';
import * as engine from '../../lib/compliance/engine';
import { CheckReport, Finding } from '../../lib/compliance/model';
import { Suppressions } from '../../lib/compliance/suppressions';
import { SYNTH_RECORD_FILE } from '../../lib/compliance/synth-record';

// `secure-constructs check cdk.out` evaluates our pack again on the assembly's templates
// (lib/compliance/synth-record.ts says why). These tests hold it to that: what the synth-time run of AwsCompliance.enable found is exactly what the
// check finds, for the example platform and for an app with every kind of suppression, nested stacks, a stage and
// weakened defaults; a template edited after synth is judged on its edited content, by our pack and by cdk-nag.

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-check-cdk-out-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything a finding says, except where it was printed (the synth-time run reads templates without line numbers). */
const identity = (f: Finding) => JSON.stringify({
  ruleId: f.ruleId, findingId: f.findingId, key: f.resource.key, type: f.resource.type, status: f.status, severity: f.severity,
  unverified: f.unverified, message: f.message, constructPath: f.constructPath, suppression: f.suppression, controls: f.controls,
});
const ours = (r: CheckReport) => r.findings.filter((f) => f.source === 'secure-constructs').map(identity).sort();

/** Runs `synth` and returns the report of our pack's synth-time run (the engine run of AwsCompliance.enable's plugin). */
function synthTimeReport(synth: () => void): CheckReport {
  const reports: CheckReport[] = [];
  const real = engine.runEngine;
  const spy = jest.spyOn(engine, 'runEngine').mockImplementation((...a: Parameters<typeof real>) => {
    const r = real(...a);
    reports.push(r);
    return r;
  });
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined); // CDK prints the violations
  try {
    synth();
  } finally {
    spy.mockRestore();
    quiet.mockRestore();
  }
  const aws = reports.filter((r) => r.inputs.some((i) => i.endsWith('.template.json')));
  expect(aws).toHaveLength(1);
  return aws[0];
}

/** What both runs know beyond the findings: weakened defaults and every declared suppression with its state. */
function expectSameKnowledge(synth: CheckReport, check: CheckReport): void {
  expect(ours(check)).toEqual(ours(synth));
  const overrides = (r: CheckReport) => r.overrides.map((o) => JSON.stringify(o)).sort();
  expect(overrides(check)).toEqual(overrides(synth));
  const declared = (r: CheckReport) => (r.suppressions ?? []).map((s) => `${s.id} ${s.source} ${s.declaredAt} ${s.state} ${s.suppressed} ${s.reason}`).sort();
  expect(declared(check)).toEqual(declared(synth));
}

describe('check cdk.out finds what the synth-time run found', () => {
  test('the example platform', () => {
    const out = path.join(dir, 'platform');
    let cdkOut = '';
    const synth = synthTimeReport(() => ({ cdkOut } = synthPlatform(out)));
    const { report, problems } = checkPaths([cdkOut]);
    expect(synth.findings.length).toBeGreaterThan(5);
    expect(synth.overrides.length).toBeGreaterThan(5);
    expectSameKnowledge(synth, report);
    // same policy (none), same version, templates as synthesized: nothing to say about the synth-time run
    expect(problems.filter((p) => /AwsCompliance\.enable|synthesized and checked/.test(p))).toEqual([]);
  });

  /** A stage with a stack and a nested stack, suppressed every way there is, with a weakened default. */
  function suppressedApp(outdir: string, context: Record<string, unknown> = {}): App {
    const app = new App({ outdir, context });
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Main');
    new s3.CfnBucket(stack, 'Plain');
    const nested = new NestedStack(stack, 'Inner');
    new EncryptionKey(nested, 'Key', { rotationOptOutReason: 'Key material is imported from the HSM and rotated there.' });
    const bucket = new s3.CfnBucket(nested, 'NestedBucket');
    Suppressions.of(bucket).add({ id: 'aws-s3-bucket-kms-encryption', reason: 'Encrypted by the default S3 encryption of the account.' });
    Validations.of(nested).acknowledge({ id: 'secure-constructs::aws-s3-bucket-public-access-block', reason: 'The account blocks public access for every bucket.' });
    Suppressions.of(stage).add({ id: 'aws-s3-bucket-versioning', reason: 'Stage-level: scratch data, versioning is not needed.' });
    bucket.addMetadata('secure-constructs', { suppressions: [{ id: 'aws-s3-bucket-retained', reason: 'Scratch data, recreated by the nightly job.' }] });
    bucket.addMetadata('cdk_nag', { rules_to_suppress: [{ id: 'aws-s3-bucket-tls-version', reason: 'Only reached through the VPC endpoint policy.' }] });
    return app;
  }

  test.each([
    ['construct paths from aws:cdk:path', {}],
    ['construct paths from the assembly (path metadata off)', { 'aws:cdk:enable-path-metadata': false }],
  ])('an app with suppressions, acknowledgements, nested stacks, a stage and weakened defaults: %s', (_, context) => {
    const outdir = path.join(dir, `suppressed-${Object.keys(context).length}`);
    const policyFile = path.join(dir, 'policy.yaml');
    fs.writeFileSync(policyFile, 'suppressions:\n  - id: aws-s3-bucket-ssl-only\n    resources: ["Prod/Main/**"]\n    reason: TLS is enforced by the VPC endpoint policy.\n    expires: 2099-12-31\n');
    const app = suppressedApp(outdir, context);
    AwsCompliance.enable(app, { failOn: FailOn.NEVER, cdkNagPacks: false, configFile: policyFile });
    const synth = synthTimeReport(() => app.synth());
    const policy = resolvePolicy(policyFile);
    const { report, problems } = checkPaths([outdir], { policy });
    expectSameKnowledge(synth, report);
    // every channel took part, in both runs
    const sources = new Set(synth.findings.filter((f) => f.status === 'suppressed').map((f) => f.suppression!.source));
    expect(sources).toEqual(new Set(['construct', 'acknowledge', 'metadata', 'config']));
    expect(synth.findings.find((f) => f.ruleId === 'aws-kms-key-rotation')).toMatchObject({ status: 'suppressed', constructPath: 'Prod/Main/Inner/Key/Resource/Resource' });
    expect(synth.overrides.map((o) => `${o.resource.key} ${o.property}`)).toEqual(['Prod/Main/Inner/KeyE447D366 rotationOptOutReason']);
    expect(problems.filter((p) => /AwsCompliance\.enable/.test(p))).toEqual([]);

    // the policy of synth is recorded: a check with another one (here none) says so, and its own policy decides
    const without = checkPaths([outdir]);
    expect(without.problems).toContainEqual(expect.stringMatching(/AwsCompliance\.enable checked this assembly at synth with the config file .*policy\.yaml .*this run uses no config file.*pass --config/));
    expect(without.report.findings.filter((f) => f.ruleId === 'aws-s3-bucket-ssl-only' && f.status === 'non-compliant').length).toBeGreaterThan(0);
  });
});

describe('the synth record', () => {
  test('lists every template with its sha256, the policy and the options of the run; deterministic', () => {
    const a = path.join(dir, 'record-a');
    const b = path.join(dir, 'record-b');
    for (const outdir of [a, b, a]) {
      // written while the app synthesizes, before the validation plugins run: CDK's check that they modify nothing
      // passes, also when a second synth overwrites the record
      const app = new App({ outdir, confirmValidationPluginsDoNotMutate: true });
      const stack = new Stack(app, 'S');
      new s3.CfnBucket(new NestedStack(stack, 'N'), 'B');
      new Stack(new Stage(app, 'Dev'), 'T');
      AwsCompliance.enable(app, { failOn: FailOn.NEVER, cdkNagPacks: false });
      synthTimeReport(() => app.synth());
    }
    const record = JSON.parse(fs.readFileSync(path.join(a, SYNTH_RECORD_FILE), 'utf8'));
    expect(record).toMatchObject({ kind: 'secure-constructs-synth', version: 1, entryPoint: 'AwsCompliance.enable', policy: null, options: { failOn: 'never', failOnUnverified: false, cdkNagPacks: [] } });
    const paths = record.templates.map((t: any) => t.path);
    expect(paths).toContain('S.template.json');
    expect(paths.some((p: string) => /^assembly-Dev\/DevT[0-9A-F]+\.template\.json$/.test(p))).toBe(true);
    expect(paths.some((p: string) => /^SN[0-9A-F]+\.nested\.template\.json$/.test(p))).toBe(true);
    for (const t of record.templates) expect(t.sha256).toBe(require('crypto').createHash('sha256').update(fs.readFileSync(path.join(a, t.path))).digest('hex'));
    expect(fs.readFileSync(path.join(b, SYNTH_RECORD_FILE), 'utf8')).toBe(fs.readFileSync(path.join(a, SYNTH_RECORD_FILE), 'utf8'));
  });

  test('a damaged record is an input error (exit 2), not ignored', () => {
    const outdir = path.join(dir, 'damaged');
    const app = new App({ outdir });
    new s3.CfnBucket(new Stack(app, 'S'), 'B');
    AwsCompliance.enable(app, { failOn: FailOn.NEVER, cdkNagPacks: false });
    synthTimeReport(() => app.synth());
    fs.writeFileSync(path.join(outdir, SYNTH_RECORD_FILE), '{"kind": "something else"}');
    const r = run(['check', outdir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/secure-constructs\.synth\.json: not a secure-constructs synth record/);
  });
});

describe('a template edited after synth is judged on its edited content', () => {
  const edit = (file: string, change: (t: any) => void) => {
    const t = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(t);
    fs.writeFileSync(file, JSON.stringify(t, null, 1));
  };
  const VERSIONED = { Status: 'Enabled' };
  const versioned = { status: 'Enabled' };
  const open = (r: CheckReport, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId && f.status === 'non-compliant').map((f) => f.resource.key).sort();

  test('by our pack and by cdk-nag (its synth-time results for that template are not used)', () => {
    const outdir = path.join(dir, 'edited');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'S');
    new s3.CfnBucket(stack, 'Open');
    new s3.CfnBucket(stack, 'Closed', { versioningConfiguration: versioned });
    const nested = new NestedStack(stack, 'N');
    new s3.CfnBucket(nested, 'Inner', { versioningConfiguration: versioned });
    AwsCompliance.enable(app, { failOn: FailOn.NEVER });
    synthTimeReport(() => app.synth());
    const before = checkPaths([outdir]);
    const nagRule = 'NIST.800.53.R5-S3BucketVersioningEnabled';
    expect(open(before.report, 'aws-s3-bucket-versioning')).toEqual(['S/Open']);
    expect(open(before.report, nagRule)).toEqual(['S/Open']);
    expect(before.problems.filter((p) => /changed since AwsCompliance\.enable/.test(p))).toEqual([]);

    // after synth: the unversioned bucket is versioned, versioning is removed from the other one and from the one in
    // the nested stack
    const top = path.join(outdir, 'S.template.json');
    const logicalId = (t: any, prefix: string) => Object.keys(t.Resources).find((k) => k.startsWith(prefix))!;
    edit(top, (t) => {
      t.Resources[logicalId(t, 'Open')].Properties = { VersioningConfiguration: VERSIONED };
      delete t.Resources[logicalId(t, 'Closed')].Properties;
    });
    const nestedFile = path.join(outdir, fs.readdirSync(outdir).find((f) => f.endsWith('.nested.template.json'))!);
    edit(nestedFile, (t) => delete t.Resources[logicalId(t, 'Inner')].Properties);

    const after = checkPaths([outdir]);
    const innerKey = after.report.findings.find((f) => f.resource.key.startsWith('S/N/Inner'))!.resource.key;
    expect(open(after.report, 'aws-s3-bucket-versioning')).toEqual([logicalKey(after.report, 'S/Closed'), innerKey].sort());
    // cdk-nag ran again on both edited templates: the stale finding on S/Open is gone, the new ones are there
    expect(open(after.report, nagRule)).toEqual([logicalKey(after.report, 'S/Closed'), innerKey].sort());
    expect(after.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/S\.template\.json: changed since AwsCompliance\.enable synthesized and checked it .* AwsSolutions, NIST\.800\.53\.R5, HIPAA\.Security, PCI\.DSS\.321 run again on it/),
      expect.stringMatching(/\.nested\.template\.json: changed since AwsCompliance\.enable/),
    ]));
    // and the CLI fails the run on the new findings
    expect(run(['check', outdir, '--format', 'json']).exitCode).toBe(1);
  });
});

/** The key of the resource whose key starts with `prefix` (logical ids carry a hash suffix). */
function logicalKey(r: CheckReport, prefix: string): string {
  return r.findings.find((f) => f.resource.key.startsWith(prefix))!.resource.key;
}
