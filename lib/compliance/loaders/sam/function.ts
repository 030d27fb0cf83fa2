/**
 * `AWS::Serverless::Function` -> `AWS::Lambda::Function`, its execution role `<Function>Role` (unless `Role` is given),
 * the alias and version of `AutoPublishAlias`, the function URL, and the resources of its `Events` (events.ts).
 */
import { clone, compact, getAtt, hashedLogicalId, isIntrinsic, isNoValue, obj, ref, tagList } from './common';
import { SamResource, UncheckedNote } from './context';
import { expandEvent } from './events';
import { awsManagedPolicy, managedPolicyArn } from './managed-policies';
import { expandPolicyTemplate, isPolicyTemplate } from './policy-templates';
import { SamTemplate } from './template';

/** Copied to the Lambda function as they are. */
const PASSTHROUGH = [
  'FunctionName', 'Handler', 'Runtime', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'KmsKeyArn', 'ReservedConcurrentExecutions',
  'Layers', 'FileSystemConfigs', 'ImageConfig', 'PackageType', 'Architectures', 'SnapStart', 'EphemeralStorage', 'CodeSigningConfigArn',
  'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop',
];
/** Read by this expansion. */
const HANDLED = [
  'CodeUri', 'InlineCode', 'ImageUri', 'SourceKMSKeyArn', 'Role', 'AssumeRolePolicyDocument', 'Policies', 'RolePath', 'PermissionsBoundary', 'Events', 'Tags',
  'PropagateTags', 'Tracing', 'DeadLetterQueue', 'AutoPublishAlias', 'AutoPublishCodeSha256', 'AutoPublishAliasAllProperties', 'VersionDescription',
  'ProvisionedConcurrencyConfig', 'FunctionUrlConfig',
];
/** Known to SAM, not expanded here: each creates resources or permissions we would not see. */
const NOT_EXPANDED: Record<string, string> = {
  DeploymentPreference: 'DeploymentPreference is not expanded: SAM creates a CodeDeploy application, deployment group and a CodeDeploy service role for it',
  EventInvokeConfig: 'EventInvokeConfig is not expanded: SAM creates the invoke config, may create SQS queues or SNS topics, and adds send permissions to the execution role',
};

/** What event sources invoke: the function, or its alias when AutoPublishAlias is set. */
export interface InvokeTarget {
  readonly functionId: string;
  /** For `FunctionName` of permissions and mappings. */
  readonly name: unknown;
  /** For targets and integrations. */
  readonly arn: { 'Ref'?: string; 'Fn::GetAtt'?: string[] };
}

/** The execution role under construction: events add managed policies and statements to it. */
export interface ExecutionRole {
  readonly id: string;
  readonly properties: Record<string, any>;
  /** What could not be judged about the role (recorded on it once it is added). */
  readonly notes: UncheckedNote[];
  addManagedPolicy(arn: unknown): void;
  addPolicy(policy: { PolicyName: string; PolicyDocument: unknown }): void;
}

export function expandFunction(t: SamTemplate, fn: SamResource): void {
  const p = fn.props;
  const props: Record<string, any> = {};
  for (const k of PASSTHROUGH) if (p[k] !== undefined) props[k] = p[k];
  props.Code = code(p);
  if (p.Tracing) props.TracingConfig = { Mode: p.Tracing };
  if (obj(p.DeadLetterQueue)) props.DeadLetterConfig = { TargetArn: p.DeadLetterQueue.TargetArn };
  props.Tags = tagList(p.Tags, ['lambda:createdBy', 'SAM']);
  const role = p.Role === undefined ? executionRole(t, fn) : undefined;
  props.Role = role ? getAtt(role.id, 'Arn') : p.Role;
  t.exp.add(fn.id, 'AWS::Lambda::Function', compact(props), fn, { main: true });
  if (role) {
    t.exp.add(role.id, 'AWS::IAM::Role', compact(role.properties), fn);
    for (const n of role.notes) t.exp.note(role.id, n);
  }
  for (const k of Object.keys(p)) {
    if (NOT_EXPANDED[k]) {t.exp.note(fn.id, { id: `property:${k}`, reason: NOT_EXPANDED[k], severity: 'error' });} else if (!PASSTHROUGH.includes(k) && !HANDLED.includes(k)) {
      t.exp.note(fn.id, { id: `property:${k}`, reason: `property ${k} of AWS::Serverless::Function is not understood by this checker; what SAM generates from it was not checked`, severity: 'error' });
    }
  }

  let target: InvokeTarget = { functionId: fn.id, name: ref(fn.id), arn: getAtt(fn.id, 'Arn') };
  if (p.AutoPublishAlias !== undefined) target = publishAlias(t, fn, props) ?? target;
  if (p.FunctionUrlConfig !== undefined) functionUrl(t, fn, target);

  const events = obj(p.Events) ?? {};
  if (p.Events !== undefined && !obj(p.Events)) t.exp.note(fn.id, { id: 'events', reason: 'Events is not a mapping; SAM refuses it', severity: 'error' });
  // SAM handles events in the order of their Path (else name), so that an HTTP API `$default` route (an HttpApi event
  // without Path and Method) comes first.
  const order = (name: string) => {
    const e = obj(events[name]);
    const path = obj(e?.Properties)?.Path;
    if (typeof path === 'string') return path;
    return e?.Type === 'HttpApi' && obj(e.Properties)?.Method === undefined ? '$default' : name;
  };
  for (const name of Object.keys(events).sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))) {
    expandEvent(t, fn, target, role, name, events[name]);
  }
  if (role && role.properties.Policies.length === 0) delete role.properties.Policies;
}

