import { ABSENT, CfnScope, Choice, containsUnknown, display, expand, resolve, scopeOf, tokenKind, tokensOf } from '../../../lib/compliance/values/cfn-resolve';

function scope(t: object = {}): CfnScope {
  return scopeOf({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } }, ...t });
}

/** The concrete alternatives of a value as [value, via] pairs, tokens shown readably. */
function alts(node: unknown, s: CfnScope = scope()): [string, string][] {
  return expand(resolve(node, s)).map((a) => [display(a.value), a.via.join(', ')]);
}

describe('value resolution: literals written as intrinsics', () => {
  test.each([
    [{ 'Fn::Sub': '0.0.0.0/0' }, '0.0.0.0/0'],
    [{ 'Fn::Sub': ['${A}.0.0.0/${B}', { A: '0', B: 0 }] }, '0.0.0.0/0'],
    [{ 'Fn::Join': ['', ['0.0.', '0.0', '/0']] }, '0.0.0.0/0'],
    [{ 'Fn::Join': ['.', ['0', '0', '0', { 'Fn::Sub': '0/0' }]] }, '0.0.0.0/0'],
    [{ 'Fn::Select': [1, ['10.0.0.0/8', '0.0.0.0/0']] }, '0.0.0.0/0'],
    [{ 'Fn::Select': ['0', { 'Fn::Split': [',', '0.0.0.0/0,10.0.0.0/8'] }] }, '0.0.0.0/0'],
    [{ 'Fn::Base64': 'hi' }, 'aGk='],
    [{ 'Fn::Sub': 'a ${!Literal} b' }, 'a ${Literal} b'],
    [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, '10.0.0.0/16'],
    [{ 'Fn::GetAtt': 'Vpc.CidrBlock' }, '10.0.0.0/16'],
    [{ 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] }, '10.0.0.0/24'],
    [{ 'Fn::Select': [1, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] }, '10.0.1.0/24'],
    [{ 'Fn::Select': [0, { 'Fn::Cidr': ['2001:db8::/56', 1, 64] }] }, '2001:db8::/64'],
  ])('%j is %s', (node, value) => {
    expect(alts(node).map((a) => a[0])).toEqual([value]);
  });

  test('a literal reached through Fn::Sub says so', () => {
    expect(alts({ 'Fn::Sub': '0.0.0.0/0' })).toEqual([['0.0.0.0/0', 'Fn::Sub']]);
  });
});

