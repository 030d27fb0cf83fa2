import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../../../../lib/cli/main';
import { runEngine } from '../../../../../lib/compliance/engine';
import { loadTemplateFile, templateResources } from '../../../../../lib/compliance/loaders/cloudformation';
import { InputError } from '../../../../../lib/compliance/loaders/errors';
import { CheckReport, Finding } from '../../../../../lib/compliance/model';
import { AWS_RULES } from '../../../../../lib/compliance/rules/aws';
import { AWS_TEMPLATE_UNCHECKED_RESOURCE } from '../../../../../lib/compliance/rules/aws/template/unchecked-resource';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'cfn', 'sam');
const fixture = (name: string) => path.join(FIXTURES, name);

function check(file: string): CheckReport {
  const loaded = loadTemplateFile(file);
  expect(loaded.problems).toEqual([]);
  return runEngine(AWS_RULES, loaded.resources, { declaredSuppressions: loaded.declaredSuppressions });
}
/** `rule logicalId` of the open findings of another area's rule (its finding ids are that area's business). */
function flagged(report: CheckReport, ruleId: string): string[] {
  return [...new Set(report.findings.filter((f) => f.status === 'non-compliant' && f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.resource.logicalId}`))];
}
/** `ruleId[findingId] logicalId` of open findings (or of one rule's). */
function open(report: CheckReport, ruleId?: string): string[] {
  return report.findings
    .filter((f: Finding) => f.status === 'non-compliant' && (!ruleId || f.ruleId === ruleId))
    .map((f) => `${f.ruleId}[${f.findingId ?? ''}] ${f.resource.logicalId ?? f.resource.name}`);
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sam-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}
const SAM = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

describe('aws-template-unchecked-resource', () => {
  test('metadata: error, dispatched on the @unchecked trait', () => {
    expect(AWS_TEMPLATE_UNCHECKED_RESOURCE.severity).toBe('error');
    expect(AWS_TEMPLATE_UNCHECKED_RESOURCE.appliesTo).toEqual(['@unchecked']);
    expect(AWS_TEMPLATE_UNCHECKED_RESOURCE.remediation).toMatch(/sam build/);
  });

  test('every unsupported SAM type is reported on the resource, with its reason; supported ones are not', () => {
    const report = check(fixture('unsupported-types.yaml'));
    expect(open(report, 'aws-template-unchecked-resource').sort()).toEqual([
      'aws-template-unchecked-resource[type:AWS::Serverless::Application] App',
      'aws-template-unchecked-resource[type:AWS::Serverless::Connector] Link',
      'aws-template-unchecked-resource[type:AWS::Serverless::GraphQLApi] Graph',
      'aws-template-unchecked-resource[type:AWS::Serverless::LayerVersion] Layer',
      'aws-template-unchecked-resource[type:AWS::Serverless::StateMachine] Machine',
    ]);
    const f = report.findings.find((x) => x.resource.logicalId === 'Machine')!;
    expect(f).toMatchObject({ severity: 'error', file: fixture('unsupported-types.yaml'), line: 4 });
    expect(f.message).toMatch(/AWS::Serverless::StateMachine is not expanded.*IAM roles/);
  });

  test('probe: an inline policy allowing * on * is flagged by the IAM rules on the generated role', () => {
    const report = check(fixture('probe-star-policy.yaml'));
    expect(flagged(report, 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard AdminRole']);
    const f = report.findings.find((x) => x.ruleId === 'aws-iam-pass-role-wildcard')!;
    expect(f).toMatchObject({ resource: { type: 'AWS::IAM::Role', key: 'probe-star-policy/AdminRole' }, line: 5 });
    expect(open(report, 'aws-template-unchecked-resource')).toEqual([]);
  });

  test('probe: a policy template with an unknown name makes the role unchecked (error); the known one is expanded', () => {
    const report = check(fixture('probe-unknown-policy-template.yaml'));
    expect(open(report, 'aws-template-unchecked-resource')).toEqual(['aws-template-unchecked-resource[policy-template:S3EverythingPolicy] ReaderRole']);
  });

  test('probe: Transform [SAM, SomeMacro] expands SAM and reports the macro on the template', () => {
    const report = check(fixture('probe-macro-after-sam.yaml'));
    expect(open(report, 'aws-template-unchecked-resource')).toEqual(['aws-template-unchecked-resource[transform:SomeMacro] (template)']);
    expect(report.findings.some((f) => f.resource.logicalId === 'FnRole')).toBe(true);
  });

  test('probe: Fn::Transform deep inside a plain resource and inside a SAM function; the SAM function is not expanded', () => {
    const report = check(fixture('probe-fn-transform-deep.yaml'));
    expect(open(report, 'aws-template-unchecked-resource').sort()).toEqual([
      'aws-template-unchecked-resource[fn-transform] Fn',
      'aws-template-unchecked-resource[fn-transform] Role',
    ]);
    const fn = report.findings.find((f) => f.resource.logicalId === 'Fn' && f.ruleId === 'aws-template-unchecked-resource')!;
    expect(fn.resource.type).toBe('AWS::Serverless::Function');
    expect(fn.message).toMatch(/AWS::Include at Properties\.Policies\[0\].*SAM resource was not expanded/);
    const role = report.findings.find((f) => f.resource.logicalId === 'Role' && f.ruleId === 'aws-template-unchecked-resource')!;
    expect(role.message).toMatch(/Policies\[0\]\.PolicyDocument\.Statement\[0\]\.Resource\.Fn::If\[1\]/);
  });

  test('probe: AWS::Include as the template transform is reported on the template', () => {
    expect(open(check(fixture('probe-include.yaml')), 'aws-template-unchecked-resource')).toEqual(['aws-template-unchecked-resource[transform:AWS::Include] (template)']);
  });

  test('probe: a SAM type in a template without the SAM transform is an input error naming the file and line', () => {
    const file = fixture('probe-sam-without-transform.yaml');
    expect(() => loadTemplateFile(file)).toThrow(InputError);
    expect(() => loadTemplateFile(file)).toThrow(/probe-sam-without-transform\.yaml:3: resource Fn is AWS::Serverless::Function, but the template does not declare "Transform: AWS::Serverless-2016-10-31"/);
    const r = run(['check', file]);
    expect(r.exitCode).toBe(2);
  });

  test('probe: Globals that set a weak value are checked on every resource they reach', () => {
    const report = check(fixture('probe-globals-weak.yaml'));
    expect(flagged(report, 'aws-edge-apigw-no-data-trace')).toEqual(['aws-edge-apigw-no-data-trace ServerlessRestApiProdStage']);
    // the trust policy set in Globals (anyone may assume the role) reaches the generated role
    expect(flagged(report, 'aws-iam-role-trust-conditions')).toEqual(['aws-iam-role-trust-conditions FnRole']);
    expect(check(fixture('probe-globals-weak.yaml')).findings.find((f) => f.ruleId === 'aws-iam-role-trust-conditions')!.message).toMatch(/\*/);
  });

  test('probe: YAML short forms are copied through into the generated resources', () => {
    const loaded = loadTemplateFile(fixture('probe-short-forms.yaml'));
    const role = loaded.resources.find((r) => r.logicalId === 'FnRole')!;
    expect(role.body.Properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess' },
      'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
    ]);
    expect(role.body.Properties.Policies[0].PolicyDocument.Statement[0].Resource[0]['Fn::Sub'][1]).toEqual({ tableName: { Ref: 'Table' } });
    const mapping = loaded.resources.find((r) => r.logicalId === 'FnStream')!;
    expect(mapping.body.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': ['Table', 'StreamArn'] });
    const report = runEngine(AWS_RULES, loaded.resources);
    expect(flagged(report, 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard FnRole']);
  });
});

describe('suppressions declared on the SAM resource', () => {
  const template = (suppressions: string) => `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Metadata:
      secure-constructs:
        suppressions:
${suppressions}
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - { Effect: Allow, Action: '*', Resource: '*' }
        - NotATemplate: {}
`;

  test('apply to every resource generated from it, and one used suppression is not reported unused elsewhere', () => {
    const f = write('suppressed.yaml', template(`          - id: aws-iam-pass-role-wildcard
            reason: The admin function is a break-glass tool reviewed quarterly
          - id: aws-template-unchecked-resource[policy-template:NotATemplate]
            reason: The template is provided by our own macro, checked in its repository`));
    const report = check(f);
    const suppressed = report.findings.filter((x) => x.status === 'suppressed').map((x) => `${x.ruleId} ${x.resource.logicalId}`).sort();
    expect(suppressed).toEqual(['aws-iam-pass-role-wildcard FnRole', 'aws-template-unchecked-resource FnRole']);
    expect(report.unusedSuppressions).toEqual([]);
  });

  test('a suppression without a reason is a problem, and the finding stays open', () => {
    const f = write('bad-reason.yaml', template(`          - id: aws-iam-pass-role-wildcard
            reason: short`));
    const loaded = loadTemplateFile(f);
    expect(loaded.problems.join('\n')).toMatch(/reason/);
    expect(flagged(runEngine(AWS_RULES, loaded.resources), 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard FnRole']);
  });

  test('template-level findings are suppressible in the template Metadata', () => {
    const f = write('macro.yaml', `AWSTemplateFormatVersion: '2010-09-09'
Transform: [AWS::Serverless-2016-10-31, Inventory]
Metadata:
  secure-constructs:
    suppressions:
      - id: aws-template-unchecked-resource[transform:Inventory]
        reason: The Inventory macro only adds tags; reviewed in SEC-123
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
`);
    const report = check(f);
    expect(report.findings.filter((x) => x.ruleId === 'aws-template-unchecked-resource').map((x) => x.status)).toEqual(['suppressed']);
  });
});

describe('the CLI fails the run on unchecked resources', () => {
  // a compliant log group next to the table, so that some rule evaluates the good template (a run that evaluates
  // nothing is an input error, exit 2)
  const table = `  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      SSESpecification: { SSEEnabled: true }
  Logs:
    Type: AWS::Logs::LogGroup
    DeletionPolicy: Retain
    Properties:
      RetentionInDays: 365
      KmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1
`;
  test('--fail-on error: exit 1 with an unexpanded resource, 0 without it or when it is suppressed with a reason', () => {
    const bad = write('bad.template.yaml', `${SAM}Resources:\n${table}  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm.json\n`);
    const r = run(['check', '--fail-on', 'error', bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('aws-template-unchecked-resource');
    expect(r.stdout).toContain('AWS::Serverless::StateMachine is not expanded');
    const good = write('good.template.yaml', `${SAM}Resources:\n${table}`);
    expect(run(['check', '--fail-on', 'error', good]).exitCode).toBe(0);
    const suppressed = write('suppressed.template.yaml', `${SAM}Resources:\n${table}  Machine:\n    Type: AWS::Serverless::StateMachine\n    Metadata:\n      secure-constructs:\n        suppressions:\n          - id: aws-template-unchecked-resource\n            reason: The state machine is checked by the workflow team's pipeline\n    Properties:\n      DefinitionUri: sm.json\n`);
    expect(run(['check', '--fail-on', 'error', suppressed]).exitCode).toBe(0);
  });

  test('a warning-level note (a managed policy name SAM resolves at deploy time) does not fail at --fail-on error but does at warning', () => {
    const f = write('named.template.yaml', `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Metadata:
      secure-constructs:
        suppressions:
          - { id: aws-iam-role-trust-conditions, reason: The Lambda service principal is scoped by the function itself }
          - { id: aws-iam-role-permissions-boundary, reason: Boundaries are attached by the account baseline }
    Properties: { Runtime: python3.12, Handler: app.handler, CodeUri: src/, Policies: [SomeTeamManagedPolicy] }
`);
    const report = check(f);
    const note = report.findings.find((x) => x.ruleId === 'aws-template-unchecked-resource')!;
    expect(note).toMatchObject({ severity: 'warning', unverified: true, findingId: 'managed-policy:SomeTeamManagedPolicy', resource: { logicalId: 'FnRole' } });
    expect(run(['check', '--fail-on', 'error', f]).exitCode).toBe(0);
    expect(run(['check', '--fail-on', 'warning', f]).exitCode).toBe(1);
  });
});

test('templateResources of a plain template is unchanged by the expansion (same bodies, no traits)', () => {
  const t = { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'x' } } } };
  const { resources } = templateResources('t.json', 't', t, new Map([['B', 3]]));
  expect(resources).toHaveLength(1);
  expect(resources[0].body).toBe(t.Resources.B);
  expect(resources[0].traits).toBeUndefined();
  expect(resources[0].line).toBe(3);
});