/** `Code` from CodeUri / InlineCode / ImageUri. A local CodeUri (before `sam build`/`sam package`) is kept as the key. */
function code(p: Record<string, any>): Record<string, any> {
  let c: Record<string, any>;
  if (p.InlineCode !== undefined) {c = { ZipFile: p.InlineCode };} else if (p.ImageUri !== undefined && p.PackageType === 'Image') {c = { ImageUri: p.ImageUri };} else if (typeof p.CodeUri === 'string') {
    const m = /^s3:\/\/([^/]+)\/([^?]+)(?:\?versionId=(.+))?$/.exec(p.CodeUri);
    c = m ? compact({ S3Bucket: m[1], S3Key: m[2], S3ObjectVersion: m[3] }) : { S3Bucket: '<uploaded by sam package>', S3Key: p.CodeUri };
  } else if (obj(p.CodeUri) && !isIntrinsic(p.CodeUri)) {
    c = compact({ S3Bucket: p.CodeUri.Bucket, S3Key: p.CodeUri.Key, S3ObjectVersion: p.CodeUri.Version });
  } else if (p.ImageUri !== undefined) {c = { ImageUri: p.ImageUri };} else {c = { S3Bucket: '<uploaded by sam package>', S3Key: p.CodeUri ?? '.' };}
  if (p.SourceKMSKeyArn !== undefined) c.SourceKMSKeyArn = p.SourceKMSKeyArn;
  return c;
}

function executionRole(t: SamTemplate, fn: SamResource): ExecutionRole {
  const p = fn.props;
  const id = `${fn.id}Role`;
  const managed: unknown[] = [awsManagedPolicy('service-role/AWSLambdaBasicExecutionRole')];
  if (p.Tracing) managed.push(awsManagedPolicy('AWSXrayWriteOnlyAccess'));
  if (p.VpcConfig) managed.push(awsManagedPolicy('service-role/AWSLambdaVPCAccessExecutionRole'));
  const policies: any[] = [];
  const dlq = obj(p.DeadLetterQueue);
  if (dlq) {
    const action = dlq.Type === 'SQS' ? 'sqs:SendMessage' : dlq.Type === 'SNS' ? 'sns:Publish' : undefined;
    if (!action) t.exp.note(fn.id, { id: 'property:DeadLetterQueue', reason: 'DeadLetterQueue.Type must be SQS or SNS; SAM refuses anything else', severity: 'error' });
    else policies.push({ PolicyName: 'DeadLetterQueuePolicy', PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: action, Resource: dlq.TargetArn, Effect: 'Allow' }] } });
  }
  const role: ExecutionRole = {
    id,
    notes: [],
    properties: {
      AssumeRolePolicyDocument: p.AssumeRolePolicyDocument ?? {
        Version: '2012-10-17',
        Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }],
      },
      ManagedPolicyArns: managed,
      Policies: policies,
      Path: p.RolePath,
      PermissionsBoundary: p.PermissionsBoundary,
      Tags: tagList(p.Tags, ['lambda:createdBy', 'SAM']),
    },
    addManagedPolicy: (arn) => {
      if (!managed.some((m) => JSON.stringify(m) === JSON.stringify(arn))) managed.push(arn);
    },
    addPolicy: (policy) => {
      if (!policies.some((x) => JSON.stringify(x.PolicyDocument) === JSON.stringify(policy.PolicyDocument))) policies.push(policy);
    },
  };
  const entries = p.Policies === undefined ? [] : Array.isArray(p.Policies) ? p.Policies : [p.Policies];
  entries.forEach((entry, index) => {
    const r = policyEntry(entry, `${id}Policy${index}`, index);
    role.notes.push(...r.notes);
    if (r.managed !== undefined) role.addManagedPolicy(r.managed);
    if (r.inline !== undefined) policies.push(r.inline);
  });
  return role;
}

