import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Validations, aws_iam as iam, aws_s3 as s3, aws_sns as sns } from 'aws-cdk-lib';
import * as nag from 'cdk-nag';
import {
  CDK_NAG_PACKS, CdkNagTemplate, cdkNagControls, cdkNagPackById, cdkNagRules, cdkNagTitle, createCdkNagPack, runCdkNagPacks, validationPluginSource,
} from '../../lib/compliance/cdk-nag';
import { checkLoaded, loadInputs } from '../../lib/compliance/check';
import { findFramework } from '../../lib/compliance/frameworks';
import { loadCloudAssembly, loadTemplateFile, parseTemplate } from '../../lib/compliance/loaders/cloudformation';
import { CheckReport } from '../../lib/compliance/model';
import { findPack } from '../../lib/compliance/packs';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cdk-nag-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, template: unknown): string {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, typeof template === 'string' ? template : JSON.stringify(template, null, 2));
  return f;
}

/** A template as the CLI path sees it: loaded by our loader, then handed to the adapter. */
function templateOf(file: string): CdkNagTemplate {
  const loaded = loadTemplateFile(file);
  return {
    file,
    template: parseTemplate(file, fs.readFileSync(file, 'utf8')).template,
    resources: new Map(loaded.resources.map((r) => [r.logicalId!, r])),
  };
}

const AWS_SOLUTIONS = cdkNagPackById('cdk-nag-aws-solutions')!;

function check(files: string[], packs: string[], framework?: string): CheckReport {
  return checkLoaded(loadInputs(files), { packs: packs.map((p) => findPack(p)!), framework: framework ? findFramework(framework) : undefined });
}

const OPEN_BUCKET_POLICY = {
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Policy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'p',
        Roles: ['r'],
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      },
    },
  },
};

describe('the cdk-nag pack table', () => {
  test.each(CDK_NAG_PACKS.map((p) => [p.packId, p] as const))('%s names a real cdk-nag pack and its plugin name', (_id, info) => {
    expect(typeof (nag as any)[info.className]).toBe('function');
    const pack = createCdkNagPack(info);
    expect(pack.readPackName).toBe(info.pluginName);
    expect(pack.name).toBe(info.pluginName);
    expect(findPack(info.packId)?.cdkNag).toBe(info);
    expect(validationPluginSource(info.pluginName)).toBe(`cdk-nag:${info.pluginName}`);
  });

  test('other validation plugins keep their own source label', () => {
    expect(validationPluginSource('cfn-guard')).toBe('cdk-plugin:cfn-guard');
  });

  test('control ids are read in both forms cdk-nag writes them, with nested parentheses', () => {
    expect(cdkNagControls('HIPAA.Security', 'The trail is off - (Control ID: 164.312(b)).')).toEqual(['HIPAA:164.312(b)']);
    expect(cdkNagControls('NIST.800.53.R5', 'x - (Control IDs: AU-9(3), CP-9d, AU-14b, AU-14b, SC-28(1)).')).toEqual([
      'NIST-800-53-R5:AU-9(3)', 'NIST-800-53-R5:CP-9d', 'NIST-800-53-R5:AU-14b', 'NIST-800-53-R5:SC-28(1)',
    ]);
    expect(cdkNagControls('PCI.DSS.321', 'y - (Control IDs: 2.2, 10.1).')).toEqual(['PCI-DSS-3.2.1:2.2', 'PCI-DSS-3.2.1:10.1']);
    expect(cdkNagControls('AwsSolutions', 'The S3 Bucket has server access logs disabled.')).toEqual([]);
    expect(cdkNagTitle('The trail is off - (Control ID: 164.312(b)).')).toBe('The trail is off');
  });
});

describe('cdkNagRules: every rule of a pack with its level', () => {
  test('AwsSolutions: all rules, error and warning levels, no controls', () => {
    const rules = cdkNagRules(AWS_SOLUTIONS);
    expect(rules.length).toBeGreaterThan(100);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.every((r) => r.id.startsWith('AwsSolutions-') && r.source === 'cdk-nag:AwsSolutions' && r.platform === 'aws')).toBe(true);
    expect(rules.find((r) => r.id === 'AwsSolutions-S1')).toMatchObject({ severity: 'error', title: 'The S3 Bucket has server access logs disabled.' });
    expect(rules.find((r) => r.id === 'AwsSolutions-EB4')?.severity).toBe('warning');
    expect(rules.some((r) => r.controls.length > 0)).toBe(false);
  });

  test.each(['cdk-nag-nist-800-53-r5', 'cdk-nag-hipaa', 'cdk-nag-pci-dss-3.2.1'])('%s: every rule carries its framework control ids', (id) => {
    const info = cdkNagPackById(id)!;
    const rules = cdkNagRules(info);
    expect(rules.length).toBeGreaterThan(50);
    expect(rules.every((r) => r.controls.length > 0 && r.controls.every((c) => c.startsWith(`${info.controlPrefix}:`)))).toBe(true);
    expect(rules.every((r) => !/Control IDs?:/.test(r.title))).toBe(true);
  });
});

