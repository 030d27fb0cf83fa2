/**
 * Our offline SAM expansion against the SAM translator's own expected outputs (test/fixtures/cfn/sam/translator,
 * copied from aws/serverless-application-model tests/translator). Every generated logical id must match, and the
 * properties of every resource must match after these documented normalizations:
 *
 * - partitions: SAM writes `arn:aws:` for the default region where we write `arn:${AWS::Partition}:` (same value);
 * - deployments: SAM hashes Python's repr of the definition into `<Api>Deployment<hash>`, which cannot be reproduced
 *   outside Python; we keep the prefix and hash our own serialization (ids and Description compared by prefix);
 * - list order of ManagedPolicyArns (SAM's order changed between versions);
 * - per fixture, values SAM has changed since that expected output was recorded (listed in `since`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseTemplate } from '../../../lib/compliance/loaders/cloudformation';
import { expandTransforms } from '../../../lib/compliance/loaders/transforms';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'cfn', 'sam', 'translator');

function normalize(v: any, key?: string): any {
  if (typeof v === 'string') {
    return v.replace(/^arn:aws:(apigateway|execute-api):/, 'arn:${AWS::Partition}:$1:').replace(/^(\w+Deployment)[0-9a-f]{10}$/, '$1*');
  }
  if (Array.isArray(v)) {
    const out = v.map((x) => normalize(x));
    return key === 'ManagedPolicyArns' ? [...out].sort() : out;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, any> = {};
    for (const k of Object.keys(v).sort()) {
      if (k === 'Description' && typeof v[k] === 'string' && v[k].startsWith('RestApi deployment id:')) continue;
      out[k] = normalize(v[k], k);
    }
    return out;
  }
  return v;
}

function comparable(resources: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [id, r] of Object.entries(resources)) {
    out[normalize(id)] = normalize({
      Type: r.Type, Properties: r.Properties ?? {}, DeletionPolicy: r.DeletionPolicy, UpdateReplacePolicy: r.UpdateReplacePolicy,
    });
  }
  return JSON.parse(JSON.stringify(out));
}

function expand(name: string): Record<string, any> {
  const file = path.join(DIR, `${name}.yaml`);
  const { template, lines } = parseTemplate(file, fs.readFileSync(file, 'utf8'));
  // The translator's tests feed SAM templates without the Transform line; a deployable template has it.
  template.Transform = 'AWS::Serverless-2016-10-31';
  const x = expandTransforms(template, file, lines);
  expect(x.templateNotes).toEqual([]);
  expect([...x.unchecked.keys()].filter((id) => !since[name]?.unchecked?.includes(id))).toEqual([]);
  return x.template.Resources;
}

function expected(name: string, adjust?: (r: Record<string, any>) => void): Record<string, any> {
  const r = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8')).Resources;
  adjust?.(r);
  return r;
}

/** What current SAM writes differently from the recorded expected output (or what we report on purpose). */
const since: Record<string, { adjust?: (r: Record<string, any>) => void; unchecked?: string[] }> = {
  implicit_api: {
    // SAM now copies DeletionPolicy and UpdateReplacePolicy to the resources it generates from a function.
    adjust: (r) => {
      for (const [id, x] of Object.entries(r)) if (/^(RestApi|GetHtml)Function/.test(id)) Object.assign(x, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain' });
    },
  },
  implicit_http_api: {
    // SAM's default payload format version became 2.0, and SAM now tags HTTP APIs (body and stage) with httpapi:createdBy.
    adjust: (r) => {
      for (const m of [r.ServerlessHttpApi.Properties.Body.paths['/basic'].post, r.ServerlessHttpApi.Properties.Body.paths['/basic2'].post, r.ServerlessHttpApi.Properties.Body.paths.$default['x-amazon-apigateway-any-method']]) {
        m['x-amazon-apigateway-integration'].payloadFormatVersion = '2.0';
      }
      r.ServerlessHttpApi.Properties.Body.tags = [{ 'name': 'httpapi:createdBy', 'x-amazon-apigateway-tag-value': 'SAM' }];
      r.ServerlessHttpApiApiGatewayDefaultStage.Properties.Tags = { 'httpapi:createdBy': 'SAM' };
    },
  },
  // The explicit API's definition is in S3: reported unchecked on purpose.
  api_with_method_settings: { unchecked: ['ExplicitApi'] },
};

describe.each([
  'implicit_api',
  'function_with_policy_templates',
  'api_with_auth_all_minimum',
  'api_with_method_settings',
  'implicit_http_api',
  'http_api_lambda_auth',
  'simple_table_with_extra_tags',
])('SAM translator test case %s', (name) => {
  test('same logical ids and the same properties as SAM\'s expected output', () => {
    const ours = comparable(expand(name));
    const theirs = comparable(expected(name, since[name]?.adjust));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const id of Object.keys(theirs)) expect({ id, ...ours[id] }).toEqual({ id, ...theirs[id] });
  });
});
