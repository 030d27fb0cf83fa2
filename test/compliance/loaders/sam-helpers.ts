import { parseTemplate } from '../../../lib/compliance/loaders/cloudformation';
import { TransformExpansion, expandTransforms } from '../../../lib/compliance/loaders/transforms';

export const SAM_HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

/** Parses a YAML template (as the loader does) and expands its transforms. */
export function expandYaml(yaml: string, file = 'template.yaml'): TransformExpansion {
  const { template, lines } = parseTemplate(file, yaml);
  return expandTransforms(template, file, lines);
}

/** The expanded Resources of a SAM template given as the YAML of its Resources section (plus optional sections before it). */
export function samResources(resourcesYaml: string, before = ''): Record<string, any> {
  return expandYaml(`${SAM_HEADER}${before}Resources:\n${resourcesYaml}`).template.Resources;
}

/** `id: reason` of every unchecked note of an expansion (resources and template). */
export function notes(x: TransformExpansion): string[] {
  return [
    ...[...x.unchecked.entries()].flatMap(([id, list]) => list.map((n) => `${id} ${n.id} ${n.severity}`)),
    ...x.templateNotes.map((n) => `(template) ${n.id} ${n.severity}`),
  ].sort();
}

/** A minimal function with extra properties (YAML, indented for Properties). */
export function fn(name: string, extra = ''): string {
  return `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: s3://bucket/code.zip\n${extra}`;
}
