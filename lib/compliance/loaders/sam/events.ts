/**
 * `Events` of an `AWS::Serverless::Function`: event source mappings, rules, subscriptions and the Lambda permissions
 * (`<Function><Event>Permission`) SAM generates for them, plus the managed policies pull sources add to the role.
 * Api and HttpApi events are in rest-api-events.ts and http-api.ts.
 */
import { clone, compact, getAtt, obj, ref, refTarget } from './common';
import { SamResource } from './context';
import { ExecutionRole, InvokeTarget } from './function';
import { httpApiEvent } from './http-api';
import { awsManagedPolicy } from './managed-policies';
import { restApiEvent } from './rest-api-events';
import { SamTemplate } from './template';

/** Properties of pull (event source mapping) events copied to the mapping, by event type. */
const PULL: Record<string, { arn: string; policy: string; props: readonly string[] }> = {
  SQS: {
    arn: 'Queue',
    policy: 'service-role/AWSLambdaSQSQueueExecutionRole',
    props: ['BatchSize', 'Enabled', 'MaximumBatchingWindowInSeconds', 'FilterCriteria', 'FunctionResponseTypes', 'ScalingConfig', 'KmsKeyArn', 'MetricsConfig'],
  },
  Kinesis: {
    arn: 'Stream',
    policy: 'service-role/AWSLambdaKinesisExecutionRole',
    props: [
      'StartingPosition', 'StartingPositionTimestamp', 'BatchSize', 'Enabled', 'MaximumBatchingWindowInSeconds', 'MaximumRetryAttempts', 'BisectBatchOnFunctionError',
      'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'TumblingWindowInSeconds', 'FunctionResponseTypes', 'FilterCriteria', 'KmsKeyArn', 'MetricsConfig',
    ],
  },
};
PULL.DynamoDB = { ...PULL.Kinesis, policy: 'service-role/AWSLambdaDynamoDBExecutionRole' };

const NOT_EXPANDED = ['MSK', 'MQ', 'SelfManagedKafka', 'DocumentDB', 'IoTRule', 'AlexaSkill', 'Cognito', 'CloudWatchLogs', 'ScheduleV2'];

