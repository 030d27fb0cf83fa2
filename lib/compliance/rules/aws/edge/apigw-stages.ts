/**
 * The stages of REST APIs as CloudFormation creates them: `AWS::ApiGateway::Stage`, and the stage an
 * `AWS::ApiGateway::Deployment` creates when it has a `StageName` (its settings are in `StageDescription`, where
 * `LoggingLevel`, `CachingEnabled`, `CacheDataEncrypted`... at the top level apply to every method).
 */
import { Resource, RuleContext } from '../../../model';
import { Alt, display, hasTokens } from '../../../values/cfn-resolve';
import { valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/** One possible value of a REST stage's settings. */
export interface StageSettings {
  /** Stage-level properties (Stage: its Properties; Deployment: its StageDescription). */
  readonly props: Record<string, any>;
  /** Method settings, the stage-wide defaults of a deployment stage description first (as `* /*`). */
  readonly methodSettings: Record<string, any>[];
  /** Whether the resource is a Deployment's inline stage. */
  readonly inline: boolean;
  /** The stage name, for messages. */
  readonly name: string;
}

const STAGE_WIDE = ['LoggingLevel', 'CachingEnabled', 'CacheDataEncrypted', 'DataTraceEnabled', 'MetricsEnabled', 'CacheTtlInSeconds'];

/** The possible settings of the REST stage a resource creates ([] when it creates none: a Deployment without StageName). */
export function restStages(resource: Resource, context: RuleContext): Alt<StageSettings>[] {
  const out: Alt<StageSettings>[] = [];
  for (const a of valuesOf(resource, context).alts([])) {
    const p = obj(a.value) ?? {};
    if (resource.type === 'AWS::ApiGateway::Stage') {
      out.push({
        value: { props: p, methodSettings: asList(p.MethodSettings).map((m) => obj(m) ?? {}), inline: false, name: display(p.StageName) },
        via: a.via,
      });
      continue;
    }
    if (p.StageName === undefined || p.StageName === '') continue;
    const d = obj(p.StageDescription) ?? {};
    const wide: Record<string, any> = { HttpMethod: '*', ResourcePath: '/*' };
    for (const k of STAGE_WIDE) if (d[k] !== undefined) wide[k] = d[k];
    const settings = [...(Object.keys(wide).length > 2 ? [wide] : []), ...asList(d.MethodSettings).map((m) => obj(m) ?? {})];
    out.push({ value: { props: d, methodSettings: settings, inline: true, name: display(p.StageName) }, via: a.via });
  }
  return out;
}

/** Whether a method setting applies to every method of the stage (`HttpMethod: *`, `ResourcePath: /*`). */
export function isStageWide(m: Record<string, any>): boolean {
  return m.HttpMethod === '*' && m.ResourcePath === '/*';
}

/** `<METHOD> <path>` of a method setting, for finding ids. */
export function settingLabel(m: Record<string, any>): string {
  return isStageWide(m) ? '*' : `${display(m.HttpMethod)} ${display(m.ResourcePath)}`;
}

/** Whether a value is not known before deployment. */
export function unknownValue(v: unknown): boolean {
  return typeof v === 'string' && hasTokens(v);
}
