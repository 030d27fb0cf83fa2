/**
 * Template transforms, expanded offline so that what CloudFormation will deploy is what the rules check:
 * `AWS::Serverless-2016-10-31` (SAM: Globals, Function, Api, HttpApi, SimpleTable; see sam/) and the parts of
 * `AWS::LanguageExtensions` that need no deploy-time value. Everything else that rewrites a template at deploy time
 * (`AWS::Include`, `Fn::Transform`, any other macro, SAM types and features not expanded here) is reported: the
 * resource (or the template) gets the `@unchecked` trait and `aws-template-unchecked-resource` fails the run on it.
 */
import { DefaultOverride, Resource, Suppression } from '../model';
import { CFN_METADATA_KEY, parseSuppressionList } from '../suppressions';
import { InputError } from './errors';
import { isIntrinsic, obj } from './sam/common';
import { EXPANDED_FROM_METADATA_KEY, Expansion, UNCHECKED_METADATA_KEY, UncheckedNote } from './sam/context';
import { SamGlobals } from './sam/globals';
import { FOR_EACH_PREFIX, expandLanguageExtensions } from './sam/language-extensions';
import { SamTemplate } from './sam/template';

export { EXPANDED_FROM_METADATA_KEY, UNCHECKED_METADATA_KEY };
export type { UncheckedNote };

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';
/** Trait of a resource (or of the synthetic template resource) that was not fully checked. */
export const UNCHECKED_TRAIT = '@unchecked';
/** Resource type of the synthetic resource that carries template-level notes. */
export const TEMPLATE_RESOURCE_TYPE = 'secure-constructs::Template';

/** The result of expanding one template. */
export interface TransformExpansion {
  /** The template as CloudFormation will see it after the transforms we expand (the input itself when there are none). */
  readonly template: any;
  /** Logical id -> 1-based line, generated resources at the line of the SAM resource they came from. */
  readonly lines: Map<string, number>;
  /** Generated logical id -> the SAM resources it came from. */
  readonly origins: ReadonlyMap<string, readonly string[]>;
  /** What could not be expanded, about the template as a whole. */
  readonly templateNotes: readonly UncheckedNote[];
  /** Every note on a resource, by logical id (also in each resource's Metadata). */
  readonly unchecked: ReadonlyMap<string, readonly UncheckedNote[]>;
  /** What could not be expanded, each with its reason: the notes of `unchecked` and `templateNotes` in one list. */
  readonly unexpanded: readonly (UncheckedNote & { readonly logicalId?: string })[];
  /** The input template (for its own Metadata suppressions). */
  readonly input: any;
  /** The resources the expansion read (after language extensions): where the SAM resources' suppressions are declared. */
  readonly sourceResources: Record<string, any>;
}