type Kind = 'managed' | 'statement' | 'template' | 'novalue' | 'unknown';

function kindOf(v: unknown): Kind {
  if (typeof v === 'string') return 'managed';
  if (isNoValue(v)) return 'novalue';
  if (isIntrinsic(v)) return obj(v)!['Fn::If'] ? 'unknown' : 'managed';
  const o = obj(v);
  if (o && 'Statement' in o) return 'statement';
  if (o && Object.keys(o).length === 1) return 'template';
  return 'unknown';
}

/** One entry of `Policies`: a managed policy (name, ARN or intrinsic), an inline document, a policy template, or `Fn::If` of these. */
function policyEntry(entry: unknown, policyName: string, index: number): { managed?: unknown; inline?: any; notes: UncheckedNote[] } {
  const notes: UncheckedNote[] = [];
  const one = (v: unknown): { kind: Kind; value?: unknown } => {
    const kind = kindOf(v);
    if (kind === 'managed') {
      if (typeof v !== 'string') return { kind, value: v };
      const m = managedPolicyArn(v);
      if (!m.known) {
        notes.push({ id: `managed-policy:${v}`, severity: 'warning', reason: `Cannot verify: SAM resolves the managed policy name "${v}" through its list of AWS managed policies or IAM at deploy time; it was assumed to be ${m.arn}` });
      }
      return { kind, value: m.arn };
    }
    if (kind === 'statement') return { kind, value: v };
    if (kind === 'template') {
      const [name] = Object.keys(obj(v)!);
      if (!isPolicyTemplate(name)) {
        notes.push({ id: `policy-template:${name}`, severity: 'error', reason: `Policies[${index}] uses the policy template "${name}", which this checker does not know: what it grants to the role was not checked` });
        return { kind: 'unknown' };
      }
      const r = expandPolicyTemplate(name, obj(v)![name]);
      if ('problem' in r) {
        notes.push({ id: `policy-template:${name}`, severity: 'error', reason: `Policies[${index}]: ${r.problem}; SAM refuses it and what it grants was not checked` });
        return { kind: 'unknown' };
      }
      return { kind: 'statement', value: r.document };
    }
    return { kind };
  };
  const ifv = obj(entry)?.['Fn::If'];
  if (isIntrinsic(entry) && Array.isArray(ifv) && ifv.length === 3) {
    const a = isNoValue(ifv[1]) ? { kind: 'novalue' as Kind, value: ifv[1] } : one(ifv[1]);
    const b = isNoValue(ifv[2]) ? { kind: 'novalue' as Kind, value: ifv[2] } : one(ifv[2]);
    const kinds = new Set([a.kind, b.kind].filter((k) => k !== 'novalue'));
    if (kinds.size === 1 && !kinds.has('unknown')) {
      const [kind] = [...kinds];
      const wrap = (x: { kind: Kind; value?: unknown }) => (x.kind === 'novalue' ? x.value : kind === 'statement' ? { PolicyName: policyName, PolicyDocument: x.value } : x.value);
      const value = { 'Fn::If': [ifv[0], wrap(a), wrap(b)] };
      return kind === 'statement' ? { inline: value, notes } : { managed: value, notes };
    }
    if (notes.length === 0) notes.push({ id: `policy:${index}`, severity: 'error', reason: `Policies[${index}] is an Fn::If whose branches are not one kind of policy; SAM refuses it and the role was not fully checked` });
    return { notes };
  }
  if (isNoValue(entry)) return { notes }; // removed by CloudFormation
  const r = one(entry);
  if (r.kind === 'managed') return { managed: r.value, notes };
  if (r.kind === 'statement') return { inline: { PolicyName: policyName, PolicyDocument: r.value }, notes };
  if (notes.length === 0) notes.push({ id: `policy:${index}`, severity: 'error', reason: `Policies[${index}] is neither a managed policy, a policy document nor a policy template; SAM refuses it and the role was not fully checked` });
  return { notes };
}

