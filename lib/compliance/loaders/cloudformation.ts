import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, LineCounter, isMap, isScalar, Scalar, YAMLMap } from 'yaml';
import { cdkNagControls, cdkNagTitle, validationPluginSource } from '../cdk-nag';
import { DefaultOverride, Finding, Resource, RuleInfo, Suppression } from '../model';
import { CDK_ACK_METADATA_TYPE, CFN_METADATA_KEY, SUPPRESSION_METADATA_TYPE, parseSuppressionId, parseSuppressionList } from '../suppressions';
import { InputError, readInputText } from './errors';

/** Construct-tree metadata of one stack: construct path -> metadata entries (from the cloud assembly). */
export type StackMetadata = Record<string, { type: string; data?: any }[]>;

/** Everything loaded from AWS inputs. */
export interface AwsInputs {
  resources: Resource[];
  /** cdk-nag (and other plugin) findings from CDK's validation report, when a cloud assembly has one. */
  externalFindings: Finding[];
  externalRules: RuleInfo[];
  /** Suppressions declared on constructs that are not resources (reported if unused). */
  declaredSuppressions: Suppression[];
  /** Problems with suppression declarations (invalid reason etc.). */
  problems: string[];
}

const CFN_TAGS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'Length', 'ToJsonString'];

function cfnYamlTags(): any[] {
  const tags: any[] = [];
  for (const name of CFN_TAGS) {
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    for (const collection of [undefined, 'seq', 'map'] as const) {
      tags.push({
        tag: `!${name}`,
        collection,
        resolve: (value: any) => {
          const v = value && typeof value.toJSON === 'function' ? value.toJSON() : value;
          if (name === 'GetAtt' && typeof v === 'string') return { [key]: v.split('.') };
          return { [key]: v };
        },
      });
    }
  }
  return tags;
}