/** Expands the transforms of a parsed template. Throws InputError where CloudFormation or SAM would refuse the template. */
export function expandTransforms(template: any, file: string, lines: Map<string, number> = new Map()): TransformExpansion {
  const resources: Record<string, any> = obj(template?.Resources) ?? {};
  const transforms = transformNames(template?.Transform);
  const sam = transforms.names.includes(SAM_TRANSFORM);
  const le = transforms.names.includes(LANGUAGE_EXTENSIONS);
  const templateNotes: UncheckedNote[] = [...transforms.notes];
  for (const name of transforms.names) {
    if (name === SAM_TRANSFORM || name === LANGUAGE_EXTENSIONS || isBoundedAwsTransform(name, resources)) continue;
    templateNotes.push(name === 'AWS::Include'
      ? { id: 'transform:AWS::Include', severity: 'error', reason: 'the template-level AWS::Include transform inserts a snippet from S3 at deploy time; it is not in the template and was not checked' }
      : { id: `transform:${name}`, severity: 'error', reason: `the macro ${name} rewrites the template at deploy time; what it produces was not checked (the rest of the template was checked without it)` });
  }
  for (const [section, value] of Object.entries(obj(template) ?? {})) {
    if (section === 'Resources' || section === 'Transform') continue;
    const hit = findTransform(value);
    if (hit) templateNotes.push({ id: `fn-transform:${section}`, severity: 'error', reason: `${section} uses Fn::Transform (${hit}); the content it inserts at deploy time is not in the template and was not checked` });
  }
  if (!le && Object.keys(resources).some((k) => k.startsWith(FOR_EACH_PREFIX))) {
    throw new InputError(file, `Fn::ForEach needs the ${LANGUAGE_EXTENSIONS} transform; CloudFormation refuses this template`);
  }
  if (!sam) {
    for (const [id, r] of Object.entries(resources)) {
      if (typeof r?.Type === 'string' && r.Type.startsWith('AWS::Serverless::')) {
        throw new InputError(file, `resource ${id} is ${r.Type}, but the template does not declare "Transform: ${SAM_TRANSFORM}"; CloudFormation refuses it`, lines.get(id));
      }
    }
  }
  const opaque = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) {
    const hit = opaqueTransform(r);
    if (hit) opaque.set(id, hit);
  }
  if (!sam && !le && templateNotes.length === 0 && opaque.size === 0) {
    return {
      template, lines, origins: new Map(), templateNotes: [], unchecked: new Map(), unexpanded: [], input: template, sourceResources: resources,
    };
  }

  const parameters = obj(template.Parameters) ?? {};
  let input = resources;
  if (le) {
    const r = expandLanguageExtensions(resources, parameters);
    input = r.value;
    templateNotes.push(...r.notes);
    for (const [id, entry] of Object.entries(input)) {
      const hit = opaqueTransform(entry);
      if (hit && !opaque.has(id)) opaque.set(id, hit);
    }
  }
  if ('Fn::Transform' in input) {
    templateNotes.push({ id: 'fn-transform:Resources', severity: 'error', reason: `Resources uses Fn::Transform (${findTransform({ x: input['Fn::Transform'] })}) to insert resources at deploy time; they are not in the template and were not checked` });
    input = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'Fn::Transform'));
    opaque.delete('Fn::Transform');
  }
  const exp = new Expansion(file, lines, input);
  if (sam) {
    const globals = new SamGlobals(template.Globals);
    templateNotes.push(...globals.notes);
    new SamTemplate(exp, globals, parameters).expand(input, new Set(opaque.keys()));
  } else {
    for (const [id, entry] of Object.entries(input)) exp.keep(id, entry);
  }
  for (const [id, hit] of opaque) {
    const sam_ = typeof input[id]?.Type === 'string' && input[id].Type.startsWith('AWS::Serverless::');
    exp.note(id, {
      id: 'fn-transform',
      severity: 'error',
      reason: `the resource uses Fn::Transform (${hit}): what it inserts at deploy time is not in the template${sam_ ? ', so the SAM resource was not expanded either' : ''}; it was not checked`,
    });
  }
  if (exp.unresolvedNotes().length > 0) throw new Error(`internal: unchecked notes on resources that were not generated: ${exp.unresolvedNotes().join(', ')}`);
  const out: Record<string, any> = { ...template, Resources: exp.resources };
  if (sam) delete out.Globals;
  const unchecked = new Map<string, UncheckedNote[]>();
  for (const [id, entry] of Object.entries(exp.resources)) {
    const list = obj(entry?.Metadata)?.[UNCHECKED_METADATA_KEY];
    if (Array.isArray(list) && list.length > 0) unchecked.set(id, list);
  }
  const forTemplate = dedupe(templateNotes);
  const unexpanded = [...forTemplate, ...[...unchecked].flatMap(([logicalId, list]) => list.map((n) => ({ ...n, logicalId })))];
  return {
    template: out, lines: exp.lines, origins: exp.origins, templateNotes: forTemplate, unchecked, unexpanded, input: template, sourceResources: input,
  };
}

/**
 * Finishes the resources of an expanded template: generated resources get the suppressions declared on the SAM
 * resource they came from (the same objects, so a suppression used by one of them is not reported unused), notes
 * become the `@unchecked` trait, and template-level notes become one synthetic resource `<stack>/(template)`
 * (suppressible through the template's own `Metadata.secure-constructs.suppressions`).
 */
export function withExpansion<
  T extends { resources: Resource[]; problems: string[]; tree?: { forPath(constructPath: string | undefined): Suppression[] } },