describe('value resolution: parameters, mappings, conditions', () => {
  const t = {
    Parameters: {
      SSHLocation: { Type: 'String', Default: '0.0.0.0/0' },
      Narrow: { Type: 'String', Default: '10.0.0.0/8' },
      Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
      Only: { Type: 'String', AllowedValues: ['a'] },
      Nets: { Type: 'CommaDelimitedList', Default: '10.0.0.0/8,0.0.0.0/0' },
      FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cidr' },
    },
    Mappings: { Region: { 'eu-west-1': { Cidr: '10.0.0.0/8' }, 'us-east-1': { Cidr: '0.0.0.0/0' } } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      Never: { 'Fn::Equals': ['a', 'b'] },
      Always: { 'Fn::Not': [{ Condition: 'Never' }] },
    },
  };
  const s = () => scope(t);

  test('Ref to a parameter: its default and "any value at deploy time" without AllowedValues', () => {
    expect(alts({ Ref: 'SSHLocation' }, s())).toEqual([
      ['0.0.0.0/0', 'parameter SSHLocation default'],
      ['<parameter SSHLocation (any value given at deploy time)>', 'parameter SSHLocation given at deploy time'],
    ]);
  });

  test('AllowedValues are exhaustive', () => {
    expect(alts({ Ref: 'Env' }, s())).toEqual([['dev', 'parameter Env default'], ['prod', 'parameter Env allowed value "prod"']]);
    expect(alts({ Ref: 'Only' }, s())).toEqual([['a', 'parameter Only allowed value "a"']]);
  });

  test('list parameters split, SSM parameters are unknown', () => {
    expect(alts({ 'Fn::Select': [1, { Ref: 'Nets' }] }, s())[0]).toEqual(['0.0.0.0/0', 'parameter Nets default, Fn::Select']);
    const ssm = expand(resolve({ Ref: 'FromSsm' }, s()));
    expect(ssm).toHaveLength(1);
    expect(containsUnknown(ssm[0].value)).toBe(true);
  });

  test('Fn::FindInMap over a pseudo-parameter key yields every entry', () => {
    expect(alts({ 'Fn::FindInMap': ['Region', { Ref: 'AWS::Region' }, 'Cidr'] }, s())).toEqual([
      ['10.0.0.0/8', 'Fn::FindInMap Region.eu-west-1.Cidr'],
      ['0.0.0.0/0', 'Fn::FindInMap Region.us-east-1.Cidr'],
    ]);
    expect(alts({ 'Fn::FindInMap': ['Region', 'eu-west-1', 'Cidr'] }, s())).toEqual([['10.0.0.0/8', 'Fn::FindInMap Region.eu-west-1.Cidr']]);
  });

  test('Fn::If yields both branches unless the condition is constant', () => {
    expect(alts({ 'Fn::If': ['IsProd', '10.0.0.0/8', '0.0.0.0/0'] }, s())).toEqual([
      ['10.0.0.0/8', 'Fn::If IsProd (true)'],
      ['0.0.0.0/0', 'Fn::If IsProd (false)'],
    ]);
    expect(alts({ 'Fn::If': ['Never', '0.0.0.0/0', '10.0.0.0/8'] }, s())).toEqual([['10.0.0.0/8', '']]);
    expect(alts({ 'Fn::If': ['Always', '10.0.0.0/8', '0.0.0.0/0'] }, s())).toEqual([['10.0.0.0/8', '']]);
  });

  test('Fn::If around a list entry, with AWS::NoValue, and around a whole list', () => {
    const v = resolve(['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }], s());
    expect(expand(v).map((a) => a.value)).toEqual([['a', 'b'], ['a']]);
    const w = resolve({ 'Fn::If': ['IsProd', ['x'], ['y', 'z']] }, s());
    expect(expand(w).map((a) => a.value)).toEqual([['x'], ['y', 'z']]);
  });

  test('null is unset, like AWS::NoValue', () => {
    expect(resolve({ A: null, B: 1 }, s())).toEqual({ B: 1 });
    expect(resolve(null, s())).toBe(ABSENT);
  });

  test('nested stack parameters take the value the parent passes', () => {
    const parent = scopeOf({ Parameters: { P: { Type: 'String', Default: '0.0.0.0/0', AllowedValues: ['0.0.0.0/0'] } }, Resources: {} });
    const child = new CfnScope({ Parameters: { Cidr: { Type: 'String' } }, Resources: {} }, { scope: parent, parameters: { Cidr: { Ref: 'P' } }, label: 'Parent/Child' });
    expect(alts({ Ref: 'Cidr' }, child)).toEqual([['0.0.0.0/0', 'parameter Cidr given by Parent/Child, parameter P default']]);
  });
});

describe('value resolution: what cannot be known', () => {
  test.each([
    [{ 'Fn::ImportValue': 'Shared-Cidr' }, 'u'],
    [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, 'r'],
    [{ Ref: 'Bucket' }, 'r'],
    [{ Ref: 'AWS::AccountId' }, 'p'],
    [{ Ref: 'Nope' }, 'u'],
    [{ 'Fn::Sub': '${Bucket.Arn}/*' }, 'r'],
    [{ 'Fn::Sub': ['${X}', { X: { 'Fn::ImportValue': 'x' } }] }, 'u'],
    [{ 'Fn::Transform': { Name: 'AWS::Include' } }, 'u'],
    [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'p'],
  ])('%j is a token of kind %s', (node, kind) => {
    const [a] = expand(resolve(node, scope()));
    expect(typeof a.value).toBe('string');
    expect(tokenKind(a.value as string)).toBe(kind);
  });

  test('a literal string cannot forge a token', () => {
    const v = resolve('\uE000r0\uE001*', scope()) as string;
    expect(tokensOf(v)).toEqual([]);
    expect(v).toContain('*');
  });

  test('hostile templates: combinations are capped with an unknown alternative', () => {
    const t = { Parameters: Object.fromEntries([...Array(10).keys()].map((i) => [`P${i}`, { Type: 'String', AllowedValues: ['a', 'b'] }])) };
    const s = scope(t);
    const v = resolve({ 'Fn::Join': ['', [...Array(10).keys()].map((i) => ({ Ref: `P${i}` }))] }, s);
    const all = expand(v);
    expect(all.length).toBeLessThanOrEqual(66);
    expect(all.some((a) => containsUnknown(a.value))).toBe(true);
  });

  test('self-referencing conditions and deep nesting do not hang or throw', () => {
    const s = scope({ Conditions: { A: { Condition: 'B' }, B: { Condition: 'A' } } });
    expect(expand(resolve({ 'Fn::If': ['A', 1, 2] }, s)).map((a) => a.value)).toEqual([1, 2]);
    let deep: any = 'x';
    for (let i = 0; i < 500; i++) deep = { 'Fn::Join': ['', [deep]] };
    const [a] = expand(resolve(deep, scope()));
    expect(containsUnknown(a.value)).toBe(true);
  });

  test('resolution keeps unchanged subtrees as they are', () => {
    const props = { A: { B: ['x', { C: 1 }] } };
    expect(resolve(props, scope())).toBe(props);
    expect(resolve({ A: { Ref: 'AWS::NoValue' } }, scope())).not.toBeInstanceOf(Choice);
  });
});
