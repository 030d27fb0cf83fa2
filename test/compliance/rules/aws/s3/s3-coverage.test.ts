import { AWS_S3_BUCKET_ACCESS_LOGGING } from '../../../../../lib/compliance/rules/aws/s3/access-logging';
import { AWS_S3_BUCKET_KMS_ENCRYPTION } from '../../../../../lib/compliance/rules/aws/s3/kms-encryption';
import { AWS_S3_BUCKET_POLICY_PUBLIC } from '../../../../../lib/compliance/rules/aws/s3/policy-public';
import { AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK } from '../../../../../lib/compliance/rules/aws/s3/public-access-block';
import { AWS_S3_BUCKET_PUBLIC_ACL } from '../../../../../lib/compliance/rules/aws/s3/public-acl';
import { AWS_S3_BUCKET_SSL_ONLY, coversAllObjects } from '../../../../../lib/compliance/rules/aws/s3/ssl-only';
import { AWS_S3_BUCKET_VERSIONING } from '../../../../../lib/compliance/rules/aws/s3/versioning';
import { Res, findingIds, outcomesOf } from '../template';

const BPA = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
const bucket = (props: Record<string, unknown> = {}): Res => ({ Type: 'AWS::S3::Bucket', Properties: props });
const policy = (bucketRef: unknown, statements: object[]): Res => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: { Bucket: bucketRef, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
});
const SSL_DENY = {
  Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*',
  Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] }],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

describe('aws-s3-bucket-public-access-block', () => {
  test('all four true (booleans or strings, any case) is compliant', () => {
    expect(findingIds(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, {
      A: bucket({ PublicAccessBlockConfiguration: BPA }),
      B: bucket({ PublicAccessBlockConfiguration: { BlockPublicAcls: 'true', BlockPublicPolicy: 'True', IgnorePublicAcls: true, RestrictPublicBuckets: 'TRUE' } }),
    })).toEqual([]);
  });

  test('each setting off or missing is its own finding; no configuration at all is one finding', () => {
    expect(findingIds(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, {
      Acls: bucket({ PublicAccessBlockConfiguration: { ...BPA, BlockPublicAcls: false } }),
      Partial: bucket({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true } }),
      None: bucket(),
    })).toEqual([
      'aws-s3-bucket-public-access-block[BlockPublicAcls] Acls',
      'aws-s3-bucket-public-access-block[BlockPublicPolicy] Partial',
      'aws-s3-bucket-public-access-block[RestrictPublicBuckets] Partial',
      'aws-s3-bucket-public-access-block[PublicAccessBlockConfiguration] None',
    ]);
  });

  test('parameters, conditions and intrinsics: the bad alternative is reported with how it arises; an unknown value cannot be verified', () => {
    const ids = findingIds(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, {
      Parameters: { Block: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] }, Free: { Type: 'String' } },
      Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } },
      Resources: {
        Param: bucket({ PublicAccessBlockConfiguration: { ...BPA, RestrictPublicBuckets: { Ref: 'Block' } } }),
        IfNoValue: bucket({ PublicAccessBlockConfiguration: { 'Fn::If': ['Prod', BPA, { Ref: 'AWS::NoValue' }] } }),
        Sub: bucket({ PublicAccessBlockConfiguration: { ...BPA, IgnorePublicAcls: { 'Fn::Sub': 'false' } } }),
        Unknown: bucket({ PublicAccessBlockConfiguration: { ...BPA, BlockPublicPolicy: { Ref: 'Free' } } }),
      },
    });
    expect(ids).toEqual([
      'aws-s3-bucket-public-access-block[RestrictPublicBuckets] Param',
      'aws-s3-bucket-public-access-block[PublicAccessBlockConfiguration] IfNoValue',
      'aws-s3-bucket-public-access-block[IgnorePublicAcls] Sub',
      'aws-s3-bucket-public-access-block[BlockPublicPolicy] Unknown (unverified)',
    ]);
  });
});