/** Parses a CloudFormation template (JSON or YAML). Returns the template and a logicalId -> line map. */
export function parseTemplate(file: string, text: string): { template: any; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  const trimmed = text.trimStart();
  let template: any;
  if (trimmed.startsWith('{')) {
    try {
      template = JSON.parse(text);
    } catch (e) {
      const msg = (e as Error).message;
      const m = /position (\d+)/.exec(msg);
      let line: number | undefined;
      let col: number | undefined;
      if (m) {
        const pos = Number(m[1]);
        const before = text.slice(0, pos);
        line = before.split('\n').length;
        col = pos - before.lastIndexOf('\n');
      }
      throw new InputError(file, `invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, line, col);
    }
    if (template && typeof template === 'object' && template.Resources && typeof template.Resources === 'object') {
      const ids = new Set(Object.keys(template.Resources));
      const re = /^\s*"((?:[^"\\]|\\.)+)"\s*:\s*\{/;
      const all = text.split('\n');
      let inResources = false;
      for (let i = 0; i < all.length; i++) {
        const m = re.exec(all[i]);
        if (!m) continue;
        if (m[1] === 'Resources') inResources = true;
        else if (inResources && ids.has(m[1]) && !lines.has(m[1])) lines.set(m[1], i + 1);
      }
    }
  } else {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, customTags: cfnYamlTags(), uniqueKeys: false });
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const pos = err.linePos?.[0];
      throw new InputError(file, `invalid YAML: ${err.message.split('\n')[0]}`, pos?.line, pos?.col);
    }
    template = doc.toJS({ maxAliasCount: 100 });
    const res = isMap(doc.contents) ? (doc.contents as YAMLMap).get('Resources', true) : undefined;
    if (isMap(res)) {
      for (const pair of (res as YAMLMap).items) {
        const key = isScalar(pair.key) ? String((pair.key as Scalar).value) : undefined;
        const range = isScalar(pair.key) ? (pair.key as Scalar).range : undefined;
        if (key && range) lines.set(key, lc.linePos(range[0]).line);
      }
    }
  }
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    throw new InputError(file, 'not a CloudFormation template (expected an object with "Resources")');
  }
  if (template.Resources !== undefined && (typeof template.Resources !== 'object' || Array.isArray(template.Resources))) {
    throw new InputError(file, '"Resources" must be an object');
  }
  return { template, lines };
}

/** Whether a parsed object looks like a CloudFormation template. */
export function isCloudFormationTemplate(obj: any): boolean {
  return !!obj && typeof obj === 'object' && !Array.isArray(obj) &&
    (obj.AWSTemplateFormatVersion !== undefined || (obj.Resources && typeof obj.Resources === 'object' && Object.values(obj.Resources).some((r: any) => r && typeof r.Type === 'string')));
}

/** Index of construct-tree suppressions by path, for inheritance. */
class TreeSuppressions {
  private readonly byPath = new Map<string, Suppression[]>();
  public readonly all: Suppression[] = [];
  public readonly problems: string[] = [];

  constructor(metadata: StackMetadata | undefined) {
    if (!metadata) return;
    for (const [rawPath, entries] of Object.entries(metadata)) {
      const p = rawPath.replace(/^\//, '');
      const seen = new Set<string>();
      const list: Suppression[] = [];
      for (const e of entries ?? []) {
        if (e.type === SUPPRESSION_METADATA_TYPE) {
          const r = parseSuppressionList([e.data], 'construct', p);
          this.problems.push(...r.problems);
          for (const s of r.suppressions) {
            seen.add(`${s.ruleId}[${s.findingId ?? ''}]`);
            list.push(s);
          }
        }
      }
      // CDK acknowledgements (Validations.of(x).acknowledge): ours are mirrored there, keep only the others.
      for (const e of entries ?? []) {
        if (e.type !== CDK_ACK_METADATA_TYPE || !e.data) continue;
        for (const [id, reason] of Object.entries(e.data)) {
          const parsed = parseSuppressionId(id);
          if (seen.has(`${parsed.ruleId}[${parsed.findingId ?? ''}]`)) continue;
          list.push({ ...parsed, reason: String(reason), source: 'acknowledge', declaredAt: p });
        }
      }
      if (list.length > 0) {
        this.byPath.set(p, list);
        this.all.push(...list);
      }
    }
  }

  /** Suppressions declared on the path or any ancestor. */
  public forPath(constructPath: string | undefined): Suppression[] {
    if (!constructPath || this.byPath.size === 0) return [];
    const out: Suppression[] = [];
    const parts = constructPath.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const hit = this.byPath.get(parts.slice(0, i).join('/'));
      if (hit) out.push(...hit);
    }
    return out;
  }
}

/**
 * Turns one template into resources.
 * @param stack stack name used in resource keys
 */
export function templateResources(file: string, stack: string, template: any, lines: Map<string, number>, metadata?: StackMetadata): { resources: Resource[]; tree: TreeSuppressions; problems: string[] } {
  const tree = new TreeSuppressions(metadata);
  const problems: string[] = [...tree.problems];
  const resources: Resource[] = [];
  // construct path by logical id, from the assembly metadata (works even when path metadata is off)
  const pathByLogicalId = new Map<string, string>();
  if (metadata) {
    for (const [p, entries] of Object.entries(metadata)) {
      for (const e of entries ?? []) if (e.type === 'aws:cdk:logicalId' && typeof e.data === 'string') pathByLogicalId.set(e.data, p.replace(/^\//, ''));
    }
  }
  for (const [logicalId, entry] of Object.entries<any>(template.Resources ?? {})) {
    if (!entry || typeof entry !== 'object' || typeof entry.Type !== 'string') {
      problems.push(`${file}: resource ${logicalId} has no "Type"`);
      continue;
    }
    const md = entry.Metadata && typeof entry.Metadata === 'object' ? entry.Metadata : {};
    const constructPath: string | undefined = typeof md['aws:cdk:path'] === 'string' ? md['aws:cdk:path'] : pathByLogicalId.get(logicalId);
    const ours = md[CFN_METADATA_KEY] ?? {};
    const own = parseSuppressionList(ours.suppressions, 'metadata', `${stack}/${logicalId}`);
    problems.push(...own.problems);
    const suppressions: Suppression[] = [...own.suppressions];
    // cdk-nag v2 style metadata
    const nag = md.cdk_nag?.rules_to_suppress;
    if (nag !== undefined) {
      const r = parseSuppressionList(nag, 'metadata', `${stack}/${logicalId}`);
      problems.push(...r.problems);
      suppressions.push(...r.suppressions);
    }
    suppressions.push(...tree.forPath(constructPath));
    const overrides: DefaultOverride[] = Array.isArray(ours.overrides)
      ? ours.overrides.filter((o: any) => o && typeof o.property === 'string' && typeof o.reason === 'string')
      : [];
    resources.push({
      platform: 'aws',
      type: entry.Type,
      key: `${stack}/${logicalId}`,
      name: logicalId,
      logicalId,
      stack,
      constructPath,
      file,
      line: lines.get(logicalId),
      body: entry,
      suppressions,
      overrides,
    });
  }
  return { resources, tree, problems };
}

function readText(file: string): string {
  return readInputText(file, 'a JSON or YAML template');
}

/** Loads a single CloudFormation template file. */
export function loadTemplateFile(file: string): AwsInputs {
  const text = readText(file);
  const { template, lines } = parseTemplate(file, text);
  const stack = path.basename(file).replace(/\.template\.(json|ya?ml)$/i, '').replace(/\.(json|ya?ml)$/i, '');
  const { resources, tree, problems } = templateResources(file, stack, template, lines);
  return { resources, externalFindings: [], externalRules: [], declaredSuppressions: tree.all, problems };
}

/** Whether a directory is a CDK cloud assembly. */
export function isCloudAssembly(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

/**
 * Loads a CDK cloud assembly (cdk.out): every stack template (nested stage assemblies too), the
 * construct-tree metadata (suppressions, acknowledgements) and CDK's validation report (cdk-nag results).
 */
export function loadCloudAssembly(dir: string, onlyTemplates?: ReadonlySet<string>): AwsInputs {
  const out: AwsInputs = { resources: [], externalFindings: [], externalRules: [], declaredSuppressions: [], problems: [] };
  const pathIndex = new Map<string, Resource>();
  loadAssemblyInto(dir, out, pathIndex, new Set(), onlyTemplates);
  if (onlyTemplates) return out;
  const reportFile = path.join(dir, 'validation-report.json');
  if (fs.existsSync(reportFile)) readValidationReport(reportFile, out, pathIndex);
  return out;
}

function loadAssemblyInto(dir: string, out: AwsInputs, pathIndex: Map<string, Resource>, visited: Set<string>, onlyTemplates?: ReadonlySet<string>): void {
  const real = fs.realpathSync(dir);
  if (visited.has(real)) return;
  visited.add(real);
  const manifestFile = path.join(dir, 'manifest.json');
  let manifest: any;
  try {
    manifest = JSON.parse(readText(manifestFile));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(manifestFile, `invalid JSON: ${(e as Error).message}`);
  }
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact?.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      loadAssemblyInto(path.join(dir, artifact.properties.directoryName), out, pathIndex, visited, onlyTemplates);
      continue;
    }
    if (artifact?.type !== 'aws:cloudformation:stack') continue;
    const templateFile = path.join(dir, artifact.properties?.templateFile ?? `${artifactId}.template.json`);
    if (onlyTemplates && !onlyTemplates.has(path.resolve(templateFile))) continue;
    let metadata: StackMetadata = artifact.metadata ?? {};
    if (artifact.additionalMetadataFile) {
      const mf = path.join(dir, artifact.additionalMetadataFile);
      if (fs.existsSync(mf)) metadata = { ...metadata, ...JSON.parse(readText(mf)) };
    }
    const { template, lines } = parseTemplate(templateFile, readText(templateFile));
    const stackName = artifact.displayName ?? artifactId;
    const { resources, tree, problems } = templateResources(templateFile, stackName, template, lines, metadata);
    out.resources.push(...resources);
    out.problems.push(...problems);
    // suppressions declared on non-resource constructs are inherited; register them all for unused reporting
    out.declaredSuppressions.push(...tree.all);
    for (const r of resources) if (r.constructPath) pathIndex.set(r.constructPath, r);
  }
}

function readValidationReport(file: string, out: AwsInputs, pathIndex: Map<string, Resource>): void {
  let report: any;
  try {
    report = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `invalid JSON: ${(e as Error).message}`);
  }
  const rules = new Map<string, RuleInfo>();
  for (const plugin of report.pluginReports ?? []) {
    const pluginName: string = plugin.pluginName ?? 'unknown';
    if (pluginName === 'secure-constructs') continue; // our own rules are re-evaluated from the templates
    // cdk-nag packs are labelled `cdk-nag:<pack>`; other plugins (e.g. CDK's own CloudFormation Validate) `cdk-plugin:<name>`
    const source = validationPluginSource(pluginName);
    for (const v of plugin.violations ?? []) {
      const parsed = parseSuppressionId(String(v.ruleName ?? 'unknown'));
      const description = String(v.description ?? parsed.ruleId);
      const controls = cdkNagControls(pluginName, description);
      const severity = v.severity === 'warning' ? 'warning' : v.severity === 'info' ? 'info' : 'error';
      if (!rules.has(parsed.ruleId)) {
        rules.set(parsed.ruleId, {
          id: parsed.ruleId,
          title: cdkNagTitle(description),
          description,
          severity,
          platform: 'aws',
          appliesTo: [],
          controls,
          remediation: v.fix ?? `See the cdk-nag rules documentation for ${parsed.ruleId}.`,
          source,
        });
      }
      for (const c of v.violatingConstructs ?? v.violatingResources ?? []) {
        const cpath = String(c.constructPath ?? '').replace(/^\//, '');
        const res = pathIndex.get(cpath);
        out.externalFindings.push({
          ruleId: parsed.ruleId,
          findingId: parsed.findingId,
          title: rules.get(parsed.ruleId)!.title,
          severity,
          status: 'non-compliant',
          platform: 'aws',
          source,
          resource: res
            ? { type: res.type, key: res.key, name: res.name, logicalId: res.logicalId, stack: res.stack }
            : { type: String(c.constructFqn ?? 'unknown'), key: cpath, name: cpath },
          constructPath: cpath,
          file: res?.file,
          line: res?.line,
          message: description,
          remediation: rules.get(parsed.ruleId)!.remediation,
          controls,
        });
      }
    }
  }
  out.externalRules.push(...rules.values());
}
