/**
 * Nested stack templates found through the folder's asset manifests (`*.assets.json`, TemplateURL by asset hash):
 * the index is cached per folder, and must be read again when the folder was synthesized again in the same process.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadTemplateFile } from '../../../lib/compliance/loaders/cloudformation';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-asset-index-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const HASH = 'a'.repeat(64);

function write(nestedFile: string, nestedResources: object): void {
  const parent = {
    Resources: {
      Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: `https://s3.eu-west-1.amazonaws.com/cdk-assets/${HASH}.json` } },
    },
  };
  fs.writeFileSync(path.join(dir, 'Parent.template.json'), JSON.stringify(parent));
  fs.writeFileSync(path.join(dir, nestedFile), JSON.stringify({ Resources: nestedResources }));
  fs.writeFileSync(path.join(dir, 'Parent.assets.json'), JSON.stringify({ version: '36.0.0', files: { [HASH]: { source: { path: nestedFile, packaging: 'file' }, destinations: {} } } }));
}

test('the nested template is found by its asset hash, and found again after the folder changed', () => {
  write('first.nested.template.json', { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } });
  const first = loadTemplateFile(path.join(dir, 'Parent.template.json'));
  expect(first.resources.map((r) => `${r.logicalId} ${r.type}`)).toContain('Topic AWS::SNS::Topic');

  // synthesized again into the same folder: the asset hash now names another file, with other resources
  fs.rmSync(path.join(dir, 'first.nested.template.json'));
  write('second-run.nested.template.json', { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x' } } });
  const second = loadTemplateFile(path.join(dir, 'Parent.template.json'));
  const types = second.resources.map((r) => `${r.logicalId} ${r.type}`);
  expect(types).toContain('Sg AWS::EC2::SecurityGroup');
  expect(types).not.toContain('Topic AWS::SNS::Topic');
  expect(second.problems).toEqual([]);
});
