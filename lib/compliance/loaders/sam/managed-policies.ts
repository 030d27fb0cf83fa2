/**
 * AWS managed policy names as SAM resolves them in `Policies` (SAM looks names up in a bundled list of every AWS
 * managed policy, then in IAM). We carry the names whose ARN is not `arn:aws:iam::aws:policy/<name>` (a path), and
 * the common ones at the root, so that a name we do not know is reported as an assumption rather than trusted.
 */

const PATHS: Record<string, string[]> = {
  'service-role/': [
    'AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSLambdaSQSQueueExecutionRole', 'AWSLambdaKinesisExecutionRole',
    'AWSLambdaDynamoDBExecutionRole', 'AWSLambdaMSKExecutionRole', 'AWSLambdaRole', 'AWSLambdaENIManagementAccess',
    'AmazonAPIGatewayPushToCloudWatchLogs', 'AWSAppSyncPushToCloudWatchLogs', 'AWSConfigRulesExecutionRole', 'AWS_ConfigRole', 'AWSCodeDeployRole',
    'AWSCodeDeployRoleForLambda', 'AWSCodeDeployRoleForLambdaLimited', 'AWSCodeDeployRoleForCloudFormation', 'AWSIoTRuleActions', 'AWSIoTLogging',
    'AWSIoTThingsRegistration', 'AWSGlueServiceRole', 'AmazonECSTaskExecutionRolePolicy', 'AmazonEC2ContainerServiceRole',
    'AmazonEC2ContainerServiceforEC2Role', 'AmazonEC2ContainerServiceEventsRole', 'AmazonEC2SpotFleetTaggingRole', 'AmazonSSMAutomationRole',
    'AWSBatchServiceRole', 'AWSBatchServiceEventTargetRole', 'AmazonRDSEnhancedMonitoringRole', 'AWSBackupServiceRolePolicyForBackup',
    'AWSBackupServiceRolePolicyForRestores', 'AWSTransferLoggingAccess', 'AmazonElasticMapReduceRole', 'AmazonElasticMapReduceforEC2Role',
    'AWSDataLifecycleManagerServiceRole',
    'AWSAppRunnerServicePolicyForECRAccess', 'AWSElasticBeanstalkEnhancedHealth',
  ],
  'job-function/': ['ViewOnlyAccess', 'DatabaseAdministrator', 'NetworkAdministrator', 'SystemAdministrator', 'DataScientist', 'SupportUser', 'Billing'],
  '': [
    'AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'IAMFullAccess', 'IAMReadOnlyAccess', 'AWSLambdaExecute', 'AWSLambda_FullAccess',
    'AWSLambda_ReadOnlyAccess', 'AWSLambdaInvocation-DynamoDB', 'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess', 'AmazonS3ObjectLambdaExecutionRolePolicy',
    'AmazonDynamoDBFullAccess', 'AmazonDynamoDBReadOnlyAccess', 'AmazonSQSFullAccess', 'AmazonSQSReadOnlyAccess', 'AmazonSNSFullAccess',
    'AmazonSNSReadOnlyAccess', 'AWSXrayWriteOnlyAccess', 'AWSXRayDaemonWriteAccess', 'AWSXrayFullAccess', 'AWSXrayReadOnlyAccess', 'CloudWatchFullAccess',
    'CloudWatchReadOnlyAccess', 'CloudWatchLogsFullAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchLambdaInsightsExecutionRolePolicy',
    'CloudWatchAgentServerPolicy', 'AmazonKinesisFullAccess', 'AmazonKinesisReadOnlyAccess', 'AmazonKinesisFirehoseFullAccess',
    'AmazonEventBridgeFullAccess', 'AmazonEventBridgeReadOnlyAccess', 'AWSStepFunctionsFullAccess', 'AWSStepFunctionsReadOnlyAccess',
    'SecretsManagerReadWrite', 'AmazonSSMReadOnlyAccess', 'AmazonSSMFullAccess', 'AmazonSSMManagedInstanceCore', 'AmazonRDSFullAccess',
    'AmazonRDSReadOnlyAccess', 'AmazonRDSDataFullAccess', 'AmazonEC2FullAccess', 'AmazonEC2ReadOnlyAccess', 'AmazonVPCFullAccess',
    'AmazonVPCReadOnlyAccess', 'AWSKeyManagementServicePowerUser', 'AmazonSESFullAccess', 'AmazonSESReadOnlyAccess', 'AmazonCognitoPowerUser',
    'AmazonCognitoReadOnly', 'AmazonTextractFullAccess', 'ComprehendFullAccess', 'ComprehendReadOnly', 'AmazonRekognitionFullAccess',
    'AmazonRekognitionReadOnlyAccess', 'AmazonPollyFullAccess', 'AmazonPollyReadOnlyAccess', 'TranslateFullAccess', 'TranslateReadOnly',
    'AmazonAthenaFullAccess', 'AWSGlueConsoleFullAccess', 'AmazonSageMakerFullAccess', 'AmazonSageMakerReadOnly', 'AmazonBedrockFullAccess',
    'AmazonBedrockReadOnly', 'AmazonElasticFileSystemClientReadWriteAccess', 'AmazonElasticFileSystemClientFullAccess',
    'AmazonElasticFileSystemClientReadOnlyAccess', 'AmazonElasticFileSystemFullAccess', 'AWSCloudFormationReadOnlyAccess',
    'AWSCloudFormationFullAccess', 'AWSCodePipeline_FullAccess', 'AWSCodePipeline_ReadOnlyAccess', 'AWSCodeCommitFullAccess',
    'AWSCodeCommitReadOnly', 'AWSCodeBuildAdminAccess', 'AWSCodeBuildReadOnlyAccess', 'AmazonAPIGatewayInvokeFullAccess',
    'AmazonAPIGatewayAdministrator', 'AWSCloudTrail_ReadOnlyAccess', 'AWSCloudTrail_FullAccess', 'AmazonOpenSearchServiceFullAccess',
    'AmazonOpenSearchServiceReadOnlyAccess', 'AmazonESFullAccess', 'AmazonESReadOnlyAccess', 'AWSIoTDataAccess', 'AWSIoTFullAccess',
    'AmazonTimestreamFullAccess', 'AmazonMSKFullAccess', 'AmazonMSKReadOnlyAccess', 'AmazonMQFullAccess', 'AmazonMQReadOnlyAccess',
    'AmazonElastiCacheFullAccess', 'AmazonElastiCacheReadOnlyAccess', 'AmazonRoute53FullAccess', 'AmazonRoute53ReadOnlyAccess',
    'AmazonEC2ContainerRegistryFullAccess', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEC2ContainerRegistryPowerUser', 'AmazonECS_FullAccess', 'AmazonEKSFargatePodExecutionRolePolicy',
    'AWSAppSyncAdministrator', 'AWSAppSyncInvokeFullAccess', 'AWSBatchFullAccess', 'AWSBackupFullAccess', 'AWSCertificateManagerFullAccess',
    'AWSCertificateManagerReadOnly', 'AWSOrganizationsFullAccess', 'AWSOrganizationsReadOnlyAccess', 'AWSPriceListServiceFullAccess',
    'AWSMarketplaceMeteringFullAccess', 'AmazonKinesisVideoStreamsFullAccess', 'AmazonQLDBFullAccess', 'AmazonRedshiftFullAccess',
    'AmazonRedshiftDataFullAccess', 'AmazonRedshiftReadOnlyAccess', 'AmazonConnect_FullAccess', 'AmazonDocDBFullAccess', 'AmazonNeptuneFullAccess',
    'AmazonTranscribeFullAccess', 'AmazonLexFullAccess', 'AWSWAFFullAccess', 'AWSWAFReadOnlyAccess', 'AWSSupportAccess',
    'AWSServiceCatalogAdminFullAccess', 'AWSHealthFullAccess', 'AmazonInspector2FullAccess', 'SecurityAudit', 'AWSSecurityHubFullAccess',
    'AmazonGuardDutyFullAccess', 'AWSConfigUserAccess', 'AmazonDevOpsGuruFullAccess', 'AWSResourceGroupsReadOnlyAccess',
  ],
};

const ARN_BY_NAME = new Map<string, string>();
for (const [path, names] of Object.entries(PATHS)) for (const n of names) ARN_BY_NAME.set(n, `arn:aws:iam::aws:policy/${path}${n}`);

/** The ARN SAM gives a managed policy name (aws partition, as SAM writes it outside GovCloud and China). */
export function managedPolicyArn(name: string): { arn: string; known: boolean } {
  if (name.startsWith('arn:')) return { arn: name, known: true };
  const known = ARN_BY_NAME.get(name);
  return known ? { arn: known, known: true } : { arn: `arn:aws:iam::aws:policy/${name}`, known: false };
}

/** `arn:aws:iam::aws:policy/<path><name>` of a policy SAM itself attaches (e.g. `service-role/AWSLambdaBasicExecutionRole`). */
export function awsManagedPolicy(pathAndName: string): string {
  return `arn:aws:iam::aws:policy/${pathAndName}`;
}