/** `AutoPublishAlias`: a version (`<Function>Version<hash>`) and the alias (`<Function>Alias<name>`) events then target. */
function publishAlias(t: SamTemplate, fn: SamResource, lambdaProps: Record<string, any>): InvokeTarget | undefined {
  const p = fn.props;
  const name = typeof p.AutoPublishAlias === 'string' ? p.AutoPublishAlias : t.parameterDefault(p.AutoPublishAlias);
  if (typeof name !== 'string' || name === '') {
    t.exp.note(fn.id, { id: 'property:AutoPublishAlias', reason: 'AutoPublishAlias must be a string or a Ref to a template parameter; the alias was not expanded', severity: 'error' });
    return undefined;
  }
  let hashData: unknown;
  if (typeof p.AutoPublishCodeSha256 === 'string') {hashData = undefined;} else if (p.AutoPublishAliasAllProperties === true) {hashData = lambdaProps;} else {
    const d: Record<string, any> = { ...t.resolveParameters(clone(lambdaProps.Code)) };
    if (obj(lambdaProps.Environment)) Object.assign(d, t.resolveParameters(clone(lambdaProps.Environment)));
    if (lambdaProps.MemorySize !== undefined) d.MemorySize = lambdaProps.MemorySize;
    if (obj(lambdaProps.SnapStart) && lambdaProps.SnapStart.ApplyOn !== 'None') d.SnapStart = lambdaProps.SnapStart;
    hashData = d;
  }
  const versionId = typeof p.AutoPublishCodeSha256 === 'string' ? `${fn.id}Version${p.AutoPublishCodeSha256.slice(0, 10)}` : hashedLogicalId(`${fn.id}Version`, hashData);
  t.exp.add(versionId, 'AWS::Lambda::Version', compact({ FunctionName: ref(fn.id), Description: p.VersionDescription, RuntimeManagementConfig: p.RuntimeManagementConfig }), fn,
    { attributes: fn.entry.DeletionPolicy === undefined ? { DeletionPolicy: 'Retain' } : {} });
  const aliasId = `${fn.id}Alias${name}`;
  t.exp.add(aliasId, 'AWS::Lambda::Alias', compact({
    Name: name, FunctionName: ref(fn.id), FunctionVersion: getAtt(versionId, 'Version'), ProvisionedConcurrencyConfig: p.ProvisionedConcurrencyConfig,
  }), fn);
  return { functionId: fn.id, name: ref(aliasId), arn: ref(aliasId) };
}

/** `FunctionUrlConfig`: `<Function>Url`, and `<Function>UrlPublicPermissions` (Principal `*`) when AuthType is NONE. */
function functionUrl(t: SamTemplate, fn: SamResource, target: InvokeTarget): void {
  const c = obj(t.resolveParameters(clone(fn.props.FunctionUrlConfig)));
  if (!c || isIntrinsic(c)) {
    t.exp.note(fn.id, { id: 'property:FunctionUrlConfig', reason: 'FunctionUrlConfig is not a mapping with a literal AuthType; the function URL and its permission were not checked', severity: 'error' });
    return;
  }
  const fnRef = target.name;
  const urlTarget = target.arn.Ref ? target.arn : ref(fn.id);
  t.exp.add(`${fn.id}Url`, 'AWS::Lambda::Url', compact({ AuthType: c.AuthType, Cors: c.Cors, InvokeMode: c.InvokeMode, TargetFunctionArn: urlTarget }), fn);
  if (c.AuthType === 'NONE') {
    t.exp.add(`${fn.id}UrlPublicPermissions`, 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl', FunctionName: fnRef, Principal: '*', FunctionUrlAuthType: 'NONE',
    }, fn);
  } else if (c.AuthType !== 'AWS_IAM') {
    t.exp.note(fn.id, { id: 'property:FunctionUrlConfig.AuthType', reason: 'FunctionUrlConfig.AuthType must be AWS_IAM or NONE; SAM refuses anything else (an intrinsic cannot be checked)', severity: 'error' });
  }
}
