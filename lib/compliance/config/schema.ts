/**
 * The JSON schema of `secure-constructs.config.yaml`. The same object is published as docs/config.schema.json (a
 * test keeps the two identical) for editors and CI linters; the loader validates with the small validator in
 * validate.ts, driven by this object, so the package needs no schema library at runtime.
 */

/** The subset of JSON Schema (draft 2020-12) the config schema uses, and validate.ts implements. */
export interface SchemaNode {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly propertyNames?: SchemaNode;
  readonly items?: SchemaNode;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
}

/** Rule id, optionally narrowed to one finding: `rule` or `rule[finding]`. */
const SUPPRESSION_ID = '^[^\\[\\]\\s]+(\\[.+\\])?$';
const RULE_ID = '^[^\\[\\]\\s]+$';

export const CONFIG_SCHEMA: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://secure-constructs.dev/schemas/config.schema.json',
  title: 'secure-constructs.config.yaml',
  description: 'Policy as code for secure-constructs: scoped, expiring suppressions, severity overrides, rule options and custom rules (docs/config.md).',
  type: 'object',
  additionalProperties: false,
  properties: {
    suppressions: {
      description: 'Accepted findings, each limited to resources and to a date.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'resources', 'reason', 'expires'],
        properties: {
          id: { description: 'Rule id, optionally narrowed to one finding: `rule` or `rule[finding]`.', type: 'string', pattern: SUPPRESSION_ID },
          resources: {
            description: 'Globs matched against the resource key (`Pod/ns/name`, `Stack/LogicalId`), the construct path or the file. `*` stops at `/`, `**` does not.',
            type: 'array',
            minItems: 1,
            items: { type: 'string', minLength: 1 },
          },
          reason: { description: 'Why the finding is acceptable: at least 10 characters besides whitespace and format characters.', type: 'string', minLength: 10 },
          expires: { description: 'Last day (UTC) on which the suppression applies, YYYY-MM-DD. From the next day on it no longer suppresses and is reported as expired.', type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
    severity: {
      description: 'Severity per rule id: error, warning, info, or off (the rule does not run).',
      type: 'object',
      propertyNames: { pattern: RULE_ID },
      additionalProperties: { type: 'string', enum: ['error', 'warning', 'info', 'off'] },
    },
    options: {
      description: 'Settings per rule id, for the rules that have settings (each rule documents and validates its own).',
      type: 'object',
      propertyNames: { pattern: RULE_ID },
      additionalProperties: { type: 'object' },
    },
    rules: {
      description: 'JavaScript modules (paths relative to this file) that export `rules`: an array of rule objects (docs/custom-rules.md).',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
  },
};
