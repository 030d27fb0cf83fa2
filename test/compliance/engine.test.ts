import { Chart, Testing, ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { runEngine } from '../../lib/compliance/engine';
import { checkK8sScope } from '../../lib/compliance/k8s-checks';
import { templateResources } from '../../lib/compliance/loaders/cloudformation';
import { parseManifests } from '../../lib/compliance/loaders/kubernetes';
import { COMPLIANT, NOT_APPLICABLE, Resource, Rule, cannotVerify, nonCompliant } from '../../lib/compliance/model';
import { defineRule } from '../../lib/compliance/rule';
import { Suppressions } from '../../lib/compliance/suppressions';

function rule(id: string, appliesTo: string[], evaluate: Rule['evaluate'], platform: 'aws' | 'k8s' = 'aws'): Rule {
  return defineRule({
    id, title: id, description: `${id} description`, severity: 'error', platform, appliesTo, controls: ['NIST-800-53-R5:SC-28'], remediation: 'fix it', evaluate,
  });
}

function cfn(resources: Record<string, any>): Resource[] {
  return templateResources('t.json', 'Stack', { Resources: resources }, new Map()).resources;
}

describe('engine', () => {
  test('dispatches each rule only to the types it declares', () => {
    const seen: string[] = [];
    const r = rule('only-keys', ['AWS::KMS::Key'], (res) => {
      seen.push(res.type);
      return COMPLIANT;
    });
    const report = runEngine([r], cfn({ K: { Type: 'AWS::KMS::Key' }, B: { Type: 'AWS::S3::Bucket' }, K2: { Type: 'AWS::KMS::Key' } }));
    expect(seen).toEqual(['AWS::KMS::Key', 'AWS::KMS::Key']);
    expect(report.evaluations.map((e) => e.resourceKey).sort()).toEqual(['Stack/K', 'Stack/K2']);
  });

  test('dispatches on traits too, and runs a rule once per resource even when type and trait both match', () => {
    const seen: string[] = [];
    const r = rule('pods', ['Deployment', '@pod-template'], (res) => {
      seen.push(res.key);
      return COMPLIANT;
    });
    const base = cfn({ D: { Type: 'Deployment' }, R: { Type: 'Rollout' }, C: { Type: 'ConfigMap' } });
    const resources = base.map((x) => (x.type === 'ConfigMap' ? x : { ...x, traits: ['@pod-template'] }));
    runEngine([r], resources);
    expect(seen.sort()).toEqual(['Stack/D', 'Stack/R']);
  });

  test('a finding may carry its own severity; "cannot verify" findings are warnings marked unverified', () => {
    const r = rule('mixed', ['T'], () => nonCompliant({ id: 'real' }, cannotVerify('CidrIp', 'CidrIp comes from Fn::ImportValue')));
    const report = runEngine([r], cfn({ R: { Type: 'T' } }));
    expect(report.findings.map((f) => [f.findingId, f.severity, f.unverified === true])).toEqual([['real', 'error', false], ['CidrIp', 'warning', true]]);
    expect(report.findings[1].message).toMatch(/^Cannot verify: /);
  });

  test('records each outcome: compliant, not applicable, non-compliant with finding ids, error', () => {
    const rules = [
      rule('ok', ['T'], () => COMPLIANT),
      rule('na', ['T'], () => NOT_APPLICABLE),
      rule('bad', ['T'], () => nonCompliant({ id: 'Action::s3:*' }, { id: 'Resource::*', message: 'wildcard resource' })),
      rule('throws', ['T'], () => {
        throw new Error('boom');
      }),
    ];
    const report = runEngine(rules, cfn({ R: { Type: 'T' } }));
    expect(report.evaluations.map((e) => `${e.ruleId}:${e.outcome}`).sort()).toEqual(['bad:non-compliant', 'na:not-applicable', 'ok:compliant', 'throws:error']);
    const bad = report.findings.filter((f) => f.ruleId === 'bad');
    expect(bad.map((f) => [f.findingId, f.message, f.status])).toEqual([
      ['Action::s3:*', 'bad description', 'non-compliant'],
      ['Resource::*', 'wildcard resource', 'non-compliant'],
    ]);
    const err = report.findings.find((f) => f.ruleId === 'throws')!;
    expect(err.status).toBe('error');
    expect(err.message).toContain('boom');
    expect(err.resource).toMatchObject({ logicalId: 'R', stack: 'Stack', type: 'T' });
  });

  test('a rule that throws does not stop other rules or resources', () => {
    const rules = [rule('throws', ['T'], () => {
      throw new TypeError('x is undefined');
    }), rule('bad', ['T'], () => nonCompliant())];
    const report = runEngine(rules, cfn({ A: { Type: 'T' }, B: { Type: 'T' } }));
    expect(report.findings.filter((f) => f.status === 'error')).toHaveLength(2);
    expect(report.findings.filter((f) => f.status === 'non-compliant')).toHaveLength(2);
  });

  test('metadata suppressions: by rule, by finding id; unused ones are reported', () => {
    const bad = rule('bad', ['T'], () => nonCompliant({ id: 'a' }, { id: 'b' }));
    const report = runEngine([bad], cfn({
      R: {
        Type: 'T',
        Metadata: { 'secure-constructs': { suppressions: [{ id: 'bad[a]', reason: 'finding a is accepted here' }, { id: 'other-rule', reason: 'this one matches nothing at all' }] } },
      },
    }));
    const byId = Object.fromEntries(report.findings.map((f) => [f.findingId, f]));
    expect(byId.a.status).toBe('suppressed');
    expect(byId.a.suppression).toEqual({ reason: 'finding a is accepted here', source: 'metadata' });
    expect(byId.b.status).toBe('non-compliant');
    expect(report.unusedSuppressions).toEqual([{ id: 'other-rule', reason: 'this one matches nothing at all', source: 'metadata', declaredAt: 'Stack/R' }]);
  });

  test('Kubernetes annotation suppressions', () => {
    const bad = rule('k8s-bad', ['ConfigMap'], () => nonCompliant({ id: 'x' }), 'k8s');
    const { resources } = parseManifests('m.yaml', `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  annotations:
    secure-constructs.dev/suppressions: '[{"id":"k8s-bad","reason":"accepted for this config map"}]'
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
`);
    const report = runEngine([bad], resources);
    expect(report.findings.map((f) => `${f.resource.objectName}:${f.status}`).sort()).toEqual(['a:suppressed', 'b:non-compliant']);
    expect(report.findings.find((f) => f.resource.objectName === 'b')).toMatchObject({ file: 'm.yaml', line: 8, documentIndex: 1 });
  });

  test('construct-tree suppressions are inherited by descendants (cdk8s) and written into the manifest', () => {
    const bad = rule('k8s-bad', ['ConfigMap'], () => nonCompliant(), 'k8s');
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const group = new Construct(chart, 'group');
    new ApiObject(group, 'inside', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inside' } });
    new ApiObject(chart, 'outside', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'outside' } });
    Suppressions.of(group).add({ id: 'k8s-bad', reason: 'the whole group is accepted' });
    const report = runEngine([bad], require('../../lib/compliance/k8s-checks').k8sResourcesOf(chart));
    expect(report.findings.map((f) => `${f.resource.objectName}:${f.status}`).sort()).toEqual(['inside:suppressed', 'outside:non-compliant']);
    const yaml = Testing.synth(chart);
    const inside = yaml.find((o: any) => o.metadata.name === 'inside');
    expect(JSON.parse(inside.metadata.annotations['secure-constructs.dev/suppressions'])).toEqual([{ id: 'k8s-bad', reason: 'the whole group is accepted', declaredAt: 'c/group' }]);
  });

  test('Suppressions.of refuses a short reason, naming the construct path and property', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => Suppressions.of(chart).add({ id: 'x', reason: 'short' })).toThrow(/c.*suppressions\[0\]\.reason.*at least 10 characters/s);
  });

  test('checkK8sScope rejects unknown packs', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => checkK8sScope(chart, { packs: ['nope'] })).toThrow('unknown pack "nope"');
  });

  test('rules use the index for cross-resource lookups (linear, memoized per run)', () => {
    let builds = 0;
    const r = rule('needs-policy', ['AWS::SecretsManager::Secret'], (res, ctx) => {
      const covered = ctx.memo('covered', () => {
        builds++;
        return new Set(ctx.ofType('AWS::SecretsManager::ResourcePolicy').map((p) => p.body.Properties.SecretId.Ref));
      });
      return covered.has(res.logicalId!) ? COMPLIANT : nonCompliant();
    });
    const resources: Record<string, any> = {};
    for (let i = 0; i < 50; i++) {
      resources[`S${i}`] = { Type: 'AWS::SecretsManager::Secret' };
      if (i % 2 === 0) resources[`P${i}`] = { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: { Ref: `S${i}` } } };
    }
    const report = runEngine([r], cfn(resources));
    expect(builds).toBe(1);
    expect(report.findings).toHaveLength(25);
  });
});

describe('unused suppressions of other checkers', () => {
  test('a cdk-nag or Control Tower suppression is not reported as unused (those checkers drop what they see suppressed); an unknown id is', () => {
    const report = runEngine([], templateResources('t.json', 'S', {
      Resources: {
        R: {
          Type: 'T',
          Metadata: {
            'secure-constructs': {
              suppressions: [
                { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'boundary names no resources' },
                { id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: 'replicated by the org archive' },
                { id: 's3_bucket_logging_enabled_check', reason: 'this is the log bucket itself' },
                { id: 'aws-kms-key-rotaton', reason: 'typo in our own rule id' },
              ],
            },
          },
        },
      },
    }, new Map()).resources);
    expect(report.unusedSuppressions.map((u) => u.id)).toEqual(['aws-kms-key-rotaton']);
  });
});
