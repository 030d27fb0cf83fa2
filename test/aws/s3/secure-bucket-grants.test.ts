import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LeastPrivilegeRole, RoleTrust } from '../../../lib/aws/iam';
import { BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, SecureBucket } from '../../../lib/aws/s3';
import { openFindings, synthAndCheck } from '../../util/aws';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const reader = (s: Stack, id = 'Reader') => new LeastPrivilegeRole(s, id, { assumedBy: RoleTrust.service('lambda.amazonaws.com') });
const statementsOf = (t: Template, prefix: string): any[] => Object.entries<any>(t.findResources('AWS::IAM::ManagedPolicy')).find(([id]) => id.startsWith(prefix))![1].Properties.PolicyDocument.Statement;

describe('SecureBucket grants', () => {
  test('the documented grantRead / grantWrite into a LeastPrivilegeRole pass our pack and cdk-nag\'s four packs; the justification is in the report', () => {
    const report = synthAndCheck((s) => {
      const b = new SecureBucket(s, 'Bucket');
      b.grantRead(reader(s));
      b.grantWrite(reader(s, 'Writer'), 'uploads/*');
    }, { env: ENV });
    expect(openFindings(report)).toEqual([]);
    expect(report.overrides.map((o) => `${o.property}: ${o.reason}`)).toEqual([
      expect.stringMatching(/^grantRead\(TestStack\/Bucket, "\*"\): Objects of TestStack\/Bucket are named by their writers/),
      expect.stringMatching(/^grantWrite\(TestStack\/Bucket, "uploads\/\*"\): .*"uploads\/\*"/),
    ]);
  });

  test('control: the same grant of the aws-cdk-lib L2 (bucket.bucket.grantRead) is still reported by cdk-nag', () => {
    const report = synthAndCheck((s) => {
      new SecureBucket(s, 'Bucket').bucket.grantRead(reader(s));
    }, { env: ENV });
    expect(openFindings(report).join('\n')).toContain('AwsSolutions-IAM5[Action::s3:GetObject*]');
  });

  test('the grant accepts exactly the wildcard of its resource, recorded on the grantee\'s managed policy', () => {
    const s = new Stack(new App(), 'S', { env: ENV });
    new SecureBucket(s, 'Bucket').grantRead(reader(s), 'reports/*');
    const policy = Object.entries<any>(Template.fromStack(s).findResources('AWS::IAM::ManagedPolicy')).find(([id]) => id.startsWith('ReaderPolicy'))![1];
    expect(policy.Metadata['secure-constructs'].suppressions.map((x: any) => x.id)).toEqual(['AwsSolutions-IAM5[Resource::<BucketE75EA64C.Arn>/reports/*]']);
    expect(policy.Metadata['secure-constructs'].overrides).toEqual([{ property: 'grantRead(S/Bucket, "reports/*")', reason: expect.stringContaining('"reports/*"') }]);
  });

  test('named actions only; reads decrypt and writes encrypt through S3 only; no deletes', () => {
    const s = new Stack(new App(), 'S', { env: ENV });
    const b = new SecureBucket(s, 'Bucket');
    b.grantRead(reader(s), 'reports/*');
    b.grantWrite(reader(s, 'Writer'));
    const t = Template.fromStack(s);
    const read = statementsOf(t, 'ReaderPolicy');
    expect(read.map((x) => x.Action)).toEqual([[...BUCKET_READ_ACTIONS.objects], [...BUCKET_READ_ACTIONS.bucket], ['kms:Decrypt', 'kms:DescribeKey']]);
    expect(JSON.stringify(read[0].Resource)).toContain('/reports/*');
    expect(read[2].Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } });
    const write = statementsOf(t, 'WriterPolicy');
    expect(write[0].Action).toEqual([...BUCKET_WRITE_ACTIONS.objects]);
    expect(JSON.stringify(write)).not.toMatch(/Delete|\*"\]?,"Effect|GenerateDataKey\*/);
    expect(write.flatMap((x) => [].concat(x.Action)).every((a: string) => !a.includes('*'))).toBe(true);
  });

  test('an exact key needs no justification; a plain iam.Role gets the same narrow statements and no recorded reason', () => {
    const s = new Stack(new App(), 'S', { env: ENV });
    const b = new SecureBucket(s, 'Bucket');
    b.grantRead(reader(s), 'reports/2024.csv');
    const plain = new iam.Role(s, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    b.grantRead(plain);
    const t = Template.fromStack(s).toJSON();
    const policies = Object.entries<any>(t.Resources).filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::Policy');
    expect(policies.every(([, r]) => r.Metadata?.['secure-constructs'] === undefined)).toBe(true);
    const plainPolicy = policies.find(([id]) => id.startsWith('PlainDefaultPolicy'))![1];
    expect(plainPolicy.Properties.PolicyDocument.Statement[0].Action).toEqual([...BUCKET_READ_ACTIONS.objects]);
  });
});
