import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { App, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { AwsCompliance, FailOn } from '../../lib/compliance/aws-checks';
import { K8sCompliance } from '../../lib/compliance/k8s-checks';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'evidence.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const valid = (doc: unknown) => (validate(doc) ? '' : ajv.errorsText(validate.errors));
const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-synth-reports-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('synth-time reports (reports: { html, evidenceDir })', () => {
  test('AwsCompliance.enable writes the dashboard and evidence of its run, templates hashed', () => {
    const html = path.join(dir, 'aws', 'dashboard.html');
    const evidenceDir = path.join(dir, 'aws', 'evidence');
    const app = new App({ outdir: path.join(dir, 'aws', 'cdk.out') });
    AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.NEVER, reports: { html, evidenceDir } });
    const stack = new Stack(app, 'S');
    new s3.CfnBucket(stack, 'Plain');
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined); // CDK prints the violations
    try {
      app.synth();
    } finally {
      quiet.mockRestore();
    }
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('"key":"S/Plain"');
    const index = readJson(path.join(evidenceDir, 'index.json'));
    expect(valid(index)).toBe('');
    expect(index.run.entryPoint).toBe('synth');
    expect(index.run.inputs).toEqual([expect.objectContaining({ kind: 'file', path: expect.stringMatching(/S\.template\.json$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    const nist = readJson(path.join(evidenceDir, 'NIST-800-53-R5.json'));
    expect(valid(nist)).toBe('');
    const plain = nist.controls.flatMap((c: any) => c.resources).filter((r: any) => r.key === 'S/Plain');
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.some((r: any) => r.outcome === 'non-compliant')).toBe(true);
    expect(plain[0]).toMatchObject({ type: 'AWS::S3::Bucket', constructPath: 'S/Plain' });
  });

  test('K8sCompliance.enable writes them at synth, also when the synth then fails', () => {
    const html = path.join(dir, 'k8s', 'dashboard.html');
    const evidenceDir = path.join(dir, 'k8s', 'evidence');
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'pod', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' },
      spec: { containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }] },
    });
    K8sCompliance.enable(app, { reports: { html, evidenceDir } });
    expect(() => app.synth()).toThrow(/privileged/);
    expect(fs.readFileSync(html, 'utf8')).toContain('c/pod');
    const pss = readJson(path.join(evidenceDir, 'PSS-baseline.json'));
    expect(valid(pss)).toBe('');
    expect(pss.totals.failing).toBeGreaterThan(0);
    expect(pss.run.inputs).toEqual([expect.objectContaining({ kind: 'construct-tree', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    const web = pss.controls.flatMap((c: any) => c.resources).find((r: any) => r.outcome === 'non-compliant');
    expect(web).toMatchObject({ type: 'Pod', name: 'shop/web', constructPath: 'c/pod' });
  });

  test('bad report options fail with the property and the fix', () => {
    expect(() => K8sCompliance.enable(new Chart(Testing.app(), 'x'), { reports: { html: '' } })).toThrow(/reports\.html must be a non-empty path.*Fix:/);
    expect(() => AwsCompliance.enable(new App(), { reports: { evidence: 'x' } as any })).toThrow(/reports\.evidence is not a report option/);
  });
});
