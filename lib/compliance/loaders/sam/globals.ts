/**
 * The SAM `Globals` section: properties set once for every resource of a type, merged into each resource the way the
 * SAM translator merges them (local scalars win, maps merge key by key, lists are concatenated global-first;
 * intrinsics count as scalars). A section or property SAM does not accept is reported, not silently dropped.
 */
import { clone, isIntrinsic, obj } from './common';
import { UncheckedNote } from './context';

/** Properties each Globals section accepts (the SAM translator's list). */
const SUPPORTED: Record<string, readonly string[]> = {
  Function: [
    'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'Tags', 'PropagateTags',
    'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary',
    'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs',
    'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig',
    'RecursiveLoop', 'SourceKMSKeyArn',
  ],
  Api: [
    'Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables', 'EndpointConfiguration', 'MethodSettings',
    'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses', 'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion',
    'Domain', 'AlwaysDeploy', 'PropagateTags',
  ],
  HttpApi: ['Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain', 'RouteSettings', 'FailOnWarnings', 'PropagateTags'],
  SimpleTable: ['SSESpecification'],
  StateMachine: ['PropagateTags'],
  LayerVersion: ['PublishLambdaVersion'],
};

/** Parsed Globals: per `AWS::Serverless::<Section>` type, the global properties. */
export class SamGlobals {
  private readonly byType = new Map<string, Record<string, any>>();
  public readonly notes: UncheckedNote[] = [];

  constructor(section: unknown) {
    if (section === undefined) return;
    const g = obj(section);
    if (!g) {
      this.notes.push({ id: 'globals', reason: 'the Globals section is not a mapping; SAM refuses the template, and nothing it sets was applied', severity: 'error' });
      return;
    }
    for (const [name, props] of Object.entries(g)) {
      const supported = SUPPORTED[name];
      const p = obj(props);
      if (!supported || !p) {
        this.notes.push({ id: `globals:${name}`, reason: `Globals.${name} is not a section SAM accepts (${Object.keys(SUPPORTED).join(', ')}) or is not a mapping; its values were not applied to any resource`, severity: 'error' });
        continue;
      }
      const kept: Record<string, any> = {};
      for (const [k, v] of Object.entries(p)) {
        if (supported.includes(k)) kept[k] = v;
        else this.notes.push({ id: `globals:${name}.${k}`, reason: `Globals.${name}.${k} is not a property SAM accepts in Globals; it was not applied, so the resources it targets were not checked with it`, severity: 'error' });
      }
      this.byType.set(`AWS::Serverless::${name}`, kept);
    }
  }

  /** The global properties for a resource type (an empty map when none). */
  public of(type: string): Record<string, any> {
    return this.byType.get(type) ?? {};
  }

  /** Merges the globals into a resource's properties, honouring its `IgnoreGlobals` attribute. */
  public merge(type: string, props: Record<string, any>, ignore: unknown): { props: Record<string, any>; problem?: string } {
    let globals = this.byType.get(type);
    if (!globals) return { props };
    if (ignore === '*') return { props };
    if (ignore !== undefined) {
      if (!Array.isArray(ignore) || ignore.some((k) => typeof k !== 'string')) return { props, problem: 'IgnoreGlobals must be "*" or a list of property names' };
      globals = Object.fromEntries(Object.entries(globals).filter(([k]) => !ignore.includes(k)));
    }
    return { props: mergeValues(globals, props) };
  }
}

function kind(v: unknown): 'map' | 'list' | 'scalar' {
  if (Array.isArray(v)) return 'list';
  return obj(v) && !isIntrinsic(v) ? 'map' : 'scalar';
}

/** SAM's global/local merge. */
export function mergeValues(global: any, local: any): any {
  if (local === undefined) return clone(global);
  const g = kind(global);
  if (g !== kind(local) || g === 'scalar') return local;
  if (g === 'list') return [...clone(global), ...local];
  const out: Record<string, any> = clone(global);
  for (const [k, v] of Object.entries(local)) out[k] = k in out ? mergeValues(out[k], v) : v;
  return out;
}
