import { SAM_HEADER, expandYaml, fn, notes, samResources } from './sam-helpers';
import { InputError } from '../../../lib/compliance/loaders/errors';
import { POLICY_TEMPLATE_NAMES, expandPolicyTemplate } from '../../../lib/compliance/loaders/sam/policy-templates';

const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const LAMBDA_TRUST = { Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }] };

describe('AWS::Serverless::Function', () => {
  test('becomes a Lambda function (same logical id) and its execution role <Function>Role', () => {
    const r = samResources(fn('Fn', '      MemorySize: 256\n      Environment: { Variables: { A: b } }\n      Tags: { team: x }\n'));
    expect(Object.keys(r)).toEqual(['Fn', 'FnRole']);
    expect(r.Fn).toMatchObject({
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'python3.12', Handler: 'app.handler', MemorySize: 256, Environment: { Variables: { A: 'b' } },
        Code: { S3Bucket: 'bucket', S3Key: 'code.zip' }, Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
        Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }, { Key: 'team', Value: 'x' }],
      },
    });
    expect(r.FnRole).toEqual({
      Type: 'AWS::IAM::Role',
      Metadata: { 'secure-constructs:expanded-from': 'Fn' },
      Properties: { AssumeRolePolicyDocument: LAMBDA_TRUST, ManagedPolicyArns: [BASIC], Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }, { Key: 'team', Value: 'x' }] },
    });
  });

  test('Tracing, VpcConfig, PermissionsBoundary, RolePath, AssumeRolePolicyDocument and DeadLetterQueue shape the role', () => {
    const r = samResources(fn('Fn', `      Tracing: Active
      VpcConfig: { SubnetIds: [s-1], SecurityGroupIds: [sg-1] }
      PermissionsBoundary: !Sub 'arn:aws:iam::\${AWS::AccountId}:policy/boundary'
      RolePath: /app/
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: edgelambda.amazonaws.com }, Action: sts:AssumeRole }]
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
`));
    const p = r.FnRole.Properties;
    expect(p.ManagedPolicyArns).toEqual([BASIC, 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess', 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']);
    expect(p.PermissionsBoundary).toEqual({ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/boundary' });
    expect(p.Path).toBe('/app/');
    expect(p.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'edgelambda.amazonaws.com' });
    expect(p.Policies).toEqual([{ PolicyName: 'DeadLetterQueuePolicy', PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, Effect: 'Allow' }] } }]);
    expect(r.Fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(r.Fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } });
  });

  test('with Role given, no role is generated (and Policies are ignored, as SAM does)', () => {
    const r = samResources(fn('Fn', '      Role: !GetAtt Mine.Arn\n      Policies: [AdministratorAccess]\n'));
    expect(Object.keys(r)).toEqual(['Fn']);
    expect(r.Fn.Properties.Role).toEqual({ 'Fn::GetAtt': ['Mine', 'Arn'] });
  });

  test('Policies in every form: name, ARN, intrinsic, inline document, template, Fn::If, a single entry', () => {
    const x = expandYaml(`${SAM_HEADER}Conditions:\n  C: !Equals [a, b]\nResources:\n${fn('Fn', `      Policies:
        - AmazonS3ReadOnlyAccess
        - arn:aws:iam::123456789012:policy/team
        - !Ref TeamPolicy
        - Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]
        - SQSSendMessagePolicy: { QueueName: !GetAtt Queue.QueueName }
        - !If [C, { Statement: [{ Effect: Allow, Action: sns:Publish, Resource: '*' }] }, !Ref AWS::NoValue]
        - !If [C, AmazonSQSFullAccess, AmazonSQSReadOnlyAccess]
`)}`);
    const p = x.template.Resources.FnRole.Properties;
    expect(p.ManagedPolicyArns).toEqual([
      BASIC, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/team', { Ref: 'TeamPolicy' },
      { 'Fn::If': ['C', 'arn:aws:iam::aws:policy/AmazonSQSFullAccess', 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess'] },
    ]);
    expect(p.Policies).toEqual([
      { PolicyName: 'FnRolePolicy3', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
      {
        PolicyName: 'FnRolePolicy4',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage*'], Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', { queueName: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }] } }] },
      },
      { 'Fn::If': ['C', { PolicyName: 'FnRolePolicy5', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] } }, { Ref: 'AWS::NoValue' }] },
    ]);
    expect(notes(x)).toEqual([]);
    const single = samResources(fn('Fn', '      Policies: AWSLambdaExecute\n'));
    expect(single.FnRole.Properties.ManagedPolicyArns).toEqual([BASIC, 'arn:aws:iam::aws:policy/AWSLambdaExecute']);
  });

  test('policies SAM cannot resolve offline or refuses are reported on the role', () => {
    const x = expandYaml(`${SAM_HEADER}Resources:\n${fn('Fn', `      Policies:
        - MyTeamPolicy
        - S3ReadPolicy: {}
        - NoSuchPolicy: { X: y }
        - { Foo: 1, Bar: 2 }
        - !If [C, AmazonS3ReadOnlyAccess, { Statement: [] }]
`)}`);
    expect(notes(x)).toEqual([
      'FnRole managed-policy:MyTeamPolicy warning',
      'FnRole policy-template:NoSuchPolicy error',
      'FnRole policy-template:S3ReadPolicy error',
      'FnRole policy:3 error',
      'FnRole policy:4 error',
    ]);
    expect(x.unchecked.get('FnRole')!.find((n) => n.id === 'policy-template:S3ReadPolicy')!.reason).toMatch(/missing parameter\(s\) BucketName/);
    // what could be read is still checked
    expect(x.template.Resources.FnRole.Properties.ManagedPolicyArns).toContain('arn:aws:iam::aws:policy/MyTeamPolicy');
  });

  test('every policy template expands into statements with its parameters substituted', () => {
    expect(POLICY_TEMPLATE_NAMES.length).toBeGreaterThan(50);
    for (const name of POLICY_TEMPLATE_NAMES) {
      const params = new Proxy({}, { get: (_, k) => ({ Ref: `Param${String(k)}` }) }) as Record<string, unknown>;
      const r = expandPolicyTemplate(name, params);
      expect('document' in r).toBe(true);
      const json = JSON.stringify((r as any).document);
      expect(json).not.toMatch(/"Ref":"(BucketName|TableName|QueueName|KeyId|FunctionName|SecretArn)"/);
      expect(json).toContain('"Effect":"Allow"');
    }
    expect(expandPolicyTemplate('KMSDecryptPolicy', { KeyId: 'abc' })).toEqual({
      document: { Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}', { keyId: 'abc' }] } }] },
    });
    expect(expandPolicyTemplate('AWSSecretsManagerGetSecretValuePolicy', { SecretArn: { Ref: 'Secret' } })).toEqual({
      document: { Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: { 'Fn::Sub': ['${secretArn}', { secretArn: { Ref: 'Secret' } }] } }] },
    });
    expect(expandPolicyTemplate('DynamoDBReadPolicy', 'x')).toEqual({ problem: expect.stringMatching(/must be a mapping/) });
  });

  test('AutoPublishAlias: a retained version <Fn>Version<hash> and the alias <Fn>Alias<name>, which events then invoke', () => {
    const r = samResources(fn('Fn', `      AutoPublishAlias: live
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 }
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn } }
`));
    const version = Object.keys(r).find((k) => /^FnVersion[0-9a-f]{10}$/.test(k))!;
    expect(r[version]).toMatchObject({ Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain', Properties: { FunctionName: { Ref: 'Fn' } } });
    expect(r.FnAliaslive.Properties).toEqual({ Name: 'live', FunctionName: { Ref: 'Fn' }, FunctionVersion: { 'Fn::GetAtt': [version, 'Version'] }, ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    expect(r.FnQ.Properties.FunctionName).toEqual({ Ref: 'FnAliaslive' });
    // SAM's hash: the SHA-1 of Python's sorted compact JSON of the code location
    expect(version).toBe('FnVersion' + require('crypto').createHash('sha1').update('{"S3Bucket":"bucket","S3Key":"code.zip"}').digest('hex').slice(0, 10));
  });

  test('FunctionUrlConfig with AuthType NONE creates a public permission (Principal *); AWS_IAM does not', () => {
    const open = samResources(fn('Fn', '      FunctionUrlConfig: { AuthType: NONE }\n'));
    expect(open.FnUrl.Properties).toEqual({ AuthType: 'NONE', TargetFunctionArn: { Ref: 'Fn' } });
    expect(open.FnUrlPublicPermissions.Properties).toEqual({ Action: 'lambda:InvokeFunctionUrl', FunctionName: { Ref: 'Fn' }, Principal: '*', FunctionUrlAuthType: 'NONE' });
    const iam = samResources(fn('Fn', '      FunctionUrlConfig: { AuthType: AWS_IAM }\n'));
    expect(Object.keys(iam).sort()).toEqual(['Fn', 'FnRole', 'FnUrl']);
  });

  test('features SAM expands but we do not, and properties we do not know, are reported on the function', () => {
    const x = expandYaml(`${SAM_HEADER}Resources:\n${fn('Fn', `      DeploymentPreference: { Type: Linear10PercentEvery1Minute }
      EventInvokeConfig: { MaximumRetryAttempts: 0 }
      NewShinyProperty: true
`)}`);
    expect(notes(x)).toEqual(['Fn property:DeploymentPreference error', 'Fn property:EventInvokeConfig error', 'Fn property:NewShinyProperty error']);
  });

  test('local CodeUri (before sam package), InlineCode and ImageUri', () => {
    expect(samResources(fn('Fn').replace('s3://bucket/code.zip', 'src/')).Fn.Properties.Code).toEqual({ S3Bucket: '<uploaded by sam package>', S3Key: 'src/' });
    const inline = samResources("  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: python3.12, Handler: index.h, InlineCode: 'x = 1' }\n");
    expect(inline.Fn.Properties.Code).toEqual({ ZipFile: 'x = 1' });
    const image = samResources('  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { PackageType: Image, ImageUri: repo/image:1 }\n');
    expect(image.Fn.Properties).toMatchObject({ PackageType: 'Image', Code: { ImageUri: 'repo/image:1' } });
  });
});

describe('function events', () => {
  test('SQS, Kinesis and DynamoDB: an event source mapping <Fn><Event> and the managed policy SAM adds to the role', () => {
    const r = samResources(fn('Fn', `      Events:
        Queue: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn, BatchSize: 5 } }
        Stream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt S.Arn
            StartingPosition: LATEST
            DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Dlq.Arn } }
        Table: { Type: DynamoDB, Properties: { Stream: !GetAtt T.StreamArn, StartingPosition: TRIM_HORIZON } }
`));
    expect(r.FnQueue).toMatchObject({ Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] }, FunctionName: { Ref: 'Fn' }, BatchSize: 5 } });
    expect(r.FnStream.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } });
    expect(r.FnRole.Properties.ManagedPolicyArns).toEqual([
      BASIC,
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
    ]);
    expect(r.FnRole.Properties.Policies).toEqual([{ PolicyName: 'FnStreamSQSPolicy', PolicyDocument: { Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Dlq', 'Arn'] } }] } }]);
  });

  test('S3: a permission for s3.amazonaws.com and the notification on the bucket (the input is not modified)', () => {
    const x = expandYaml(`${SAM_HEADER}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n${fn('Fn', "      Events:\n        Up: { Type: S3, Properties: { Bucket: !Ref Bucket, Events: 's3:ObjectCreated:*' } }\n")}`);
    const r = x.template.Resources;
    expect(r.FnUpPermission.Properties).toEqual({ Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } });
    expect(r.Bucket).toEqual({
      Type: 'AWS::S3::Bucket', DependsOn: ['FnUpPermission'],
      Properties: { NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } },
    });
    expect(x.input.Resources.Bucket).toEqual({ Type: 'AWS::S3::Bucket' });
    expect(() => samResources(fn('Fn', "      Events:\n        Up: { Type: S3, Properties: { Bucket: other-bucket, Events: 's3:ObjectCreated:*' } }\n"))).toThrow(/S3 events must reference/);
  });

  test('SNS, Schedule and EventBridge rules: their resources and permissions', () => {
    const r = samResources(fn('Fn', `      Events:
        Topic: { Type: SNS, Properties: { Topic: !Ref T } }
        Nightly: { Type: Schedule, Properties: { Schedule: 'rate(1 day)', Enabled: false } }
        Bus: { Type: EventBridgeRule, Properties: { Pattern: { source: [app] } } }
`));
    expect(r.FnTopicPermission.Properties).toMatchObject({ Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'T' } });
    expect(r.FnTopic).toMatchObject({ Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', TopicArn: { Ref: 'T' } } });
    expect(r.FnNightly.Properties).toEqual({ ScheduleExpression: 'rate(1 day)', State: 'DISABLED', Targets: [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Id: 'FnNightlyLambdaTarget' }] });
    expect(r.FnNightlyPermission.Properties).toMatchObject({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['FnNightly', 'Arn'] } });
    expect(r.FnBus.Properties.EventPattern).toEqual({ source: ['app'] });
  });

  test('event types and event properties that are not expanded are reported on the function', () => {
    const x = expandYaml(`${SAM_HEADER}Resources:\n${fn('Fn', `      Events:
        Kafka: { Type: MSK, Properties: { Stream: arn, StartingPosition: LATEST } }
        Odd: { Type: Carrier, Properties: {} }
        Q: { Type: SQS, Properties: { Queue: arn, Surprise: 1 } }
        Sub: { Type: SNS, Properties: { Topic: arn, SqsSubscription: true } }
`)}`);
    expect(notes(x)).toEqual(['Fn event:Kafka error', 'Fn event:Odd error', 'Fn event:Q error', 'Fn event:Sub error']);
  });
});

describe('SAM refuses', () => {
  test('generated logical ids that collide with a template resource are an input error', () => {
    expect(() => samResources(`${fn('Fn')}  FnRole:\n    Type: AWS::SNS::Topic\n`)).toThrow(InputError);
    expect(() => samResources(`${fn('Fn')}  FnRole:\n    Type: AWS::SNS::Topic\n`)).toThrow(/SAM would generate the resource FnRole \(from Fn\)/);
  });
  test('Properties that are not a mapping', () => {
    expect(() => samResources('  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [1]\n')).toThrow(/Properties must be a mapping/);
  });
});
