/**
 * Issue 11 (fail closed on CloudFormation): every evasion the issue lists, from hand-written templates (JSON and the
 * YAML short forms) through the CLI, and from real constructs (NestedStack, escape hatches) through synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Fn, NestedStack, Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { LeastPrivilegeRole } from '../../lib/aws/iam/least-privilege-role';
import { RoleTrust } from '../../lib/aws/iam/role-trust';
import { SecureSecurityGroup } from '../../lib/aws/network/secure-security-group';
import { run } from '../../lib/cli/main';
import { AwsCompliance, FailOn } from '../../lib/compliance/aws-checks';
import { runEngine } from '../../lib/compliance/engine';
import { templateResources } from '../../lib/compliance/loaders/cloudformation';
import { Finding } from '../../lib/compliance/model';
import { AWS_RULES } from '../../lib/compliance/rules';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-fail-closed-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

/** Every open (unsuppressed) finding of our AWS rules on a template: `rule[findingId] logicalId (severity) message`. */
function check(template: object): Finding[] {
  const { resources } = templateResources('t.template.json', 'T', template, new Map());
  return runEngine(AWS_RULES, resources).findings.filter((f) => f.status !== 'suppressed');
}
function ids(findings: readonly Finding[], ruleId?: string): string[] {
  return findings.filter((f) => !ruleId || f.ruleId === ruleId).map((f) => `${f.ruleId}[${f.findingId ?? ''}] ${f.resource.logicalId}${f.unverified ? ' (cannot verify)' : ''}`);
}
function messages(findings: readonly Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => f.message);
}

const sg = (ingress: unknown, extra: object = {}) => ({
  ...extra,
  Resources: {
    // an explicit "no egress" rule (as aws-cdk-lib writes for allowAllOutbound: false): only the ingress is under test
    Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: ingress, SecurityGroupEgress: [{ IpProtocol: 'icmp', FromPort: 252, ToPort: 86, CidrIp: '255.255.255.255/32', Description: 'none' }] } },
    ...((extra as any).Resources ?? {}),
  },
});
const ssh = (cidr: unknown) => ({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: cidr, Description: 'ssh' });
const SG_RULE = 'aws-network-sg-open-ingress';