describe('aws-s3-bucket-policy-public', () => {
  const allow = (extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });
  test('compliant: named principals, services, "*" bound to an organization, a VPC endpoint or narrow addresses, denies to "*"', () => {
    expect(findingIds(AWS_S3_BUCKET_POLICY_PUBLIC, {
      Named: policy('b', [allow({ Principal: { AWS: 'arn:aws:iam::123456789012:role/reader' } })]),
      Service: policy('b', [allow({ Principal: { Service: 'logging.s3.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } })]),
      Org: policy('b', [allow({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })]),
      Vpce: policy('b', [allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })]),
      Ips: policy('b', [allow({ Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } } })]),
      Deny: policy('b', [SSL_DENY]),
    })).toEqual([]);
  });

  test('non-compliant: "*", {"AWS": "*"}, NotPrincipal, conditions anyone meets, a wide address range, next to denies', () => {
    expect(findingIds(AWS_S3_BUCKET_POLICY_PUBLIC, {
      Star: policy('b', [SSL_DENY, allow()]),
      Aws: policy('b', [allow({ Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] } })]),
      NotPrincipal: policy('b', [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: '*' }]),
      Tls: policy('b', [allow({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]),
      IfExists: policy('b', [allow({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } })]),
      Wide: policy('b', [allow({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } })]),
      Json: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'b', PolicyDocument: JSON.stringify({ Statement: [allow()] }) } },
    })).toEqual([
      'aws-s3-bucket-policy-public[statement:1] Star',
      'aws-s3-bucket-policy-public[statement:0] Aws',
      'aws-s3-bucket-policy-public[statement:0] NotPrincipal',
      'aws-s3-bucket-policy-public[statement:0] Tls',
      'aws-s3-bucket-policy-public[statement:0] IfExists',
      'aws-s3-bucket-policy-public[statement:0] Wide',
      'aws-s3-bucket-policy-public[statement:0] Json',
    ]);
  });

  test('a principal from a parameter: its default is judged, an unconstrained one cannot be verified', () => {
    expect(findingIds(AWS_S3_BUCKET_POLICY_PUBLIC, {
      Parameters: { Who: { Type: 'String', Default: '*', AllowedValues: ['*', 'arn:aws:iam::123456789012:root'] }, Free: { Type: 'String' } },
      Resources: {
        Default: policy('b', [allow({ Principal: { AWS: { Ref: 'Who' } } })]),
        Unknown: policy('b', [allow({ Principal: { AWS: { Ref: 'Free' } } })]),
      },
    })).toEqual(['aws-s3-bucket-policy-public[statement:0] Default', 'aws-s3-bucket-policy-public[statement:0] Unknown (unverified)']);
  });
});