describe('runCdkNagPacks: a pack on a raw template', () => {
  test('findings map back to our resources (key, file, line) with granular finding ids; evaluations are recorded', () => {
    const f = write('open/policy.template.json', OPEN_BUCKET_POLICY);
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    expect(run).toMatchObject({ loaded: 1, refused: 0, inputErrors: [] });
    const iam5 = run.findings.filter((x) => x.ruleId === 'AwsSolutions-IAM5');
    expect(iam5.map((x) => x.findingId).sort()).toEqual(['Action::s3:*', 'Resource::*']);
    expect(iam5[0]).toMatchObject({
      source: 'cdk-nag:AwsSolutions', status: 'non-compliant', platform: 'aws', severity: 'error', file: f,
      resource: { key: 'policy/Policy', logicalId: 'Policy', type: 'AWS::IAM::Policy', stack: 'policy' },
    });
    expect(iam5[0].line).toBe(fs.readFileSync(f, 'utf8').split('\n').findIndex((l) => l.includes('"Policy": {')) + 1);
    const s1 = run.findings.find((x) => x.ruleId === 'AwsSolutions-S1');
    expect(s1).toMatchObject({ resource: { key: 'policy/Bucket' }, message: 'The S3 Bucket has server access logs disabled.' });
    // compliant and non-compliant pairs are evaluations; rules that do not apply to a type are not
    expect(run.evaluations).toContainEqual(expect.objectContaining({ ruleId: 'AwsSolutions-S1', resourceKey: 'policy/Bucket', outcome: 'non-compliant' }));
    expect(run.evaluations.some((e) => e.resourceKey === 'policy/Bucket' && e.outcome === 'compliant')).toBe(true);
    expect(run.evaluations.some((e) => e.ruleId === 'AwsSolutions-S1' && e.resourceKey === 'policy/Policy')).toBe(false);
    expect(run.rules.length).toBe(cdkNagRules(AWS_SOLUTIONS).length);
  });

  test('a rule that throws (an unresolvable parameter) is an unverified finding, not a pass', () => {
    const f = write('throws/sg.yaml', `Parameters:
  Cidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref Cidr
`);
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    const ec23 = run.findings.find((x) => x.ruleId === 'AwsSolutions-EC23');
    expect(ec23).toMatchObject({ unverified: true, status: 'non-compliant', severity: 'error', resource: { key: 'sg/Sg' }, line: 6 });
    expect(ec23!.message).toMatch(/^Cannot verify: cdk-nag rule AwsSolutions-EC23 threw/);
    expect(run.evaluations).toContainEqual(expect.objectContaining({ ruleId: 'AwsSolutions-EC23', resourceKey: 'sg/Sg', outcome: 'non-compliant' }));
  });

  const REFUSED: [string, unknown, RegExp][] = [
    ['an unsupported intrinsic', { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Foo': 'x' } } } } }, /CfnInclude cannot load it: Unsupported CloudFormation function 'Fn::Foo'/],
    ['a reference cycle', { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'B' } } }, B: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'A' } } } } }, /CfnInclude cannot load it: Found a cycle between resources in the template: A depends on B depends on A/],
    ['a Ref to nothing', { Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Nope' } } } } }, /Element used in Ref expression with logical ID: 'Nope' not found/],
    ['a resource without Type', { Resources: { A: { Properties: {} } } }, /CfnInclude cannot load it: The `type` property is required/],
    ['Fn::Transform (AWS::Include)', { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://x/y' } } } } } }, /Resources\.B\.Properties: Fn::Transform .* cdk-nag cannot see it/],
    ['Fn::ForEach', { Transform: 'AWS::LanguageExtensions', Resources: { 'Fn::ForEach::Topics': ['N', ['a', 'b'], { 'Topic${N}': { Type: 'AWS::SNS::Topic' } }] } }, /Resources\.Fn::ForEach::Topics: Fn::ForEach/],
    ['Properties that are not an object', { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: 'oops' } } }, /Resources\.A: Properties must be an object/],
    ['no resources', { Resources: {} }, /the template has no resources/],
  ];
  test.each(REFUSED)('%s: an input error naming the template and the reason', (name, template, reason) => {
    const f = write(`refused/${name.replace(/\W+/g, '-')}.json`, template);
    const run = runCdkNagPacks([AWS_SOLUTIONS], [{ file: f, template, resources: new Map() }]);
    expect(run).toMatchObject({ loaded: 0, refused: 1, findings: [], evaluations: [] });
    expect(run.inputErrors).toHaveLength(1);
    expect(run.inputErrors[0].file).toBe(f);
    expect(run.inputErrors[0].message).toMatch(/^cdk-nag \(AwsSolutions\) did not check this template: /);
    expect(run.inputErrors[0].message).toMatch(reason);
  });

  test('a property aws-cdk-lib reads differently from the template is an input error on that resource', () => {
    const f = write('shape/sg.json', {
      Resources: {
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'ssh', SecurityGroupIngress: { IpProtocol: 'tcp', CidrIp: '0.0.0.0/0', FromPort: 22, ToPort: 22 } } },
        Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: ['not', 'a', 'string'] } },
      },
    });
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    expect(run.loaded).toBe(1);
    expect(run.inputErrors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Resources\.Sg \(AWS::EC2::SecurityGroup\): aws-cdk-lib does not read its properties as written \(.*securityGroupIngress: .* should be a list\.\); cdk-nag's results for it cannot be trusted$/),
      expect.stringMatching(/^Resources\.Topic \(AWS::SNS::Topic\): .*topicName/),
    ]);
    expect(run.inputErrors.every((e) => e.file === f && e.line !== undefined)).toBe(true);
  });

  test('a policy document written as a JSON string is read as CloudFormation reads it (evasion probe)', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const f = write('string-policy/p.json', { Resources: { P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['r'], PolicyDocument: doc } } } });
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    expect(run.inputErrors).toEqual([]);
    expect(run.findings.filter((x) => x.ruleId === 'AwsSolutions-IAM5').map((x) => x.findingId).sort()).toEqual(['Action::*', 'Resource::*']);
  });

  test('each finding has its own message (cdk-nag keeps one description per rule)', () => {
    const f = write('messages/b.yaml', `Parameters:
  Name: { Type: String }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement: !If [Never, [], !Ref 'AWS::NoValue']
  Other:
    Type: AWS::S3::Bucket
Conditions:
  Never: !Equals [a, b]
`);
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    const s10 = run.findings.filter((x) => x.ruleId === 'AwsSolutions-S10');
    // the first S10 violation is a rule that threw (on Bucket), a later one is plain (Other)
    expect(s10.find((x) => x.resource.key === 'b/Bucket')?.unverified).toBe(true);
    expect(s10.find((x) => x.resource.key === 'b/Other')?.unverified).toBeUndefined();
    for (const x of s10) {
      if (x.unverified) expect(x.message).toMatch(/^Cannot verify: cdk-nag rule AwsSolutions-S10 threw/);
      else expect(x.message).toBe('The S3 Bucket or bucket policy does not require requests to use SSL.');
    }
  });

  test('a nested stack is checked when its template is an input, and an input error when it is not', () => {
    const parent = write('nested/parent.yaml', 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n  Remote:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/b/remote.yaml\n');
    const child = write('nested/child.yaml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n');
    const both = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(parent), templateOf(child)]);
    expect(both.inputErrors).toEqual([{ file: parent, line: 6, message: expect.stringMatching(/^Resources\.Remote \(AWS::CloudFormation::Stack\): cdk-nag did not check this nested stack: its template \(TemplateURL "https:.*remote\.yaml"\) is not a local file$/) }]);
    expect(both.findings.some((x) => x.resource.key === 'child/Bucket')).toBe(true);
    const alone = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(parent)]);
    expect(alone.inputErrors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^Resources\.Child .*its template \.\/child\.yaml is not among the templates read$/));
  });

  test('SAM: AWS::Serverless resources are reported as not checked; the rest of the template is checked', () => {
    const f = write('sam/app.yaml', `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: ., Policies: [AdministratorAccess] }
  Bucket:
    Type: AWS::S3::Bucket
`);
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    expect(run.loaded).toBe(1);
    expect(run.inputErrors).toEqual([{ file: f, message: expect.stringMatching(/did not check 1 resource\(s\) that the AWS::Serverless-2016-10-31 transform expands at deployment: Fn \(AWS::Serverless::Function\)/) }]);
    expect(run.findings.some((x) => x.resource.key === 'app/Bucket' && x.ruleId === 'AwsSolutions-S1')).toBe(true);
  });

  test('a macro transform is an input error (the deployed template is not the one checked)', () => {
    const f = write('macro/t.yaml', 'Transform: [MyMacro]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
    const run = runCdkNagPacks([AWS_SOLUTIONS], [templateOf(f)]);
    expect(run.inputErrors.map((e) => e.message)).toEqual([expect.stringContaining('the transform (macro) "MyMacro"')]);
    expect(run.findings.length).toBeGreaterThan(0);
  });

  test('several packs share one CfnInclude per template; each pack reports under its own source', () => {
    const f = write('multi/policy.json', OPEN_BUCKET_POLICY);
    const packs = ['cdk-nag-aws-solutions', 'cdk-nag-hipaa'].map((id) => cdkNagPackById(id)!);
    const run = runCdkNagPacks(packs, [templateOf(f)]);
    expect(run.loaded).toBe(1);
    expect(new Set(run.findings.map((x) => x.source))).toEqual(new Set(['cdk-nag:AwsSolutions', 'cdk-nag:HIPAA.Security']));
    const hipaa = run.findings.filter((x) => x.source === 'cdk-nag:HIPAA.Security');
    expect(hipaa.every((x) => x.controls.every((c) => c.startsWith('HIPAA:')) && x.controls.length > 0)).toBe(true);
  });
});