>(
  loaded: T, expansion: TransformExpansion, stack: string, file: string,
): T {
  if (expansion.origins.size === 0 && expansion.unchecked.size === 0 && expansion.templateNotes.length === 0) return loaded;
  const inputResources = expansion.sourceResources;
  const shared = new Map<string, Suppression[]>();
  const problems = [...loaded.problems];
  const suppressionsOf = (sourceId: string): Suppression[] => {
    let list = shared.get(sourceId);
    if (list) return list;
    list = [];
    const md = obj(obj(inputResources[sourceId])?.Metadata) ?? {};
    for (const value of [obj(md[CFN_METADATA_KEY])?.suppressions, obj(md.cdk_nag)?.rules_to_suppress]) {
      const r = parseSuppressionList(value, 'metadata', `${stack}/${sourceId}`);
      problems.push(...r.problems);
      list.push(...r.suppressions);
    }
    shared.set(sourceId, list);
    return list;
  };
  // construct paths of the SAM resources (CDK's aws_sam constructs): their construct-tree suppressions apply to what they generate
  const pathOf = new Map(loaded.resources.filter((r) => r.constructPath).map((r) => [r.logicalId, r.constructPath]));
  const resources: Resource[] = loaded.resources.map((r) => {
    const id = r.logicalId ?? '';
    const sources = expansion.origins.get(id);
    const notes = expansion.unchecked.get(id);
    if (!sources && !notes) return r;
    const extra = (sources ?? []).flatMap(suppressionsOf);
    if (!r.constructPath && loaded.tree) {
      for (const s of sources ?? []) if (s !== id && pathOf.get(s)) extra.push(...loaded.tree.forPath(pathOf.get(s)));
    }
    return {
      ...r,
      suppressions: extra.length > 0 ? [...r.suppressions, ...extra] : r.suppressions,
      traits: notes ? [...(r.traits ?? []), UNCHECKED_TRAIT] : r.traits,
    };
  });
  if (expansion.templateNotes.length > 0) {
    const md = obj(obj(expansion.input?.Metadata)?.[CFN_METADATA_KEY]) ?? {};
    const own = parseSuppressionList(md.suppressions, 'metadata', `${stack}/(template)`);
    problems.push(...own.problems);
    // in a cloud assembly, suppressions on the stack construct (Suppressions.of(stack)) apply to the template
    const fromTree = loaded.tree ? loaded.tree.forPath(stack) : [];
    const overrides: DefaultOverride[] = [];
    resources.push({
      platform: 'aws',
      type: TEMPLATE_RESOURCE_TYPE,
      key: `${stack}/(template)`,
      name: '(template)',
      stack,
      file,
      body: { Type: TEMPLATE_RESOURCE_TYPE, Metadata: { [UNCHECKED_METADATA_KEY]: expansion.templateNotes } },
      traits: [UNCHECKED_TRAIT],
      suppressions: [...own.suppressions, ...fromTree],
      overrides,
    });
  }
  return { ...loaded, resources, problems };
}

/**
 * AWS transforms whose whole effect is known and bounded, so they leave nothing unchecked: the Secrets Manager
 * transform only turns the `HostedRotationLambda` of `AWS::SecretsManager::RotationSchedule` resources into AWS's own
 * published rotation application (its settings, the rotation type, KMS key and VPC placement, stay in the template
 * and are checked there); it changes no other resource. Declared without any such schedule it does nothing.
 */
function isBoundedAwsTransform(name: string, resources: Record<string, any>): boolean {
  if (!/^AWS::SecretsManager-\d{4}-\d{2}-\d{2}$/.test(name)) return false;
  return Object.values(resources).every((r) => {
    const hosted = obj(r?.Properties)?.HostedRotationLambda;
    return r?.Type !== 'AWS::SecretsManager::RotationSchedule' || hosted === undefined || (obj(hosted) !== undefined && !isIntrinsic(hosted));
  });
}

/** The names in `Transform` (a string, a `{Name}` object, or a list of these). */
function transformNames(v: unknown): { names: string[]; notes: UncheckedNote[] } {
  if (v === undefined) return { names: [], notes: [] };
  const names: string[] = [];
  const notes: UncheckedNote[] = [];
  for (const t of Array.isArray(v) ? v : [v]) {
    const name = typeof t === 'string' ? t : obj(t)?.Name;
    if (typeof name === 'string') names.push(name);
    else notes.push({ id: 'transform', severity: 'error', reason: `Transform ${JSON.stringify(t)} is not a transform name; what CloudFormation does with it was not checked` });
  }
  return { names, notes };
}

/**
 * Where a resource uses `Fn::Transform`, if that makes it opaque. An API whose only transform is its whole
 * DefinitionBody (the usual `AWS::Include` of an OpenAPI file) is still expanded: its stage and settings are
 * checked, and the API reports its definition as unchecked.
 */
function opaqueTransform(entry: any): string | undefined {
  const api = entry?.Type === 'AWS::Serverless::Api' || entry?.Type === 'AWS::Serverless::HttpApi';
  const body = obj(obj(entry?.Properties)?.DefinitionBody);
  if (api && body && Object.keys(body).length === 1 && 'Fn::Transform' in body) {
    const rest = { ...entry, Properties: { ...entry.Properties } };
    delete rest.Properties.DefinitionBody;
    return findTransform(rest);
  }
  return findTransform(entry);
}

/** Whether a value uses `Fn::Transform` anywhere (the fast check every template pays). Iterative: templates can be deep. */
function hasTransform(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const k in v as Record<string, unknown>) {
        if (k === 'Fn::Transform') return true;
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return false;
}

/** Where a value uses `Fn::Transform` (first occurrence, as `Name at path`), or undefined. */
function findTransform(root: unknown): string | undefined {
  if (!hasTransform(root)) return undefined;
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null && typeof v[i] === 'object') stack.push([v[i], `${path}[${i}]`]);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if ('Fn::Transform' in o) {
      const name = obj(o['Fn::Transform'])?.Name;
      return `${typeof name === 'string' ? name : 'a macro'}${path ? ` at ${path.replace(/^\./, '')}` : ''}`;
    }
    for (const [k, x] of Object.entries(o)) if (x !== null && typeof x === 'object') stack.push([x, `${path}.${k}`]);
  }
  return undefined;
}

function dedupe(notes: UncheckedNote[]): UncheckedNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
}
