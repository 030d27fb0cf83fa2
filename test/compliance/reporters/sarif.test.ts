import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { BASE, fixtureReport } from './fixture';
import { createBaseline, fingerprint, SARIF_FINGERPRINT_KEY, withBaseline } from '../../../lib/compliance/baseline';
import { pascalCase, toSarif } from '../../../lib/compliance/reporters/sarif';
// The official OASIS SARIF 2.1.0 schema (draft-07); see fixtures/README.md for its source.
const schema = require('./fixtures/sarif-schema-2.1.0.json');

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: object): void {
  const ok = validate(JSON.parse(JSON.stringify(log)));
  if (!ok) throw new Error(`SARIF does not validate:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

describe('toSarif', () => {
  const report = fixtureReport();
  const log: any = toSarif(report, { toolVersion: '1.2.3', baseDir: BASE });
  const run = log.runs[0];
  const rules: any[] = run.tool.driver.rules;
  const results: any[] = run.results;

  test('validates against the official SARIF 2.1.0 schema', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expectValid(log);
  });

  test('the schema check can fail (a result without message is rejected)', () => {
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });

  test('an empty report is valid SARIF too', () => {
    const empty = toSarif({ findings: [], evaluations: [], unusedSuppressions: [], overrides: [], rules: [], resourceCount: 0, inputs: [] });
    expectValid(empty);
    expect((empty as any).runs[0].results).toEqual([]);
    expect((empty as any).runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  test('driver: name, version, one descriptor per rule plus rules only known from findings', () => {
    expect(run.tool.driver.name).toBe('secure-constructs');
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(rules.map((r) => r.id)).toEqual([...report.rules.map((r) => r.id), 'AwsSolutions-S1']);
    const nag = rules.find((r) => r.id === 'AwsSolutions-S1');
    expect(nag.properties.source).toBe('cdk-nag:AwsSolutions');
    expect(nag.shortDescription.text).toBe('S3 bucket server access logs');
  });

  test('rule descriptors carry descriptions, help with remediation, level, tags and source', () => {
    const s3 = rules.find((r) => r.id === 'aws-s3-bucket-encryption');
    expect(s3.name).toBe('S3BucketEncryptedWithKMS');
    expect(s3.shortDescription.text).toBe('S3 bucket encrypted with KMS');
    expect(s3.fullDescription.text).toBe('S3 buckets must be encrypted at rest with a customer managed KMS key.');
    expect(s3.help.text).toContain('Use SecureBucket');
    expect(s3.help.markdown).toContain('**Remediation:** Use SecureBucket');
    expect(s3.helpUri).toBe('https://example.com/rules/aws-s3-bucket-encryption');
    expect(s3.defaultConfiguration.level).toBe('error');
    expect(s3.properties.tags).toEqual(expect.arrayContaining(['NIST-800-53-R5:SC-28', 'HIPAA:164.312(a)(2)(iv)', 'aws']));
    expect(s3.properties.source).toBe('secure-constructs');
    expect(rules.find((r) => r.id === 'aws-kms-key-rotation').defaultConfiguration.level).toBe('warning');
    expect(rules.find((r) => r.id === 'k8s-resource-limits').defaultConfiguration.level).toBe('note');
    expect(rules.find((r) => r.id === 'k8s-resource-limits').properties.tags).toContain('k8s');
    // An invalid help URI is left out rather than producing invalid SARIF.
    expect(rules.find((r) => r.id === 'aws-iam-no-wildcard-actions').helpUri).toBeUndefined();
  });

  test('one result per finding, in order, with a ruleIndex pointing at its rule', () => {
    expect(results).toHaveLength(report.findings.length);
    results.forEach((res, i) => {
      expect(res.ruleId).toBe(report.findings[i].ruleId);
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.message.text).toContain(report.findings[i].resource.key);
    });
  });

  test('file locations are relative to baseDir with forward slashes, with the line', () => {
    const s3 = results[0];
    expect(s3.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'cdk.out/MyStack.template.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12 },
    });
    const k8s = results.find((r) => r.ruleId === 'k8s-run-as-non-root');
    expect(k8s.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'dist/app.k8s.yaml', uriBaseId: '%SRCROOT%' });
    expect(k8s.locations[0].physicalLocation.region.startLine).toBe(5);
    expect(k8s.properties.findingId).toBe('container:app');
    expect(k8s.properties.documentIndex).toBe(0);
  });

  test('Windows separators become forward slashes; a file outside baseDir stays absolute as a file URI', () => {
    const r = fixtureReport();
    const f0 = { ...r.findings[0], file: 'cdk.out\\nested\\MyStack.template.json' };
    const f1 = { ...r.findings[1], file: '/elsewhere/My Stack.template.json' };
    const out: any = toSarif({ ...r, findings: [f0, f1] }, { baseDir: BASE });
    expectValid(out);
    expect(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'cdk.out/nested/MyStack.template.json', uriBaseId: '%SRCROOT%' });
    expect(out.runs[0].results[1].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/My%20Stack.template.json' });
  });

  test('logical locations: the resource (kind resource, key) and the construct path (kind module)', () => {
    expect(results[0].locations[0].logicalLocations).toEqual([
      { name: 'Bucket1', fullyQualifiedName: 'MyStack/Bucket1', kind: 'resource' },
      { name: 'Resource', fullyQualifiedName: 'MyStack/Bucket1/Resource', kind: 'module' },
    ]);
    // No file known: no physical location, the logical one still identifies the resource.
    const topic = results.find((r) => r.ruleId === 'aws-sns-topic-encryption');
    expect(topic.locations[0].physicalLocation).toBeUndefined();
    expect(topic.locations[0].logicalLocations[0].fullyQualifiedName).toBe('OtherStack/Topic');
    expect(topic.level).toBe('warning');
  });

  test('suppressed findings are kept, with their justification and kind', () => {
    const kms = results.find((r) => r.ruleId === 'aws-kms-key-rotation');
    expect(kms.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'Imported key, rotation is managed by the security account.', properties: { source: 'construct' } },
    ]);
    expect(kms.message.text).toContain('MyStack/Key');
    expect(kms.message.text).toContain('suppressed: Imported key');
    const limits = results.find((r) => r.ruleId === 'k8s-resource-limits');
    expect(limits.suppressions[0].kind).toBe('external');
    expect(limits.level).toBe('note');
    expect(results.filter((r) => r.suppressions.length > 0).length).toBe(report.findings.filter((f) => f.status === 'suppressed').length);
  });

  test('a rule that threw is an error result, a notification, and an unsuccessful invocation', () => {
    const err = results.find((r) => r.ruleId === 'aws-iam-no-wildcard-actions');
    expect(err.level).toBe('error');
    expect(err.properties.status).toBe('error');
    expect(err.properties.ruleError).toBe(true);
    expect(err.message.text).toContain('could not be evaluated');
    const inv = run.invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    expect(inv.toolExecutionNotifications[0].associatedRule).toEqual({ id: 'aws-iam-no-wildcard-actions', index: err.ruleIndex });
  });

  test('partialFingerprints carry the baseline fingerprint', () => {
    results.forEach((res, i) => {
      expect(res.partialFingerprints).toEqual({ [SARIF_FINGERPRINT_KEY]: fingerprint(report.findings[i]) });
    });
    // Two findings on the same resource and rule differ by finding id.
    const k8s = results.filter((r) => r.ruleId === 'k8s-run-as-non-root');
    expect(k8s[0].partialFingerprints[SARIF_FINGERPRINT_KEY]).not.toBe(k8s[1].partialFingerprints[SARIF_FINGERPRINT_KEY]);
  });

  test('with a baseline, every result has a baselineState; accepted ones are suppressed; fixed entries are absent results', () => {
    const r = fixtureReport();
    const gone = { ...r.findings[0], resource: { ...r.findings[0].resource, key: 'MyStack/Removed', name: 'Removed', logicalId: 'Removed' } };
    const baseline = createBaseline({ findings: [...r.findings.slice(0, 3), gone] });
    const out: any = toSarif(withBaseline(r, baseline, `${BASE}/ci/baseline.json`), { baseDir: BASE });
    expectValid(out);
    const judged: any[] = out.runs[0].results;
    expect(judged).toHaveLength(r.findings.length + 1);
    // §3.27.24: present on every result
    expect(judged.map((x) => x.baselineState)).toEqual([...r.findings.map((f, i) => (i < 3 && f.status !== 'suppressed' ? 'unchanged' : 'new')), 'absent']);
    // an accepted finding is an external suppression with the baseline as its justification
    const accepted = judged.filter((x) => x.baselineState === 'unchanged');
    expect(accepted.length).toBeGreaterThan(0);
    for (const x of accepted) expect(x.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'accepted in baseline baseline.json', properties: { source: 'baseline' } }]);
    // §3.27.23: every result says whether it is suppressed (an empty list: it is not)
    expect(judged.every((x) => Array.isArray(x.suppressions))).toBe(true);
    const absent = judged[judged.length - 1];
    expect(absent).toMatchObject({
      ruleId: r.findings[0].ruleId, ruleIndex: judged[0].ruleIndex, kind: 'pass', level: 'none', baselineState: 'absent', suppressions: [],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint(gone) },
      locations: [{ logicalLocations: [{ name: 'Removed', fullyQualifiedName: 'MyStack/Removed', kind: 'resource' }] }],
    });
    expect(absent.locations[0].physicalLocation).toBeUndefined();
    const open = r.findings.filter((f) => f.status !== 'suppressed').length;
    expect(accepted).toHaveLength(3 - r.findings.slice(0, 3).filter((f) => f.status === 'suppressed').length);
    expect(out.runs[0].properties.baseline).toEqual({ file: 'ci/baseline.json', entries: accepted.length + 1, new: open - accepted.length, accepted: accepted.length, fixed: 1 });
    // without a baseline, no result has a baselineState
    expect((toSarif(r) as any).runs[0].results.some((x: any) => 'baselineState' in x)).toBe(false);
  });

  test('deterministic: same report, same output', () => {
    expect(JSON.stringify(toSarif(fixtureReport(), { toolVersion: '1.2.3', baseDir: BASE }))).toBe(JSON.stringify(log));
  });
});

describe('pascalCase', () => {
  test('titles and ids', () => {
    expect(pascalCase('KMS key rotation enabled')).toBe('KMSKeyRotationEnabled');
    expect(pascalCase('aws-kms-key-rotation')).toBe('AwsKmsKeyRotation');
    expect(pascalCase('  --  ')).toBe('');
  });
});