export function expandEvent(
  t: SamTemplate,
  fn: SamResource,
  target: InvokeTarget,
  role: ExecutionRole | undefined,
  name: string,
  event: unknown,
): void {
  const e = obj(event);
  const type = e?.Type;
  const props = obj(e?.Properties) ?? {};
  const id = `${fn.id}${name}`;
  const note = (reason: string, severity: 'error' | 'warning' = 'error') => t.exp.note(fn.id, { id: `event:${name}`, reason: `event ${name}: ${reason}`, severity });
  if (!e || typeof type !== 'string') return note('the event has no Type; SAM refuses it');
  if (e.Properties !== undefined && !obj(e.Properties)) return note('Properties is not a mapping; SAM refuses it');
  const unknown = (known: readonly string[]) => {
    const extra = Object.keys(props).filter((k) => !known.includes(k));
    if (extra.length > 0) note(`propert${extra.length > 1 ? 'ies' : 'y'} ${extra.join(', ')} of a ${type} event ${extra.length > 1 ? 'are' : 'is'} not understood by this checker; what SAM generates from ${extra.length > 1 ? 'them' : 'it'} was not checked`);
  };
  const permission = (principal: string, extra: Record<string, unknown>) =>
    t.exp.add(`${id}Permission`, 'AWS::Lambda::Permission', compact({ Action: 'lambda:InvokeFunction', FunctionName: target.name, Principal: principal, ...extra }), fn);

  if (type === 'Api') return restApiEvent(t, fn, target, name, props, note);
  if (type === 'HttpApi') return httpApiEvent(t, fn, target, name, props, note);
  const pull = PULL[type];
  if (pull) {
    unknown([pull.arn, 'DestinationConfig', ...pull.props]);
    const mapping: Record<string, any> = { EventSourceArn: props[pull.arn], FunctionName: target.name };
    for (const k of pull.props) if (props[k] !== undefined) mapping[k] = props[k];
    const onFailure = obj(obj(props.DestinationConfig)?.OnFailure);
    if (onFailure) {
      const dest = clone(onFailure);
      const kind = dest.Type;
      delete dest.Type;
      mapping.DestinationConfig = { OnFailure: dest };
      const action = kind === 'SQS' ? ['sqs:SendMessage', 'SQSPolicy'] : kind === 'SNS' ? ['sns:publish', 'SNSPolicy'] : undefined;
      if (kind === 'S3') {
        role?.addPolicy({
          PolicyName: `${id}S3Policy`, PolicyDocument: {
            Statement: [
              { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['/', [dest.Destination, '*']] } },
              { Action: 's3:ListBucket', Effect: 'Allow', Resource: dest.Destination },
            ],
          },
        });
      } else if (action) {
        role?.addPolicy({ PolicyName: `${id}${action[1]}`, PolicyDocument: { Statement: [{ Action: action[0], Effect: 'Allow', Resource: dest.Destination }] } });
      } else if (kind !== undefined) {
        note('DestinationConfig.OnFailure.Type must be SQS, SNS or S3; SAM refuses anything else');
      }
    } else if (props.DestinationConfig !== undefined) {
      mapping.DestinationConfig = props.DestinationConfig;
    }
    role?.addManagedPolicy(awsManagedPolicy(pull.policy));
    t.exp.add(id, 'AWS::Lambda::EventSourceMapping', mapping, fn);
    return;
  }
  switch (type) {
    case 'S3': {
      unknown(['Bucket', 'Events', 'Filter']);
      const bucketId = refTarget(props.Bucket);
      const bucket = bucketId !== undefined && typeof props.Bucket !== 'string' ? t.exp.resources[bucketId] : undefined;
      if (!bucket || bucket.Type !== 'AWS::S3::Bucket') {
        return t.refuse(fn, `event ${name}: S3 events must reference (Ref) an AWS::S3::Bucket in the same template`);
      }
      permission('s3.amazonaws.com', { SourceAccount: ref('AWS::AccountId') });
      const b = t.modifiable(bucketId!);
      const deps = b.DependsOn === undefined ? [] : Array.isArray(b.DependsOn) ? b.DependsOn : [b.DependsOn];
      if (!deps.includes(`${id}Permission`)) b.DependsOn = [...deps, `${id}Permission`];
      const bp = obj(b.Properties) ?? (b.Properties = {});
      const nc = obj(bp.NotificationConfiguration) ?? (bp.NotificationConfiguration = {});
      const list: any[] = Array.isArray(nc.LambdaConfigurations) ? nc.LambdaConfigurations : (nc.LambdaConfigurations = []);
      for (const ev of Array.isArray(props.Events) ? props.Events : [props.Events]) {
        list.push(compact({ Event: ev, Function: target.arn, Filter: props.Filter }));
      }
      return;
    }
    case 'SNS': {
      unknown(['Topic', 'FilterPolicy', 'FilterPolicyScope', 'Region', 'RedrivePolicy', 'SqsSubscription']);
      if (props.SqsSubscription !== undefined && props.SqsSubscription !== false) {
        return note('SqsSubscription is not expanded: SAM creates an SQS queue, a queue policy and an event source mapping for it');
      }
      permission('sns.amazonaws.com', { SourceArn: props.Topic });
      t.exp.add(id, 'AWS::SNS::Subscription', compact({
        Protocol: 'lambda', Endpoint: target.arn, TopicArn: props.Topic, Region: props.Region, FilterPolicy: props.FilterPolicy,
        FilterPolicyScope: props.FilterPolicyScope, RedrivePolicy: props.RedrivePolicy,
      }), fn);
      return;
    }
    case 'Schedule':
    case 'CloudWatchEvent':
    case 'EventBridgeRule': {
      const schedule = type === 'Schedule';
      unknown(schedule
        ? ['Schedule', 'Input', 'Enabled', 'State', 'Name', 'Description', 'RetryPolicy', 'DeadLetterConfig']
        : ['Pattern', 'EventBusName', 'Input', 'InputPath', 'InputTransformer', 'State', 'RuleName', 'Target', 'RetryPolicy', 'DeadLetterConfig']);
      if (props.DeadLetterConfig !== undefined) note('DeadLetterConfig is not expanded: SAM may create an SQS queue and a queue policy for it');
      const targetEntry = compact({
        Arn: target.arn, Id: obj(props.Target)?.Id ?? `${id}LambdaTarget`, Input: props.Input, InputPath: props.InputPath,
        InputTransformer: props.InputTransformer, RetryPolicy: props.RetryPolicy,
      });
      const state = props.State ?? (props.Enabled === undefined ? undefined : props.Enabled === true || props.Enabled === 'true' ? 'ENABLED' : props.Enabled === false || props.Enabled === 'false' ? 'DISABLED' : props.Enabled);
      t.exp.add(id, 'AWS::Events::Rule', compact(schedule
        ? { ScheduleExpression: props.Schedule, Name: props.Name, Description: props.Description, State: state, Targets: [targetEntry] }
        : { EventPattern: props.Pattern, EventBusName: props.EventBusName, Name: props.RuleName, State: state, Targets: [targetEntry] }), fn);
      permission('events.amazonaws.com', { SourceArn: getAtt(id, 'Arn') });
      return;
    }
    default:
      if (NOT_EXPANDED.includes(type)) {
        return note(`${type} events are not expanded: SAM creates an event source mapping or permission for them and may add permissions to the execution role, none of which was checked`);
      }
      return note(`${type} is not an event type this checker knows; what SAM generates for it was not checked`);
  }
}