describe('aws-s3-bucket-ssl-only', () => {
  test('compliant: the aws-cdk-lib enforceSSL statement, a literal ARN, BoolIfExists, "*" resources', () => {
    expect(findingIds(AWS_S3_BUCKET_SSL_ONLY, {
      B: bucket(), BPolicy: policy({ Ref: 'B' }, [SSL_DENY]),
      Named: bucket({ BucketName: 'named-bucket' }),
      NamedPolicy: policy('named-bucket', [{ ...SSL_DENY, Resource: ['arn:aws:s3:::named-bucket', 'arn:aws:s3:::named-bucket/*'], Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }]),
      Star: bucket(), StarPolicy: policy({ Ref: 'Star' }, [{ ...SSL_DENY, Principal: '*', Resource: '*' }]),
    })).toEqual([]);
  });

  test('non-compliant: no policy, only s3:TlsVersion, a deny of some keys or some actions, extra conditions, an Allow', () => {
    expect(findingIds(AWS_S3_BUCKET_SSL_ONLY, {
      None: bucket(),
      Tls: bucket(), TlsPolicy: policy({ Ref: 'Tls' }, [{ ...SSL_DENY, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }]),
      Prefix: bucket(), PrefixPolicy: policy({ Ref: 'Prefix' }, [{ ...SSL_DENY, Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Prefix', 'Arn'] }, '/private/*']] } }]),
      Reads: bucket(), ReadsPolicy: policy({ Ref: 'Reads' }, [{ ...SSL_DENY, Action: 's3:GetObject' }]),
      Narrowed: bucket(), NarrowedPolicy: policy({ Ref: 'Narrowed' }, [{ ...SSL_DENY, Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '123456789012' } } }]),
      Allow: bucket(), AllowPolicy: policy({ Ref: 'Allow' }, [{ ...SSL_DENY, Effect: 'Allow' }]),
      Other: bucket(), OtherPolicy: policy('another-bucket', [SSL_DENY]),
    })).toEqual([
      'aws-s3-bucket-ssl-only[no-policy] None',
      'aws-s3-bucket-ssl-only[no-deny] Tls',
      'aws-s3-bucket-ssl-only[no-deny] Prefix',
      'aws-s3-bucket-ssl-only[no-deny] Reads',
      'aws-s3-bucket-ssl-only[no-deny] Narrowed',
      'aws-s3-bucket-ssl-only[no-deny] Allow',
      'aws-s3-bucket-ssl-only[no-policy] Other',
    ]);
  });

  test('a deny that exists only under a condition does not count', () => {
    expect(findingIds(AWS_S3_BUCKET_SSL_ONLY, {
      Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: { B: bucket(), BPolicy: policy({ Ref: 'B' }, [{ 'Fn::If': ['Prod', SSL_DENY, { Ref: 'AWS::NoValue' }] }]) },
    })).toEqual(['aws-s3-bucket-ssl-only[no-deny] B']);
  });

  test('a bucket policy that may not be created (resource Condition) does not count', () => {
    expect(findingIds(AWS_S3_BUCKET_SSL_ONLY, {
      Parameters: { Strict: { Type: 'String', Default: 'no', AllowedValues: ['yes', 'no'] } },
      Conditions: { IsStrict: { 'Fn::Equals': [{ Ref: 'Strict' }, 'yes'] }, Always: { 'Fn::Equals': ['a', 'a'] } },
      Resources: {
        B: bucket(), BPolicy: { ...policy({ Ref: 'B' }, [SSL_DENY]), Condition: 'IsStrict' },
        C: bucket(), CPolicy: { ...policy({ Ref: 'C' }, [{ ...SSL_DENY, Resource: '*' }]), Condition: 'Always' },
      },
    })).toEqual(['aws-s3-bucket-ssl-only[no-policy] B']);
  });

  test('coversAllObjects', () => {
    expect(['*', 'arn:aws:s3:::*', 'arn:aws:s3:::b/*', 'arn:aws-cn:s3:::my.bucket/*'].every(coversAllObjects)).toBe(true);
    expect(['arn:aws:s3:::b', 'arn:aws:s3:::b/x/*', 'arn:aws:s3:::b/*.txt', undefined].some(coversAllObjects)).toBe(false);
  });
});

describe('aws-s3-bucket-kms-encryption', () => {
  const sse = (algorithm: unknown, key?: unknown) => ({
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, ...(key ? { KMSMasterKeyID: key } : {}) } }],
    },
  });
  test('compliant: aws:kms (with a key or the AWS managed one), aws:kms:dsse', () => {
    expect(findingIds(AWS_S3_BUCKET_KMS_ENCRYPTION, {
      Key: bucket(sse('aws:kms', { 'Fn::GetAtt': ['K', 'Arn'] })),
      Managed: bucket(sse('aws:kms')),
      Dsse: bucket(sse('aws:kms:dsse')),
    })).toEqual([]);
  });

  test('non-compliant: SSE-S3 and no configuration; through a parameter default; unknown algorithm cannot be verified', () => {
    expect(findingIds(AWS_S3_BUCKET_KMS_ENCRYPTION, {
      Parameters: { Alg: { Type: 'String', Default: 'AES256', AllowedValues: ['AES256', 'aws:kms'] }, Free: { Type: 'String' } },
      Resources: { S3: bucket(sse('AES256')), None: bucket(), Param: bucket(sse({ Ref: 'Alg' })), Unknown: bucket(sse({ Ref: 'Free' })) },
    })).toEqual([
      'aws-s3-bucket-kms-encryption[not-kms] S3',
      'aws-s3-bucket-kms-encryption[not-kms] None',
      'aws-s3-bucket-kms-encryption[not-kms] Param',
      'aws-s3-bucket-kms-encryption[not-kms] Unknown (unverified)',
    ]);
  });

  test('log-delivery targets (S3 server access logs, ELB access logs, CloudFront logs) may keep SSE-S3; by reference or literal name', () => {
    const outcomes = outcomesOf(AWS_S3_BUCKET_KMS_ENCRYPTION, {
      Conditions: { Maybe: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } }, Resources: {
        Data: bucket({ ...sse('aws:kms'), LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' } } }),
        AccessLogs: bucket(sse('AES256')),
        Other: bucket({ ...sse('aws:kms'), LoggingConfiguration: { DestinationBucketName: 'named-logs' } }),
        NamedLogs: bucket({ ...sse('AES256'), BucketName: 'named-logs' }),
        ElbLogs: bucket(sse('AES256')),
        Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { LoadBalancerAttributes: [{ Key: 'access_logs.s3.bucket', Value: { Ref: 'ElbLogs' } }] } },
        CfLogs: bucket(sse('AES256')),
        Cf: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Logging: { Bucket: { 'Fn::GetAtt': ['CfLogs', 'RegionalDomainName'] } } } } },
        NotALogBucket: bucket(sse('AES256')),
        MaybeLogs: bucket(sse('AES256')),
        // a bucket that may not be created does not make its target a log bucket
        MaybeSource: { Type: 'AWS::S3::Bucket', Condition: 'Maybe', Properties: { ...sse('aws:kms'), LoggingConfiguration: { DestinationBucketName: { Ref: 'MaybeLogs' } } } },
      },
    });
    expect(outcomes).toEqual({
      Data: 'compliant', AccessLogs: 'not-applicable', Other: 'compliant', NamedLogs: 'not-applicable', ElbLogs: 'not-applicable',
      CfLogs: 'not-applicable', NotALogBucket: 'non-compliant', MaybeLogs: 'non-compliant', MaybeSource: 'compliant',
    });
  });
});

describe('aws-s3-bucket-versioning', () => {
  test('Enabled is compliant; Suspended, absent and a NoValue branch are not', () => {
    expect(findingIds(AWS_S3_BUCKET_VERSIONING, {
      Conditions: { Dev: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] } },
      Resources: {
        On: bucket({ VersioningConfiguration: { Status: 'Enabled' } }),
        Suspended: bucket({ VersioningConfiguration: { Status: 'Suspended' } }),
        Absent: bucket(),
        Conditional: bucket({ VersioningConfiguration: { 'Fn::If': ['Dev', { Ref: 'AWS::NoValue' }, { Status: 'Enabled' }] } }),
      },
    })).toEqual([
      'aws-s3-bucket-versioning[VersioningConfiguration] Suspended',
      'aws-s3-bucket-versioning[VersioningConfiguration] Absent',
      'aws-s3-bucket-versioning[VersioningConfiguration] Conditional',
    ]);
  });
});

describe('aws-s3-bucket-access-logging', () => {
  test('a logging configuration (to another bucket or to itself) is compliant; the end of the logging chain is not applicable', () => {
    expect(outcomesOf(AWS_S3_BUCKET_ACCESS_LOGGING, {
      Data: bucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' }, LogFilePrefix: 'data/' } }),
      Self: bucket({ LoggingConfiguration: {} }),
      Logs: bucket(),
      Unlogged: bucket(),
    })).toEqual({ Data: 'compliant', Self: 'compliant', Logs: 'not-applicable', Unlogged: 'non-compliant' });
  });

  test('a configuration removed by AWS::NoValue is reported', () => {
    expect(findingIds(AWS_S3_BUCKET_ACCESS_LOGGING, {
      Parameters: { Logging: { Type: 'String', Default: 'off', AllowedValues: ['on', 'off'] } },
      Conditions: { On: { 'Fn::Equals': [{ Ref: 'Logging' }, 'on'] } },
      Resources: { B: bucket({ LoggingConfiguration: { 'Fn::If': ['On', { DestinationBucketName: 'logs' }, { Ref: 'AWS::NoValue' }] } }) },
    })).toEqual(['aws-s3-bucket-access-logging[LoggingConfiguration] B']);
  });
});

describe('aws-s3-bucket-public-acl', () => {
  test('PublicRead, PublicReadWrite and AuthenticatedRead (any case, via a mapping) are reported; Private and LogDeliveryWrite are not', () => {
    expect(findingIds(AWS_S3_BUCKET_PUBLIC_ACL, {
      Mappings: { Acl: { prod: { Value: 'Private' }, dev: { Value: 'PublicRead' } } },
      Resources: {
        Private: bucket({ AccessControl: 'Private' }),
        LogDelivery: bucket({ AccessControl: 'LogDeliveryWrite' }),
        None: bucket(),
        Read: bucket({ AccessControl: 'PublicRead' }),
        ReadWrite: bucket({ AccessControl: 'publicreadwrite' }),
        Authenticated: bucket({ AccessControl: 'AuthenticatedRead' }),
        Mapped: bucket({ AccessControl: { 'Fn::FindInMap': ['Acl', { Ref: 'AWS::StackName' }, 'Value'] } }),
      },
    })).toEqual([
      'aws-s3-bucket-public-acl[AccessControl] Read',
      'aws-s3-bucket-public-acl[AccessControl] ReadWrite',
      'aws-s3-bucket-public-acl[AccessControl] Authenticated',
      'aws-s3-bucket-public-acl[AccessControl] Mapped',
    ]);
  });
});
