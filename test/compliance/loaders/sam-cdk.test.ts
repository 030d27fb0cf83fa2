import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_sam as sam } from 'aws-cdk-lib';
import { checkLoaded } from '../../../lib/compliance/check';
import { loadCloudAssembly } from '../../../lib/compliance/loaders/cloudformation';
import { Suppressions } from '../../../lib/compliance/suppressions';

/** aws-cdk-lib's SAM constructs (aws_sam) synthesize SAM resources and the transform; the assembly is checked expanded. */
test('a CDK app with aws_sam.CfnFunction: the generated role is checked, construct-tree suppressions apply to it', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sam-cdk-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'SamStack');
    const fn = new sam.CfnFunction(stack, 'Fn', {
      runtime: 'python3.12',
      handler: 'app.handler',
      codeUri: 's3://bucket/code.zip',
      policies: [{ statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
    });
    Suppressions.of(fn).add({ id: 'aws-iam-role-permissions-boundary', reason: 'The account baseline attaches boundaries to every role' });
    app.synth();
    const loaded = loadCloudAssembly(outdir);
    const report = checkLoaded({ ...loaded, inputs: [outdir], inputErrors: [] });
    const onRole = report.findings.filter((f) => f.resource.logicalId?.endsWith('Role'));
    const role = onRole[0].resource.logicalId!;
    expect(role).toMatch(/^Fn([0-9A-F]{8})?Role$/);
    expect(onRole.filter((f) => f.ruleId === 'aws-iam-pass-role-wildcard').map((f) => f.status)).toEqual(['non-compliant']);
    expect(onRole.filter((f) => f.ruleId === 'aws-iam-role-permissions-boundary').map((f) => f.status)).toEqual(['suppressed']);
    expect(report.unusedSuppressions).toEqual([]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('a CDK stack with a macro transform fails on it; Suppressions.of(stack) accepts it with a reason', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sam-cdk-'));
  try {
    const app = new App({ outdir });
    const macro = new Stack(app, 'Macro');
    macro.addTransform('SomeMacro');
    const accepted = new Stack(app, 'Accepted');
    accepted.addTransform('SomeMacro');
    Suppressions.of(accepted).add({ id: 'aws-template-unchecked-resource[transform:SomeMacro]', reason: 'SomeMacro only adds cost allocation tags' });
    app.synth();
    const loaded = loadCloudAssembly(outdir);
    const report = checkLoaded({ ...loaded, inputs: [outdir], inputErrors: [] });
    const unchecked = report.findings.filter((f) => f.ruleId === 'aws-template-unchecked-resource').map((f) => `${f.resource.key} ${f.status}`).sort();
    expect(unchecked).toEqual(['Accepted/(template) suppressed', 'Macro/(template) non-compliant']);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
