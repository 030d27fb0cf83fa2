/**
 * SAM policy templates (`Policies: [{S3ReadPolicy: {BucketName: x}}]`), hand-written from the AWS SAM policy
 * template list. A template name that is not here is reported as unchecked: the role it would extend cannot be judged.
 */
import { clone, obj } from './common';

type Doc = Record<string, unknown>;

const A = 'arn:${AWS::Partition}';
const RA = '${AWS::Region}:${AWS::AccountId}';

/** `Fn::Sub` with template parameters: `{name: 'Param'}` becomes `{name: {Ref: 'Param'}}`, replaced by the user's value. */
function sub(pattern: string, vars?: Record<string, string>): Doc {
  if (!vars) return { 'Fn::Sub': pattern };
  return { 'Fn::Sub': [pattern, Object.fromEntries(Object.entries(vars).map(([k, p]) => [k, { Ref: p }]))] };
}
function allow(action: string | string[], resource: unknown, condition?: Doc): Doc {
  return { Effect: 'Allow', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

const sqs = sub(`${A}:sqs:${RA}:\${queueName}`, { queueName: 'QueueName' });
const table = sub(`${A}:dynamodb:${RA}:table/\${tableName}`, { tableName: 'TableName' });
const tableIndex = sub(`${A}:dynamodb:${RA}:table/\${tableName}/index/*`, { tableName: 'TableName' });
const bucket = sub(`${A}:s3:::\${bucketName}`, { bucketName: 'BucketName' });
const bucketObjects = sub(`${A}:s3:::\${bucketName}/*`, { bucketName: 'BucketName' });
const sesIdentity = sub(`${A}:ses:${RA}:identity/\${identityName}`, { identityName: 'IdentityName' });
const rekognitionCollection = sub(`${A}:rekognition:${RA}:collection/\${collectionId}`, { collectionId: 'CollectionId' });
const kmsKey = sub(`${A}:kms:${RA}:key/\${keyId}`, { keyId: 'KeyId' });
const kinesisStream = sub(`${A}:kinesis:${RA}:stream/\${streamName}`, { streamName: 'StreamName' });
const firehose = sub(`${A}:firehose:${RA}:deliverystream/\${deliveryStreamName}`, { deliveryStreamName: 'DeliveryStreamName' });
const stateMachine = sub(`${A}:states:${RA}:stateMachine:\${stateMachineName}`, { stateMachineName: 'StateMachineName' });
const ssmParameters = ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'];
const emrCluster = sub(`${A}:elasticmapreduce:${RA}:cluster/\${clusterId}`, { clusterId: 'ClusterId' });

const DYNAMODB_READ = ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'];
const S3_READ = ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'];

/** Template name -> statements (with `{Ref: Param}` placeholders). */
const TEMPLATES: Record<string, Doc[]> = {
  SQSPollerPolicy: [allow(['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], sqs)],
  SQSSendMessagePolicy: [allow(['sqs:SendMessage*'], sqs)],
  LambdaInvokePolicy: [allow(['lambda:InvokeFunction'], sub(`${A}:lambda:${RA}:function:\${functionName}*`, { functionName: 'FunctionName' }))],
  CloudWatchDescribeAlarmHistoryPolicy: [allow(['cloudwatch:DescribeAlarmHistory'], '*')],
  CloudWatchPutMetricPolicy: [allow(['cloudwatch:PutMetricData'], '*')],
  CloudWatchDashboardPolicy: [allow(['cloudwatch:GetDashboard', 'cloudwatch:ListDashboards', 'cloudwatch:PutDashboard', 'cloudwatch:ListMetrics'], '*')],
  EC2DescribePolicy: [allow(['ec2:DescribeRegions', 'ec2:DescribeInstances'], '*')],
  AMIDescribePolicy: [allow(['ec2:DescribeImages'], '*')],
  EC2CopyImagePolicy: [allow(['ec2:CopyImage'], sub(`${A}:ec2:${RA}:image/\${imageId}`, { imageId: 'ImageId' }))],
  VPCAccessPolicy: [allow(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], '*')],
  DynamoDBCrudPolicy: [allow(['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem'], [table, tableIndex])],
  DynamoDBReadPolicy: [allow(DYNAMODB_READ, [table, tableIndex])],
  DynamoDBWritePolicy: [allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], [table, tableIndex])],
  DynamoDBReconfigurePolicy: [allow(['dynamodb:UpdateTable'], table)],
  DynamoDBStreamReadPolicy: [
    allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], sub(`${A}:dynamodb:${RA}:table/\${tableName}/stream/\${streamName}`, { tableName: 'TableName', streamName: 'StreamName' })),
    allow(['dynamodb:ListStreams'], sub(`${A}:dynamodb:${RA}:table/\${tableName}/stream/*`, { tableName: 'TableName' })),
  ],
  DynamoDBBackupFullAccessPolicy: [
    allow(['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'], table),
    allow(['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'], sub(`${A}:dynamodb:${RA}:table/\${tableName}/backup/*`, { tableName: 'TableName' })),
  ],
  DynamoDBRestoreFromBackupPolicy: [
    allow(['dynamodb:RestoreTableFromBackup'], sub(`${A}:dynamodb:${RA}:table/\${tableName}/backup/*`, { tableName: 'TableName' })),
    allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchWriteItem'], table),
  ],
  SESSendBouncePolicy: [allow(['ses:SendBounce'], sesIdentity)],
  SESCrudPolicy: [allow(['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'], sesIdentity)],
  SESBulkTemplatedCrudPolicy: [allow(['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail', 'ses:VerifyEmailIdentity'], sesIdentity)],
  SESEmailTemplateCrudPolicy: [allow(['ses:CreateTemplate', 'ses:GetTemplate', 'ses:ListTemplates', 'ses:UpdateTemplate', 'ses:DeleteTemplate', 'ses:TestRenderTemplate'], '*')],
  ElasticsearchHttpPostPolicy: [allow(['es:ESHttpPost', 'es:ESHttpPut'], sub(`${A}:es:${RA}:domain/\${domainName}/*`, { domainName: 'DomainName' }))],
  S3ReadPolicy: [allow(S3_READ, [bucket, bucketObjects])],
  S3WritePolicy: [allow(['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], [bucket, bucketObjects])],
  S3CrudPolicy: [allow([...S3_READ.slice(0, 4), 's3:PutObject', 's3:PutObjectAcl', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:DeleteObject'], [bucket, bucketObjects])],
  S3FullAccessPolicy: [
    allow(['s3:GetObject', 's3:GetObjectAcl', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'], [bucketObjects]),
    allow(['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'], [bucket]),
  ],
  CloudFormationDescribeStacksPolicy: [allow(['cloudformation:DescribeStacks'], sub(`${A}:cloudformation:${RA}:stack/*`))],
  SNSPublishMessagePolicy: [allow(['sns:Publish'], sub(`${A}:sns:${RA}:\${topicName}`, { topicName: 'TopicName' }))],
  SNSCrudPolicy: [allow(['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'], sub(`${A}:sns:${RA}:\${topicName}*`, { topicName: 'TopicName' }))],
  KinesisStreamReadPolicy: [
    allow(['kinesis:ListStreams', 'kinesis:DescribeLimits'], sub(`${A}:kinesis:${RA}:stream/*`)),
    allow(['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], kinesisStream),
  ],
  KinesisCrudPolicy: [allow(['kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:IncreaseStreamRetentionPeriod', 'kinesis:ListTagsForStream', 'kinesis:MergeShards', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream'], kinesisStream)],
  KMSDecryptPolicy: [allow('kms:Decrypt', kmsKey)],
  KMSEncryptPolicy: [allow('kms:Encrypt', kmsKey)],
  FirehoseWritePolicy: [allow(['firehose:PutRecord', 'firehose:PutRecordBatch'], firehose)],
  FirehoseCrudPolicy: [allow(['firehose:CreateDeliveryStream', 'firehose:DeleteDeliveryStream', 'firehose:DescribeDeliveryStream', 'firehose:PutRecord', 'firehose:PutRecordBatch', 'firehose:UpdateDestination'], firehose)],
  AWSSecretsManagerGetSecretValuePolicy: [allow(['secretsmanager:GetSecretValue'], sub('${secretArn}', { secretArn: 'SecretArn' }))],
  AWSSecretsManagerRotationPolicy: [
    allow(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'], sub(`${A}:secretsmanager:${RA}:secret:*`),
      { StringEquals: { 'secretsmanager:resource/AllowRotationLambdaArn': sub(`${A}:lambda:${RA}:function:\${functionName}`, { functionName: 'FunctionName' }) } }),
    allow(['secretsmanager:GetRandomPassword'], '*'),
  ],
  SSMParameterReadPolicy: [allow(['ssm:DescribeParameters'], '*'), allow(ssmParameters, sub(`${A}:ssm:${RA}:parameter/\${parameterName}`, { parameterName: 'ParameterName' }))],
  SSMParameterWithSlashPrefixReadPolicy: [allow(['ssm:DescribeParameters'], '*'), allow(ssmParameters, sub(`${A}:ssm:${RA}:parameter\${parameterName}`, { parameterName: 'ParameterName' }))],
  StepFunctionsExecutionPolicy: [allow(['states:StartExecution'], stateMachine)],
  StepFunctionsCallbackPolicy: [allow(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'], stateMachine)],
  EventBridgePutEventsPolicy: [allow('events:PutEvents', sub(`${A}:events:${RA}:event-bus/\${eventBusName}`, { eventBusName: 'EventBusName' }))],
  FilterLogEventsPolicy: [allow(['logs:FilterLogEvents'], sub(`${A}:logs:${RA}:log-group:\${logGroupName}:log-stream:*`, { logGroupName: 'LogGroupName' }))],
  AthenaQueryPolicy: [
    allow(['athena:ListWorkGroups', 'athena:GetExecutionEngine', 'athena:GetExecutionEngines', 'athena:GetNamespace', 'athena:GetCatalogs', 'athena:GetNamespaces', 'athena:GetTables', 'athena:GetTable'], '*'),
    allow(['athena:StartQueryExecution', 'athena:GetQueryResults', 'athena:DeleteNamedQuery', 'athena:GetNamedQuery', 'athena:ListQueryExecutions', 'athena:StopQueryExecution', 'athena:GetQueryResultsStream', 'athena:ListNamedQueries', 'athena:CreateNamedQuery', 'athena:GetQueryExecution', 'athena:BatchGetNamedQuery', 'athena:BatchGetQueryExecution', 'athena:GetWorkGroup'],
      sub(`${A}:athena:${RA}:workgroup/\${workgroupName}`, { workgroupName: 'WorkGroupName' })),
  ],
  TextractPolicy: [allow(['textract:*'], '*')],
  TextractDetectAnalyzePolicy: [allow(['textract:DetectDocumentText', 'textract:StartDocumentTextDetection', 'textract:StartDocumentAnalysis', 'textract:AnalyzeDocument'], '*')],
  TextractGetResultPolicy: [allow(['textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis'], '*')],
  ComprehendBasicAccessPolicy: [allow(['comprehend:BatchDetectKeyPhrases', 'comprehend:DetectDominantLanguage', 'comprehend:DetectEntities', 'comprehend:BatchDetectEntities', 'comprehend:DetectKeyPhrases', 'comprehend:DetectSentiment', 'comprehend:BatchDetectDominantLanguage', 'comprehend:BatchDetectSentiment'], '*')],
  RekognitionDetectOnlyPolicy: [allow(['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'], '*')],
  RekognitionLabelsPolicy: [allow(['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], '*')],
  RekognitionFacesPolicy: [allow(['rekognition:CompareFaces', 'rekognition:DetectFaces'], '*')],
  RekognitionNoDataAccessPolicy: [allow(['rekognition:CompareFaces', 'rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], rekognitionCollection)],
  RekognitionReadPolicy: [allow(['rekognition:ListCollections', 'rekognition:ListFaces', 'rekognition:SearchFaces', 'rekognition:SearchFacesByImage'], rekognitionCollection)],
  RekognitionWriteOnlyAccessPolicy: [allow(['rekognition:CreateCollection', 'rekognition:IndexFaces'], rekognitionCollection)],
  RekognitionFacesManagementPolicy: [allow(['rekognition:IndexFaces', 'rekognition:DeleteFaces', 'rekognition:SearchFaces', 'rekognition:SearchFacesByImage', 'rekognition:ListFaces'], rekognitionCollection)],
  EKSDescribePolicy: [allow(['eks:DescribeCluster', 'eks:ListClusters'], '*')],
  CostExplorerReadOnlyPolicy: [allow(['ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetReservationCoverage', 'ce:GetReservationPurchaseRecommendation', 'ce:GetReservationUtilization', 'ce:GetTags'], '*')],
  OrganizationsListAccountsPolicy: [allow(['organizations:ListAccounts'], '*')],
  AcmGetCertificatePolicy: [allow(['acm:GetCertificate'], sub('${certificateArn}', { certificateArn: 'CertificateArn' }))],
  Route53ChangeResourceRecordSetsPolicy: [allow(['route53:ChangeResourceRecordSets'], sub(`${A}:route53:::hostedzone/\${HostedZoneId}`, { HostedZoneId: 'HostedZoneId' }))],
  EcsRunTaskPolicy: [allow(['ecs:RunTask'], sub(`${A}:ecs:${RA}:task-definition/\${taskDefinition}`, { taskDefinition: 'TaskDefinition' }))],
  EFSWriteAccessPolicy: [allow(['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], sub(`${A}:elasticfilesystem:${RA}:file-system/\${FileSystem}`, { FileSystem: 'FileSystem' }),
    { StringEquals: { 'elasticfilesystem:AccessPointArn': sub(`${A}:elasticfilesystem:${RA}:access-point/\${AccessPoint}`, { AccessPoint: 'AccessPoint' }) } })],
  ElasticMapReduceAddJobFlowStepsPolicy: [allow('elasticmapreduce:AddJobFlowSteps', emrCluster)],
  ElasticMapReduceCancelStepsPolicy: [allow('elasticmapreduce:CancelSteps', emrCluster)],
  ElasticMapReduceTerminateJobFlowsPolicy: [allow('elasticmapreduce:TerminateJobFlows', emrCluster)],
  CodePipelineLambdaExecutionPolicy: [allow(['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult'], '*')],
  CodePipelineReadOnlyPolicy: [allow(['codepipeline:ListPipelineExecutions'], sub(`${A}:codepipeline:${RA}:\${pipelinename}`, { pipelinename: 'PipelineName' }))],
  ServerlessRepoReadWriteAccessPolicy: [allow(['serverlessrepo:CreateApplication', 'serverlessrepo:CreateApplicationVersion', 'serverlessrepo:UpdateApplication', 'serverlessrepo:GetApplication', 'serverlessrepo:ListApplications', 'serverlessrepo:ListApplicationVersions', 'serverlessrepo:ListApplicationDependencies'], [sub(`${A}:serverlessrepo:${RA}:applications/*`)])],
  MobileAnalyticsWriteOnlyAccessPolicy: [allow(['mobileanalytics:PutEvents'], '*')],
  PollyFullAccessPolicy: [
    allow(['polly:GetLexicon', 'polly:DeleteLexicon'], [sub(`${A}:polly:${RA}:lexicon/\${lexiconName}`, { lexiconName: 'LexiconName' })]),
    allow(['polly:DescribeVoices', 'polly:ListLexicons', 'polly:PutLexicon', 'polly:SynthesizeSpeech'], [sub(`${A}:polly:${RA}:lexicon/*`)]),
  ],
};

/** The parameters (`{Ref: P}` placeholders) a template's statements use. */
function parametersOf(v: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => parametersOf(x, out));
  const o = obj(v);
  if (o) {
    if (typeof o.Ref === 'string' && Object.keys(o).length === 1 && !o.Ref.startsWith('AWS::')) out.add(o.Ref);
    else Object.values(o).forEach((x) => parametersOf(x, out));
  }
  return out;
}

/** Whether a name is a SAM policy template we know. */
export function isPolicyTemplate(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, name);
}

/**
 * Expands one template with the user's parameter values (copied through as written: literals or intrinsics).
 * Returns the policy document SAM writes (`{Statement: [...]}`), or the problem.
 */
export function expandPolicyTemplate(name: string, values: unknown): { document: Doc } | { problem: string } {
  const statements = TEMPLATES[name];
  if (!statements) return { problem: `unknown SAM policy template "${name}"` };
  const given = obj(values);
  if (!given) return { problem: `the parameters of policy template "${name}" must be a mapping (use {} when it takes none)` };
  const needed = parametersOf(statements, new Set());
  const missing = [...needed].filter((p) => given[p] === undefined);
  if (missing.length > 0) return { problem: `policy template "${name}" is missing parameter(s) ${missing.join(', ')}` };
  const replace = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(replace);
    const o = obj(v);
    if (!o) return v;
    if (typeof o.Ref === 'string' && Object.keys(o).length === 1 && needed.has(o.Ref)) return clone(given[o.Ref]);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, replace(x)]));
  };
  return { document: { Statement: replace(statements) as Doc[] } };
}

/** Names of the templates we expand (for docs and tests). */
export const POLICY_TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES).sort();