describe('values written as intrinsics are resolved before they are judged', () => {
  test.each([
    ['Fn::Sub without variables', { 'Fn::Sub': '0.0.0.0/0' }],
    ['Fn::Sub with literal variables', { 'Fn::Sub': ['${A}/${B}', { A: '0.0.0.0', B: '0' }] }],
    ['Fn::Join over literals', { 'Fn::Join': ['', ['0.0.0.0', '/', '0']] }],
    ['Fn::Select over a literal list', { 'Fn::Select': [1, ['10.0.0.0/8', '0.0.0.0/0']] }],
    ['Fn::Select over Fn::Split', { 'Fn::Select': [0, { 'Fn::Split': ['|', '0.0.0.0/0|10.0.0.0/8'] }] }],
    ['Fn::Base64 does not hide it either', { 'Fn::Select': [0, [{ 'Fn::Join': ['', ['0.0.0.0/', '0']] }]] }],
  ])('%s', (_name, cidr) => {
    const f = check(sg([ssh(cidr)]));
    expect(ids(f, SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
    expect(f[0].severity).toBe('error');
  });

  test('Fn::FindInMap over literal keys, and over a pseudo-parameter key (every entry is possible)', () => {
    const mappings = { Mappings: { Net: { 'eu-west-1': { Cidr: '10.0.0.0/8' }, 'us-east-1': { Cidr: '0.0.0.0/0' } } } };
    expect(ids(check(sg([ssh({ 'Fn::FindInMap': ['Net', 'us-east-1', 'Cidr'] })], mappings)), SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
    expect(ids(check(sg([ssh({ 'Fn::FindInMap': ['Net', 'eu-west-1', 'Cidr'] })], mappings)), SG_RULE)).toEqual([]);
    const viaRegion = check(sg([ssh({ 'Fn::FindInMap': ['Net', { Ref: 'AWS::Region' }, 'Cidr'] })], mappings));
    expect(messages(viaRegion, SG_RULE)).toEqual([expect.stringContaining('via Fn::FindInMap Net.us-east-1.Cidr')]);
  });

  test('Ref to a parameter: an insecure Default or AllowedValues entry is a finding that says how it arises', () => {
    const f = check(sg([ssh({ Ref: 'SSHLocation' })], { Parameters: { SSHLocation: { Type: 'String', Default: '0.0.0.0/0' } } }));
    expect(ids(f, SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
    expect(f[0].message).toContain('via parameter SSHLocation default');
    const allowed = check(sg([ssh({ Ref: 'Cidr' })], { Parameters: { Cidr: { Type: 'String', Default: '10.0.0.0/8', AllowedValues: ['10.0.0.0/8', '::/0'] } } }));
    expect(messages(allowed, SG_RULE)).toEqual([expect.stringContaining('via parameter Cidr allowed value "::/0"')]);
  });

  test('a parameter without AllowedValues can be anything at deploy time: "cannot verify", a warning, never compliant', () => {
    const f = check(sg([ssh({ Ref: 'Cidr' })], { Parameters: { Cidr: { Type: 'String', Default: '10.0.0.0/8' } } }));
    expect(ids(f, SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:<parameter Cidr (any value given at deploy time)>] Sg (cannot verify)`]);
    expect(f[0]).toMatchObject({ severity: 'warning', unverified: true, message: expect.stringMatching(/^Cannot verify: /) });
    // with AllowedValues that are all narrow, it is verified and compliant
    expect(check(sg([ssh({ Ref: 'Cidr' })], { Parameters: { Cidr: { Type: 'String', Default: '10.0.0.0/8', AllowedValues: ['10.0.0.0/8', '192.168.0.0/16'] } } }))).toEqual([]);
  });

  test.each([
    ['Fn::ImportValue', { 'Fn::ImportValue': 'Shared-Cidr' }],
    ['Fn::GetAtt of a resource whose attribute is not a property', { 'Fn::GetAtt': ['Sg', 'GroupId'] }],
    ['a dynamic Fn::Sub', { 'Fn::Sub': '${AWS::Region}/0' }],
    ['an SSM parameter', { Ref: 'FromSsm' }],
  ])('an unknown CIDR (%s) is "cannot verify"', (_name, cidr) => {
    const f = check(sg([ssh(cidr)], { Parameters: { FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/net/cidr' } } }));
    expect(f.filter((x) => x.ruleId === SG_RULE).map((x) => [x.severity, x.unverified])).toEqual([['warning', true]]);
  });

  test('Fn::If with one insecure branch: around a value, a list entry, a whole list', () => {
    const conditions = { Parameters: { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } }, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } };
    const value = check(sg([ssh({ 'Fn::If': ['IsProd', '10.0.0.0/8', '0.0.0.0/0'] })], conditions));
    expect(messages(value, SG_RULE)).toEqual([expect.stringContaining('via Fn::If IsProd (false)')]);
    const entry = check(sg([{ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, ssh('0.0.0.0/0')] }], conditions));
    expect(ids(entry, SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
    const list = check(sg({ 'Fn::If': ['IsProd', [ssh('10.0.0.0/8')], [ssh('0.0.0.0/0')]] }, conditions));
    expect(ids(list, SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
    // a condition that is constant prunes the branch that can never be taken
    const constant = check(sg([ssh({ 'Fn::If': ['Never', '0.0.0.0/0', '10.0.0.0/8'] })], { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } }));
    expect(constant).toEqual([]);
  });

  test('Fn::If around a whole policy statement', () => {
    const f = check({
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        P: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ 'Fn::If': ['C', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Ref: 'AWS::NoValue' }] }] } },
        },
      },
    });
    expect(ids(f, 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard[PolicyDocument:statement:0] P']);
    expect(messages(f, 'aws-iam-pass-role-wildcard')[0]).toContain('via Fn::If C (true)');
  });

  test('a single ingress object where CloudFormation expects a list is read as a list of one', () => {
    expect(ids(check(sg(ssh('0.0.0.0/0'))), SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
  });

  test('nested-stack parameters take the value the parent passes (raw templates with a local TemplateURL)', () => {
    file('nested/child.yaml', [
      'Parameters:',
      '  Cidr: { Type: String }',
      'Resources:',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: child',
      '      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr }]',
      '',
    ].join('\n'));
    const parent = file('nested/parent.yaml', [
      'Resources:',
      '  Child:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: ./child.yaml',
      '      Parameters: { Cidr: !Sub "0.0.0.0/0" }',
      '',
    ].join('\n'));
    const r = run(['check', parent, '--format', 'json', '--pack', 'aws']);
    const json = JSON.parse(r.stdout);
    const f = json.findings.filter((x: any) => x.ruleId === SG_RULE);
    expect(f.map((x: any) => [x.resource.key, x.findingId])).toEqual([['parent/Child/Sg', 'tcp:22-22:0.0.0.0/0']]);
    expect(f[0].message).toContain('via parameter Cidr given by parent/Child');
    expect(f[0].file).toBe(path.join(dir, 'nested/child.yaml'));
  });
});

describe('a nested stack whose template is not available offline is an unchecked resource', () => {
  test('TemplateURL on S3 without a local asset: aws-template-unchecked-resource fails the run', () => {
    const t = file('remote-parent.json', JSON.stringify({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/child.json' } } } }));
    const r = run(['check', t, '--format', 'json', '--pack', 'aws']);
    const f = JSON.parse(r.stdout).findings.filter((x: any) => x.ruleId === 'aws-template-unchecked-resource');
    expect(f.map((x: any) => [x.resource.key, x.findingId, x.severity])).toEqual([['remote-parent/Child', 'nested-stack', 'error']]);
    expect(f[0].message).toContain('https://s3.amazonaws.com/bucket/child.json');
    expect(r.exitCode).toBe(1);
  });
});

describe('the YAML short forms of every intrinsic', () => {
  test('!Sub, !Join, !Select, !Split, !FindInMap, !If, !Ref, !GetAtt, !ImportValue', () => {
    const t = file('short.yaml', [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Parameters:',
      '  SSHLocation: { Type: String, Default: 0.0.0.0/0 }',
      '  Env: { Type: String, AllowedValues: [dev, prod] }',
      'Mappings:',
      '  Net: { all: { Cidr: "::/0" } }',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      'Resources:',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: short forms',
      '      SecurityGroupIngress:',
      '        - { IpProtocol: tcp, FromPort: 1, ToPort: 1, CidrIp: !Sub "0.0.0.0/0" }',
      '        - { IpProtocol: tcp, FromPort: 2, ToPort: 2, CidrIp: !Join ["", ["0.0.0.0", "/0"]] }',
      '        - { IpProtocol: tcp, FromPort: 3, ToPort: 3, CidrIp: !Select [0, !Split [",", "0.0.0.0/0,10.0.0.0/8"]] }',
      '        - { IpProtocol: tcp, FromPort: 4, ToPort: 4, CidrIpv6: !FindInMap [Net, all, Cidr] }',
      '        - { IpProtocol: tcp, FromPort: 5, ToPort: 5, CidrIp: !If [IsProd, 10.0.0.0/8, 0.0.0.0/0] }',
      '        - { IpProtocol: tcp, FromPort: 6, ToPort: 6, CidrIp: !Ref SSHLocation }',
      '        - { IpProtocol: tcp, FromPort: 7, ToPort: 7, CidrIp: !GetAtt Vpc.CidrBlock }',
      '        - { IpProtocol: tcp, FromPort: 8, ToPort: 8, CidrIp: !ImportValue Shared-Cidr }',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties: { CidrBlock: 0.0.0.0/0 }',
      '',
    ].join('\n'));
    const r = run(['check', t, '--format', 'json', '--pack', 'aws']);
    const f = JSON.parse(r.stdout).findings.filter((x: any) => x.ruleId === SG_RULE);
    expect(f.map((x: any) => `${x.findingId}${x.unverified ? ' (cannot verify)' : ''}`)).toEqual([
      'tcp:1-1:0.0.0.0/0', 'tcp:2-2:0.0.0.0/0', 'tcp:3-3:0.0.0.0/0', 'tcp:4-4:::/0', 'tcp:5-5:0.0.0.0/0', 'tcp:6-6:0.0.0.0/0', 'tcp:7-7:0.0.0.0/0',
      'tcp:8-8:<Fn::ImportValue Shared-Cidr> (cannot verify)',
    ]);
    expect(r.exitCode).toBe(1);
  });
});

describe('policy documents written as JSON strings', () => {
  test('are parsed and judged like objects; a string that is not JSON is a finding', () => {
    const f = check({
      Resources: {
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }) } },
        K: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' } }) } },
        Bad: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: '{"Statement": [ {"Effect": "Allow", ' } },
        Trust: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) } },
        Secret: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: 'x', ResourcePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) } },
      },
    });
    expect(ids(f, 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard[PolicyDocument:statement:0] P']);
    expect(ids(f, 'aws-kms-key-policy-least-privilege')).toEqual(['aws-kms-key-policy-least-privilege[statement:0] K']);
    expect(ids(f, 'aws-iam-policy-document-valid')).toEqual(['aws-iam-policy-document-valid[PolicyDocument:unreadable] Bad']);
    expect(ids(f, 'aws-iam-role-trust-conditions')).toEqual(['aws-iam-role-trust-conditions[statement:0] Trust']);
    expect(ids(f, 'aws-secrets-resource-policy')).toEqual(['aws-secrets-resource-policy[allow-anyone:0] Secret']);
  });

  test('a JSON string built with Fn::Join / Fn::Sub around references is parsed too', () => {
    const f = check({
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: {} },
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: { 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::${AWS::AccountId}:role/*"}]}' } } },
        Q: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'q', PolicyDocument: { 'Fn::Join': ['', ['{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"', { 'Fn::GetAtt': ['Role', 'Arn'] }, '"}]}']] } } },
      },
    });
    expect(ids(f, 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard[PolicyDocument:statement:0] P']);
  });
});

describe('IAM wildcard semantics', () => {
  const policy = (st: object) => ({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [st] } } } } });
  test.each([
    ['iam:P?ssRole on *', { Effect: 'Allow', Action: 'iam:P?ssRole', Resource: '*' }],
    ['PassRole on role/????', { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/????' }],
    ['PassRole with NotResource', { Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::123456789012:role/admin' }],
    ['NotAction that leaves PassRole in', { Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }],
    ['a lower-case action', { Effect: 'Allow', Action: 'IAM:passrole', Resource: '*' }],
    ['i?m:*', { Effect: 'Allow', Action: 'i?m:*', Resource: 'arn:aws:iam::123456789012:role/*' }],
  ])('%s is flagged', (_n, st) => {
    expect(ids(check(policy(st)), 'aws-iam-pass-role-wildcard')).toEqual(['aws-iam-pass-role-wildcard[PolicyDocument:statement:0] P']);
  });

  test.each([
    ['NotAction that removes PassRole', { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }],
    ['an exact role', { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app' }],
    ['a Deny', { Effect: 'Deny', Action: 'iam:P?ssRole', Resource: '*' }],
  ])('%s is not', (_n, st) => {
    expect(ids(check(policy(st)), 'aws-iam-pass-role-wildcard')).toEqual([]);
  });

  test('NotPrincipal with Allow in a key policy is everyone', () => {
    const f = check({ Resources: { K: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/x' }, Action: 'kms:Decrypt', Resource: '*' }] } } } } });
    expect(ids(f, 'aws-kms-key-policy-least-privilege')).toEqual(['aws-kms-key-policy-least-privilege[statement:0] K']);
  });

  test('a trust policy on "*" is narrowed only by conditions that bind the caller', () => {
    const trust = (cond?: object) => ({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', ...(cond ? { Condition: cond } : {}) }] } } } } });
    const flagged = (cond?: object) => ids(check(trust(cond)), 'aws-iam-role-trust-conditions').length > 0;
    expect(flagged()).toBe(true);
    expect(flagged({ Bool: { 'aws:SecureTransport': 'true' } })).toBe(true);
    expect(flagged({ StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } })).toBe(true);
    expect(flagged({ StringEqualsIfExists: { 'sts:ExternalId': 'abc' } })).toBe(true);
    expect(flagged({ StringLike: { 'aws:PrincipalArn': '*' } })).toBe(true);
    expect(flagged({ ForAllValues: { 'aws:PrincipalOrgID': 'o-abc' } })).toBe(true);
    expect(flagged({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } })).toBe(false);
    expect(flagged({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } })).toBe(false);
    expect(flagged({ StringEquals: { 'sts:ExternalId': 'shared-secret' } })).toBe(false);
    expect(flagged({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' } })).toBe(false);
    expect(flagged({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:ref:refs/heads/main' } })).toBe(false);
  });

  test('a secret resource policy that allows {"AWS": "*"} is flagged on the policy itself, whatever the denies say', () => {
    const f = check({
      Resources: {
        S: { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1' } },
        P: {
          Type: 'AWS::SecretsManager::ResourcePolicy',
          Properties: {
            SecretId: { Ref: 'S' },
            ResourcePolicy: {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
                { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
                { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } } },
              ],
            },
          },
        },
      },
    });
    expect(ids(f, 'aws-secrets-resource-policy')).toEqual(['aws-secrets-resource-policy[allow-anyone:0] P']);
  });
});

describe('lenient comparisons: read values the way CloudFormation does', () => {
  const method = (auth: unknown) => ({ Resources: { M: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: 'GET', ResourceId: 'r', RestApiId: 'a', AuthorizationType: auth } } } });
  test.each([['none'], ['None'], [null], ['NONE'], ['bogus']])('AuthorizationType %j is not authorized', (auth) => {
    expect(ids(check(method(auth)), 'aws-edge-apigw-method-authorization')).toEqual(['aws-edge-apigw-method-authorization[method:GET] M']);
  });
  test('aws_iam in any case is authorized', () => {
    expect(ids(check(method('aws_iam')), 'aws-edge-apigw-method-authorization')).toEqual([]);
  });
  test.each(['aws/secretsmanager', 'alias/aws/secretsmanager', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager', 'ALIAS/AWS/SECRETSMANAGER'])('KmsKeyId %s is the AWS managed key', (k) => {
    const f = check({ Resources: { S: { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: k } } } });
    expect(ids(f, 'aws-secrets-cmk-encryption')).toEqual(['aws-secrets-cmk-encryption[KmsKeyId] S']);
  });
  test('null is unset: a null KmsKeyId is no key, a null rotation flag is no rotation', () => {
    const f = check({ Resources: { L: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: null, RetentionInDays: 365 }, DeletionPolicy: 'Retain' }, K: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: null } } } });
    expect(ids(f, 'aws-logs-log-group-encrypted')).toEqual(['aws-logs-log-group-encrypted[] L']);
    expect(ids(f, 'aws-kms-key-rotation')).toEqual(['aws-kms-key-rotation[] K']);
  });
  test('protocols and booleans in any case', () => {
    expect(ids(check(sg([{ IpProtocol: 'TCP', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }])), SG_RULE)).toEqual([`${SG_RULE}[tcp:22-22:0.0.0.0/0] Sg`]);
    const trail = (v: unknown) => ({ Resources: { T: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, IsMultiRegionTrail: v, EnableLogFileValidation: true } } } });
    expect(ids(check(trail('True')), 'aws-audit-cloudtrail-multi-region')).toEqual([]);
    expect(ids(check(trail('false')), 'aws-audit-cloudtrail-multi-region')).toEqual(['aws-audit-cloudtrail-multi-region[] T']);
  });
});

describe('templates are recognized by their structure, not their name or first bytes', () => {
  const template = { Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [ssh('0.0.0.0/0')] } } } };
  test('an indented JSON template, and a YAML template whose Resources come after 8 KB of header', () => {
    const indented = file('indented.json', `\n\n    ${JSON.stringify(template, null, 8).split('\n').join('\n    ')}\n`);
    expect(run(['check', indented, '--pack', 'aws'])).toMatchObject({ exitCode: 1, stdout: expect.stringContaining(SG_RULE) });
    const long = file('long.yaml', `Description: >-\n  ${'x'.repeat(9000)}\nMetadata:\n  Note: "${'y'.repeat(2000)}"\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]\n`);
    expect(run(['check', long, '--pack', 'aws'])).toMatchObject({ exitCode: 1, stdout: expect.stringContaining(SG_RULE) });
  });

  test('a Kubernetes Pod named *.template.yaml, or with a "Resources" annotation, is read as Kubernetes', () => {
    const pod = file('pod.template.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers: [{ name: c, image: nginx }]\n');
    const r = run(['check', pod, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.findings.some((f: any) => f.ruleId === 'k8s-pss-host-namespaces')).toBe(true);
    const annotated = file('annotated.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q', annotations: { Resources: '{"A":{"Type":"AWS::S3::Bucket"}}' } }, spec: { hostPID: true, containers: [{ name: 'c', image: 'nginx' }] } }));
    const j2 = JSON.parse(run(['check', annotated, '--format', 'json']).stdout);
    expect(j2.findings.some((f: any) => f.ruleId === 'k8s-pss-host-namespaces')).toBe(true);
  });

  test('a duplicate key (JSON or YAML) is an input error naming the line, whichever value a tool would keep', () => {
    const json = file('dup.json', '{\n "Resources": {\n  "Sg": {\n   "Type": "AWS::EC2::SecurityGroup",\n   "Properties": {\n    "GroupDescription": "x",\n    "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",\n     "CidrIp": "10.0.0.0/8" }]\n   }\n  }\n }\n}\n');
    expect(run(['check', json])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/dup\.json:8: duplicate key "CidrIp"/) });
    const escaped = file('dup-escaped.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "\\u0041": {"Type": "AWS::S3::Bucket"}}}');
    expect(run(['check', escaped])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('duplicate key "A"') });
    const yaml = file('dup.yaml', 'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, CidrIp: 10.0.0.0/8 }\n');
    expect(run(['check', yaml])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/dup\.yaml:7:\d+: invalid YAML: Map keys must be unique/) });
  });

  test('a file named like a template that has no resource CloudFormation would accept is an input error', () => {
    const empty = file('empty.template.json', JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }));
    expect(run(['check', empty])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('empty.template.json') });
    const noType = file('notype.template.yaml', 'Resources:\n  A:\n    Properties: {}\n');
    expect(run(['check', noType]).exitCode).toBe(2);
  });
});

describe('NestedStacks are checked at synth and by check cdk.out, with the nested construct path', () => {
  function nestedApp(outdir: string, failOn: FailOn) {
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Parent', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const child = new NestedStack(stack, 'Child');
    const open = new ec2.SecurityGroup(child, 'Open', { vpc, allowAllOutbound: false });
    open.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    AwsCompliance.enable(app, { failOn, cdkNagPacks: false });
    return app;
  }

  test('AwsCompliance.enable fails synth on an open security group inside a NestedStack', () => {
    const outdir = fs.mkdtempSync(path.join(dir, 'ns-'));
    expect(() => nestedApp(outdir, FailOn.ERROR).synth()).toThrow(/Security groups do not allow ingress[\s\S]*Parent\/Child\/Open\/Resource/);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const ours = report.pluginReports.find((p: any) => p.pluginName === 'secure-constructs');
    const sgViolation = ours.violations.find((v: any) => v.ruleName === SG_RULE);
    expect(sgViolation.violatingConstructs.map((c: any) => c.constructPath)).toEqual(['Parent/Child/Open/Resource']);
  });

  test('secure-constructs check cdk.out reports it with the nested construct path and file', () => {
    const outdir = fs.mkdtempSync(path.join(dir, 'ns-'));
    nestedApp(outdir, FailOn.NEVER).synth();
    const r = run(['check', outdir, '--format', 'json', '--pack', 'aws']);
    const f = JSON.parse(r.stdout).findings.filter((x: any) => x.ruleId === SG_RULE);
    expect(f.map((x: any) => [x.constructPath, x.findingId, path.basename(x.file)])).toEqual([['Parent/Child/Open/Resource', 'tcp:22-22:0.0.0.0/0', expect.stringMatching(/\.nested\.template\.json$/)]]);
    expect(r.exitCode).toBe(1);
    // giving the nested template next to its parent does not check it twice
    const files = fs.readdirSync(outdir).filter((n) => n.endsWith('.template.json')).map((n) => path.join(outdir, n));
    const twice = JSON.parse(run(['check', ...files, '--format', 'json', '--pack', 'aws']).stdout).findings.filter((x: any) => x.ruleId === SG_RULE);
    expect(twice).toHaveLength(1);
  });
});

describe('constructs refuse insecure values written as intrinsics', () => {
  const stack = () => new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  test('SecureSecurityGroup: SSH is never allowed, not even with Peer.ipv4(Fn.sub("0.0.0.0/0")) or a parameter default', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const g = new SecureSecurityGroup(s, 'Sg', { vpc });
    expect(() => g.allowIngress({ peer: ec2.Peer.ipv4(Fn.sub('0.0.0.0/0')), port: ec2.Port.tcp(22), description: 'ssh' }))
      .toThrow(/S\/Sg[\s\S]*allowIngress\.port: opens high-risk port\(s\) 22 to 0\.0\.0\.0\/0 \(the value is written as an intrinsic and can be 0\.0\.0\.0\/0 \(via Fn::Sub\)\)/);
    const p = new CfnParameter(s, 'SSHLocation', { default: '0.0.0.0/0' });
    expect(() => g.allowIngress({ peer: ec2.Peer.ipv4(p.valueAsString), port: ec2.Port.tcp(22), description: 'ssh' })).toThrow(/via parameter SSHLocation default/);
    expect(() => g.allowIngress({ peer: ec2.Peer.ipv4(Fn.importValue('Shared-Cidr')), port: ec2.Port.tcp(22), description: 'ssh' })).toThrow(/not known before deployment/);
    // the VPC's own CIDR is resolved (GetAtt Vpc.CidrBlock is its CidrBlock property) and allowed
    expect(() => g.allowIngress({ peer: ec2.Peer.ipv4(vpc.vpcCidrBlock), port: ec2.Port.tcp(22), description: 'ssh from the VPC' })).not.toThrow();
  });

  test('LeastPrivilegeRole: PassRole on a wildcard written as an intrinsic, or with "?", is refused', () => {
    const s = stack();
    const assumedBy = RoleTrust.service('lambda.amazonaws.com');
    expect(() => new LeastPrivilegeRole(s, 'A', { assumedBy, statements: [{ actions: ['iam:PassRole'], resources: [Fn.sub('arn:aws:iam::${AWS::AccountId}:role/*')] }] })).toThrow(/wildcard resource for iam:PassRole/);
    expect(() => new LeastPrivilegeRole(s, 'B', { assumedBy, statements: [{ actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/????'] }] })).toThrow(/wildcard resource for iam:PassRole/);
    const role = new iam.Role(s, 'Target', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(() => new LeastPrivilegeRole(s, 'C', { assumedBy, statements: [{ actions: ['iam:PassRole'], resources: [role.roleArn] }] })).not.toThrow();
  });
});

describe('"cannot verify" is a warning by default and can fail the run', () => {
  const imported = () => file('imported.template.json', JSON.stringify(sg([ssh({ 'Fn::ImportValue': 'Shared-Cidr' })])));
  test('the CLI: exit 0 at --fail-on error, 1 with --fail-on warning or --unverified error', () => {
    const t = imported();
    const plain = run(['check', t, '--pack', 'aws', '--format', 'json']);
    expect(plain.exitCode).toBe(0);
    expect(JSON.parse(plain.stdout).summary).toMatchObject({ unverified: 1, passed: true });
    expect(run(['check', t, '--pack', 'aws', '--fail-on', 'warning']).exitCode).toBe(1);
    const strict = run(['check', t, '--pack', 'aws', '--unverified', 'error']);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain('UNVERIFIED');
    expect(run(['check', t, '--unverified', 'fatal']).exitCode).toBe(2);
  });

  test('AwsCompliance.enable({ failOnUnverified: true }) fails synth on it', () => {
    const build = (failOnUnverified: boolean) => {
      const app = new App({ outdir: fs.mkdtempSync(path.join(dir, 'unv-')), builtinCloudFormationValidation: false });
      const s = new Stack(app, 'S');
      new ec2.CfnSecurityGroup(s, 'Sg', { groupDescription: 'x', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: Fn.importValue('Shared-Cidr') }] });
      AwsCompliance.enable(app, { cdkNagPacks: false, failOnUnverified, failOn: FailOn.ERROR });
      return app;
    };
    expect(() => build(false).synth()).not.toThrow();
    expect(() => build(true).synth()).toThrow(/Security groups do not allow ingress[\s\S]*cannot verify/);
  });
});

describe('escape hatches cannot slip an intrinsic past the pack', () => {
  test('addPropertyOverride with Fn::Sub, a parameter default or a JSON-string policy is flagged at synth', () => {
    const outdir = fs.mkdtempSync(path.join(dir, 'hatch-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const s = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const g = new SecureSecurityGroup(s, 'Sg', { vpc });
    g.allowIngress({ peer: ec2.Peer.ipv4('10.0.0.0/16'), port: ec2.Port.tcp(22), description: 'ssh from the VPC' });
    (g.securityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.0.CidrIp', { 'Fn::Sub': '0.0.0.0/0' });
    const p = new CfnParameter(s, 'Anywhere', { default: '::/0' });
    (g.securityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.1', { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv6: p.valueAsString });
    const policy = new iam.CfnManagedPolicy(s, 'Policy', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }] } });
    policy.addPropertyOverride('PolicyDocument', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }));
    AwsCompliance.enable(app, { failOn: FailOn.NEVER, cdkNagPacks: false });
    app.synth();
    const r = JSON.parse(run(['check', outdir, '--format', 'json', '--pack', 'aws']).stdout);
    const open = r.findings.filter((f: any) => f.status === 'non-compliant').map((f: any) => `${f.ruleId}[${f.findingId ?? ''}]`);
    expect(open).toEqual(expect.arrayContaining([
      'aws-network-sg-open-ingress[tcp:22-22:0.0.0.0/0]',
      'aws-network-sg-open-ingress[tcp:3389-3389:::/0]',
      'aws-iam-pass-role-wildcard[PolicyDocument:statement:0]',
    ]));
    const viaParam = r.findings.find((f: any) => f.findingId === 'tcp:3389-3389:::/0');
    expect(viaParam.message).toContain('via parameter Anywhere default');
  });
});

describe('Kubernetes objects CloudFormation applies to EKS are checked as Kubernetes objects', () => {
  test('a privileged Pod in a Custom::AWSCDK-EKS-KubernetesResource Manifest is a Kubernetes finding on the template', () => {
    const head = '[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"debug","namespace":"shop","annotations":{"role":"';
    const tail = '"}},"spec":{"containers":[{"name":"sh","image":"busybox","securityContext":{"privileged":true}}]}}]';
    const t = file('eks-manifest.template.json', JSON.stringify({
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: {} },
        M: {
          Type: 'Custom::AWSCDK-EKS-KubernetesResource',
          // written with Fn::Join around a role ARN, as aws-cdk-lib does
          Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:kubectl', ClusterName: 'c', Manifest: { 'Fn::Join': ['', [head, { 'Fn::GetAtt': ['Role', 'Arn'] }, tail]] } },
        },
      },
    }));
    const r = JSON.parse(run(['check', t, '--format', 'json']).stdout);
    const priv = r.findings.filter((f: any) => f.ruleId === 'k8s-pss-privileged');
    expect(priv.map((f: any) => [f.resource.key, f.findingId, path.basename(f.file)])).toEqual([['eks-manifest/M:Pod/shop/debug', 'container:sh', 'eks-manifest.template.json']]);
  });
});