describe('check with a cdk-nag pack on raw templates', () => {
  test('our suppressions (secure-constructs metadata and cdk-nag v2 rules_to_suppress) apply to its findings', () => {
    const t = JSON.parse(JSON.stringify(OPEN_BUCKET_POLICY));
    t.Resources.Bucket.Metadata = { 'secure-constructs': { suppressions: [{ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself.' }] } };
    t.Resources.Policy.Metadata = { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5[Action::s3:*]', reason: 'Break-glass policy, reviewed quarterly.' }] } };
    const f = write('suppressed/app.template.json', t);
    const report = check([f], ['cdk-nag-aws-solutions']);
    expect(report.inputErrors).toEqual([]);
    const byId = (id: string, fid?: string) => report.findings.find((x) => x.ruleId === id && x.findingId === fid);
    expect(byId('AwsSolutions-S1')).toMatchObject({ status: 'suppressed', suppression: { reason: 'This is the access-log bucket itself.', source: 'metadata' } });
    expect(byId('AwsSolutions-IAM5', 'Action::s3:*')).toMatchObject({ status: 'suppressed' });
    expect(byId('AwsSolutions-IAM5', 'Resource::*')).toMatchObject({ status: 'non-compliant' });
    expect(report.evaluations).toContainEqual(expect.objectContaining({ ruleId: 'AwsSolutions-S1', resourceKey: 'app/Bucket', outcome: 'suppressed' }));
    expect(report.evaluations).toContainEqual(expect.objectContaining({ ruleId: 'AwsSolutions-IAM5', resourceKey: 'app/Policy', outcome: 'non-compliant' }));
  });

  test('without --pack, cdk-nag does not run on raw templates (our packs only)', () => {
    const f = write('default/app.template.json', OPEN_BUCKET_POLICY);
    const report = check([f], []);
    expect(report.findings.some((x) => x.source.startsWith('cdk-nag:'))).toBe(false);
    expect(report.rules.some((r) => r.source?.startsWith('cdk-nag:'))).toBe(false);
  });

  test('a subset run does not call suppressions of rules it did not run unused', () => {
    const t = JSON.parse(JSON.stringify(OPEN_BUCKET_POLICY));
    t.Resources.Bucket.Metadata = { 'secure-constructs': { suppressions: [{ id: 'aws-s3-access-logging', reason: 'This is the access-log bucket itself.' }] } };
    const f = write('subset/app.template.json', t);
    expect(check([f], ['cdk-nag-aws-solutions']).unusedSuppressions).toEqual([]);
    // the same suppression on a resource our own rule does not flag is unused in a full run
    const t2 = JSON.parse(JSON.stringify(t));
    t2.Resources.Bucket.Metadata['secure-constructs'].suppressions[0].id = 'aws-kms-key-rotation';
    const f2 = write('subset/other.template.json', t2);
    expect(check([f2], []).unusedSuppressions.map((u) => u.id)).toEqual(['aws-kms-key-rotation']);
    expect(check([f2], ['cdk-nag-aws-solutions']).unusedSuppressions).toEqual([]);
  });
});

describe('check with a cdk-nag pack on a cloud assembly', () => {
  function synth(build: (stack: Stack) => void, plugins: (app: App) => void): string {
    const outdir = fs.mkdtempSync(path.join(dir, 'cdkout-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    build(new Stack(app, 'S'));
    plugins(app);
    try {
      app.synth();
    } catch {
      // cdk-nag fails synth on its violations; the report is written first
    }
    return outdir;
  }

  test('CDK leaves a plugin that found nothing out of validation-report.json', () => {
    const outdir = synth((stack) => {
      const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'alias/topics' });
      new sns.CfnTopicPolicy(stack, 'TopicPolicy', {
        topics: [topic.ref],
        policyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      });
    }, (app) => Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app)));
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
    // so "ran and found nothing" looks like "did not run": the pack runs on the templates, and really evaluates
    const checked = check([outdir], ['cdk-nag-aws-solutions']);
    expect(checked.inputErrors).toEqual([]);
    expect(checked.findings.filter((x) => x.status !== 'suppressed')).toEqual([]);
    expect(checked.evaluations).toContainEqual(expect.objectContaining({ ruleId: 'AwsSolutions-SNS3', resourceKey: 'S/Topic', outcome: 'compliant' }));
  });

  test('results already in the validation report are used, not run twice', () => {
    const outdir = synth((stack) => {
      new s3.CfnBucket(stack, 'Bucket');
    }, (app) => Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app)));
    expect(loadCloudAssembly(outdir).externalFindings.some((x) => x.source === 'cdk-nag:AwsSolutions')).toBe(true);
    const report = check([outdir], ['cdk-nag-aws-solutions']);
    const s1 = report.findings.filter((x) => x.ruleId === 'AwsSolutions-S1');
    expect(s1).toHaveLength(1);
    expect(s1[0]).toMatchObject({ resource: { key: 'S/Bucket' }, constructPath: 'S/Bucket' });
    // a run on the templates records evaluations; none are here, so the pack was read from the report only
    expect(report.evaluations.some((e) => e.ruleId.startsWith('AwsSolutions-'))).toBe(false);
    expect(report.inputErrors).toEqual([]);
  });

  test('a selected pack the report has no results of runs on the assembly templates, with construct paths', () => {
    const outdir = synth((stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    }, () => undefined);
    expect(fs.existsSync(path.join(outdir, 'validation-report.json'))).toBe(false);
    const report = check([outdir], ['cdk-nag-aws-solutions']);
    const iam5 = report.findings.filter((x) => x.ruleId === 'AwsSolutions-IAM5');
    expect(iam5.map((x) => x.findingId).sort()).toEqual(['Action::s3:*', 'Resource::*']);
    expect(iam5[0]).toMatchObject({ source: 'cdk-nag:AwsSolutions', constructPath: 'S/Role/DefaultPolicy/Resource', file: path.join(outdir, 'S.template.json') });
    expect(report.evaluations.some((e) => e.ruleId === 'AwsSolutions-IAM5' && e.outcome === 'non-compliant')).toBe(true);
  });

  test('a NestedStack of a cloud assembly is never silently unchecked by a cdk-nag pack', () => {
    const outdir = synth((stack) => {
      const child = new NestedStack(stack, 'Child');
      new s3.CfnBucket(child, 'ChildBucket');
      new s3.CfnBucket(stack, 'ParentBucket');
    }, () => undefined);
    const report = check([outdir], ['cdk-nag-aws-solutions']);
    const childChecked = report.evaluations.some((e) => e.ruleId.startsWith('AwsSolutions-') && /ChildBucket/.test(e.resourceKey));
    const reported = (report.inputErrors ?? []).some((e) => /AWS::CloudFormation::Stack\): cdk-nag did not check this nested stack: its template .*\.nested\.template\.json is not among the templates read/.test(e.message));
    expect(childChecked || reported).toBe(true);
    expect(report.evaluations.some((e) => e.ruleId === 'AwsSolutions-S1' && e.resourceKey === 'S/ParentBucket')).toBe(true);
  });

  test('controls of single-control cdk-nag rules in a validation report are kept (framework filter)', () => {
    const outdir = synth((stack) => {
      new s3.CfnBucket(stack, 'Bucket');
    }, (app) => Validations.of(app).addPlugins(new nag.HIPAASecurityChecks(app)));
    const loaded = loadCloudAssembly(outdir);
    const rules = loaded.externalRules.filter((r) => r.source === 'cdk-nag:HIPAA.Security');
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.controls.length > 0 && r.controls.every((c) => c.startsWith('HIPAA:')))).toBe(true);
    const viaFramework = check([outdir], [], 'HIPAA');
    expect(viaFramework.findings.filter((x) => x.source === 'cdk-nag:HIPAA.Security').length).toBe(loaded.externalFindings.filter((x) => x.source === 'cdk-nag:HIPAA.Security').length);
  });
});
