/**
 * One SAM template being expanded: its resources with Globals merged in, the APIs events attach to (explicit and
 * implicit), and the order SAM translates in (functions first, so that their events shape the APIs).
 */
import { InputError } from '../errors';
import { clone, isIntrinsic, obj } from './common';
import { Expansion, SamResource } from './context';
import { expandFunction } from './function';
import { SamGlobals } from './globals';
import { expandHttpApi } from './http-api';
import { expandRestApi } from './rest-api';
import { expandSimpleTable } from './simple-table';

/** An API (REST or HTTP) that events add routes to, before it is itself expanded. */
export interface ApiState {
  readonly id: string;
  readonly kind: 'rest' | 'http';
  /** The SAM resource (explicit) or a stand-in for the implicit API, then the functions whose events made it. */
  readonly sources: SamResource[];
  /** Properties after Globals. */
  readonly props: Record<string, any>;
  /** The inline definition being built (generated or the user's DefinitionBody); undefined when not inline. */
  body?: Record<string, any>;
  /** Whether SAM manages the definition (adds event routes to it). */
  readonly managed: boolean;
  readonly implicit: boolean;
  /** HTTP API route settings added by events (`"GET /path"` -> settings). */
  readonly routeSettings: Record<string, any>;
}

export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

export class SamTemplate {
  public readonly resources = new Map<string, SamResource>();
  public readonly apis = new Map<string, ApiState>();
  private readonly modified = new Set<string>();

  constructor(public readonly exp: Expansion, public readonly globals: SamGlobals, private readonly parameters: Record<string, any>) {}

  /** Translates every resource: plain ones are kept, SAM ones expanded; `opaque` SAM resources are kept unexpanded. */
  public expand(input: Record<string, any>, opaque: ReadonlySet<string>): void {
    const later: SamResource[] = [];
    for (const [id, entry] of Object.entries(input)) {
      const type = obj(entry)?.Type;
      if (typeof type !== 'string' || !type.startsWith('AWS::Serverless::') || opaque.has(id)) {
        this.exp.keep(id, entry);
        continue;
      }
      if (entry.Properties !== undefined && !obj(entry.Properties)) this.refuseId(id, `resource ${id} (${type}): Properties must be a mapping`);
      const merged = this.globals.merge(type, clone(entry.Properties ?? {}), entry.IgnoreGlobals);
      const sam: SamResource = { id, type, props: merged.props, entry };
      this.resources.set(id, sam);
      if (merged.problem) this.refuseId(id, `resource ${id}: ${merged.problem}`);
      later.push(sam);
    }
    for (const sam of later) {
      if (sam.type === 'AWS::Serverless::Api' || sam.type === 'AWS::Serverless::HttpApi') this.explicitApi(sam);
    }
    for (const sam of later) if (sam.type === 'AWS::Serverless::Function') expandFunction(this, sam);
    for (const api of this.apis.values()) (api.kind === 'rest' ? expandRestApi : expandHttpApi)(this, api);
    for (const sam of later) {
      if (sam.type === 'AWS::Serverless::SimpleTable') {expandSimpleTable(this, sam);} else if (!['AWS::Serverless::Function', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'].includes(sam.type)) {
        this.exp.keep(sam.id, sam.entry);
        this.exp.note(sam.id, {
          id: `type:${sam.type}`,
          severity: 'error',
          reason: `${sam.type} is not expanded by this checker: the resources (and IAM roles or policies) SAM generates for it were not checked`,
        });
      }
    }
  }

  private explicitApi(sam: SamResource): void {
    const kind = sam.type === 'AWS::Serverless::Api' ? 'rest' : 'http';
    const given = sam.props.DefinitionBody;
    const managed = given === undefined && sam.props.DefinitionUri === undefined;
    const body = managed ? skeleton(kind, sam.props.OpenApiVersion) : obj(given) && !isIntrinsic(given) ? clone(given) : undefined;
    this.apis.set(sam.id, { id: sam.id, kind, sources: [sam], props: sam.props, body, managed, implicit: false, routeSettings: {} });
  }

  /** The implicit API (`ServerlessRestApi` / `ServerlessHttpApi`), created by the first event that needs it. */
  public implicitApi(kind: 'rest' | 'http', fn: SamResource): ApiState {
    const id = kind === 'rest' ? IMPLICIT_REST_API : IMPLICIT_HTTP_API;
    let api = this.apis.get(id);
    if (api && !api.implicit) this.refuse(fn, `${id} is the logical id SAM gives the implicit API of ${kind === 'rest' ? 'Api' : 'HttpApi'} events; it cannot be a resource of the template`);
    if (!api) {
      if (id in this.exp.input) this.refuse(fn, `${id} is the logical id SAM gives the implicit API; it cannot be a resource of the template`);
      const type = kind === 'rest' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
      const props = this.globals.merge(type, kind === 'rest' ? { StageName: 'Prod' } : {}, undefined).props;
      const standIn: SamResource = { id, type, props, entry: {} };
      api = { id, kind, sources: [standIn], props, body: skeleton(kind, props.OpenApiVersion), managed: true, implicit: true, routeSettings: {} };
      this.apis.set(id, api);
    }
    if (!api.sources.includes(fn)) api.sources.push(fn);
    return api;
  }

  /** A kept (non-SAM) resource of the output, copied once so that events can modify it (S3 notifications). */
  public modifiable(id: string): Record<string, any> {
    if (!this.modified.has(id)) {
      this.exp.resources[id] = clone(this.exp.resources[id]);
      this.modified.add(id);
    }
    return this.exp.resources[id];
  }

  /** SAM refuses the template: an input error naming the resource's line. */
  public refuse(sam: SamResource, reason: string): never {
    this.refuseId(sam.id, reason);
  }

  private refuseId(id: string, reason: string): never {
    throw new InputError(this.exp.file, `SAM would refuse this template: ${reason}`, this.exp.inputLines.get(id));
  }

  /** The default of a `{Ref: Parameter}`, as SAM resolves alias names with default parameter values. */
  public parameterDefault(v: unknown): unknown {
    const name = obj(v)?.Ref;
    return typeof name === 'string' ? obj(this.parameters[name])?.Default : undefined;
  }

  /** Replaces `{Ref: Parameter}` by the parameter's default where it has one (SAM does this before hashing). */
  public resolveParameters(v: unknown): any {
    if (Array.isArray(v)) return v.map((x) => this.resolveParameters(x));
    const o = obj(v);
    if (!o) return v;
    if (typeof o.Ref === 'string' && Object.keys(o).length === 1) {
      const d = obj(this.parameters[o.Ref])?.Default;
      return d === undefined ? o : d;
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, this.resolveParameters(x)]));
  }
}

/** The definition SAM starts from when it manages one. */
function skeleton(kind: 'rest' | 'http', openApiVersion: unknown): Record<string, any> {
  const info = { version: '1.0', title: { Ref: 'AWS::StackName' } };
  if (kind === 'http') return { openapi: '3.0.1', info, paths: {} };
  if (typeof openApiVersion === 'string' && /^3\./.test(openApiVersion)) return { openapi: openApiVersion, info, paths: {} };
  return { swagger: '2.0', info, paths: {} };
}
