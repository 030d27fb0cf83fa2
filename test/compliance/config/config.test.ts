import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { run } from '../../../lib/cli/main';
import { ConfigError, expiryInstant, isExpired, loadPolicy, mergeRuleOptions, policyInputs, resolvePolicy } from '../../../lib/compliance/config/policy';
import { CONFIG_SCHEMA } from '../../../lib/compliance/config/schema';
import { runEngine } from '../../../lib/compliance/engine';
import { parseManifests } from '../../../lib/compliance/loaders/kubernetes';
import { Rule, cannotVerify } from '../../../lib/compliance/model';
import { ALL_RULES } from '../../../lib/compliance/rules';
import { tempFolder } from '../../util/doc-files';

const tmp = tempFolder('sc-config-');
afterAll(() => tmp.cleanup());

const RULE_MODULE = `exports.rules = [{
  id: 'acme-no-latest', title: 'No latest tag', description: 'Images are not tagged latest.', severity: 'error', platform: 'k8s',
  appliesTo: ['Pod'], controls: [], remediation: 'Pin a version.',
  evaluate(r) { return (r.body.spec.containers || []).some((c) => /:latest$/.test(c.image)) ? { outcome: 'non-compliant', findings: [{ id: 'image', message: 'latest' }] } : { outcome: 'compliant' }; },
}];
`;

function config(name: string, text: string): string {
  return tmp.write(`${name}/secure-constructs.config.yaml`, text);
}

function error(file: string): ConfigError {
  try {
    loadPolicy(file);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('loaded without error');
}

const GOOD_SUPPRESSION = `suppressions:
  - id: k8s-workload-probes
    resources: [Pod/shop/*]
    reason: Probes are injected by the mesh sidecar.
    expires: 2030-01-31
`;

describe('config file errors name the file, the line and the key (exit 2)', () => {
  test.each([
    ['unknown top-level key', 'severity: {}\nsupressions: []\n', 2, 'supressions', 'unknown key "supressions"'],
    ['unknown key in a suppression', GOOD_SUPPRESSION + '    scope: all\n', 6, 'suppressions[0].scope', 'unknown key'],
    ['wrong type', 'suppressions:\n  - id: k8s-workload-probes\n    resources: Pod/shop/web\n    reason: Probes are injected by the mesh sidecar.\n    expires: 2030-01-31\n', 3, 'suppressions[0].resources', 'must be a list'],
    ['missing reason', 'suppressions:\n  - id: k8s-workload-probes\n    resources: [Pod/shop/*]\n    expires: 2030-01-31\n', 2, 'suppressions[0]', '"reason" is required'],
    ['too-short reason', GOOD_SUPPRESSION.replace('Probes are injected by the mesh sidecar.', 'tbd'), 4, 'suppressions[0].reason', 'at least 10 characters'],
    ['a reason padded with zero-width spaces', GOOD_SUPPRESSION.replace('Probes are injected by the mesh sidecar.', `"ok${'\u200b'.repeat(12)}"`), 4, 'suppressions[0].reason', 'besides whitespace and invisible characters'],
    ['a reason of spaces and ideographic spaces', GOOD_SUPPRESSION.replace('Probes are injected by the mesh sidecar.', '"a b \u3000 \u00a0 c \u2003 d"'), 4, 'suppressions[0].reason', 'at least 10 characters'],
    ['a date that does not exist', GOOD_SUPPRESSION.replace('2030-01-31', '2026-02-30'), 5, 'suppressions[0].expires', 'not a calendar date'],
    ['a date in another form', GOOD_SUPPRESSION.replace('2030-01-31', '31/01/2030'), 5, 'suppressions[0].expires', 'wrong form'],
    ['no expiry', GOOD_SUPPRESSION.replace('    expires: 2030-01-31\n', ''), 2, 'suppressions[0]', '"expires" is required'],
    ['an unknown rule in a suppression', GOOD_SUPPRESSION.replace('k8s-workload-probes', 'k8s-workload-probe'), 2, 'suppressions[0].id', 'unknown rule "k8s-workload-probe"'],
    ['an unknown rule in severity', 'severity:\n  k8s-workload-probes: warning\n  k8s-nope: error\n', 3, 'severity.k8s-nope', 'unknown rule'],
    ['a bad severity', 'severity:\n  k8s-workload-probes: critical\n', 2, 'severity.k8s-workload-probes', 'must be one of error, warning, info, off'],
    ['options that are not a mapping', 'options:\n  k8s-workload-probes: 3\n', 2, 'options.k8s-workload-probes', 'must be a mapping'],
    ['a setting the rule does not read', 'options:\n  k8s-workload-probes:\n    grace: 3\n', 3, 'options.k8s-workload-probes.grace', 'rule k8s-workload-probes has no settings'],
    ['a duplicate key', 'severity:\n  k8s-workload-probes: info\n  k8s-workload-probes: off\n', 3, '(yaml)', 'unique'],
    ['an alias', 'severity: &s\n  k8s-workload-probes: info\noptions:\n  k8s-workload-probes: *s\n', undefined, '(yaml)', 'lias'],
    ['a top level that is a list', '- a\n', 1, '(top level)', 'must be a mapping'],
  ])('%s', (name, text, line, key, message) => {
    const file = config(name.replace(/\W+/g, '-'), text);
    const e = error(file);
    expect(e.key).toBe(key);
    expect(e.line).toBe(line);
    expect(e.message).toContain(file);
    expect(e.message).toContain(message);
    // the CLI: exit 2, file:line: key
    const r = run(['check', file, '--config', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}${line !== undefined ? `:${line}` : ''}: ${key}: `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('custom rules: a missing field, a clash with our ids, a module without rules', () => {
    const missing = tmp.write('rules-missing/rules.js', RULE_MODULE.replace("remediation: 'Pin a version.',", ''));
    const e1 = error(config('rules-missing', `rules:\n  - ./${path.basename(missing)}\n`));
    expect(e1.key).toBe('rules[0]');
    expect(e1.line).toBe(2);
    expect(e1.message).toContain('rules[0] (acme-no-latest): "remediation" must be a non-empty string');
    tmp.write('rules-clash/rules.js', RULE_MODULE.replace("id: 'acme-no-latest'", "id: 'k8s-workload-probes'"));
    expect(error(config('rules-clash', 'rules: [./rules.js]\n')).message).toContain('id "k8s-workload-probes" is already taken');
    tmp.write('rules-twice/rules.js', RULE_MODULE);
    expect(error(config('rules-twice', 'rules: [./rules.js, ./rules.js]\n')).message).toMatch(/rules\[1\].*already taken/);
    tmp.write('rules-none/rules.js', 'exports.other = 1;\n');
    expect(error(config('rules-none', 'rules: [./rules.js]\n')).message).toContain('must export `rules`');
    expect(error(config('rules-absent', 'rules: [./nope.js]\n')).message).toContain('cannot load the module');
  });

  test('a given config file that does not exist is an error; none in the folder is no policy', () => {
    expect(() => resolvePolicy('nope.yaml', tmp.dir)).toThrow('nope.yaml: config file not found');
    const empty = tempFolder('sc-config-empty-');
    try {
      expect(resolvePolicy(undefined, empty.dir)).toMatchObject({ suppressions: [], rules: [] });
    } finally {
      empty.cleanup();
    }
    expect(run(['check', tmp.dir, '--config', path.join(tmp.dir, 'nope.yaml')])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('config file not found') });
  });
});

describe('the schema', () => {
  test('docs/config.schema.json is the schema the loader validates with', () => {
    const published = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'config.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });

  test('ajv agrees with our validator on valid and invalid files', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(CONFIG_SCHEMA as object);
    const valid = [GOOD_SUPPRESSION, 'severity:\n  k8s-workload-probes: off\noptions:\n  k8s-workload-probes: {}\nrules: []\n', '{}\n'];
    const invalid = [
      'nope: 1\n',
      GOOD_SUPPRESSION + '    scope: all\n',
      GOOD_SUPPRESSION.replace('2030-01-31', '31/01/2030'),
      GOOD_SUPPRESSION.replace('Probes are injected by the mesh sidecar.', 'tbd'),
      GOOD_SUPPRESSION.replace('[Pod/shop/*]', '[]'),
      'severity:\n  k8s-workload-probes: critical\n',
      'rules: [1]\n',
    ];
    for (const [i, text] of [...valid, ...invalid].entries()) {
      const isValid = i < valid.length;
      expect({ text, ajv: validate(parse(text)) }).toEqual({ text, ajv: isValid });
      const file = config(`ajv-${i}`, text);
      let ours = true;
      try {
        loadPolicy(file);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        ours = false;
      }
      expect({ text, ours }).toEqual({ text, ours: isValid });
    }
  });
});

describe('scoped, expiring suppressions', () => {
  const manifests = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec: { containers: [{ name: web, image: nginx:1.27 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop }
spec: { containers: [{ name: api, image: nginx:1.27 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: other }
spec: { containers: [{ name: web, image: nginx:1.27 }] }
`;
  const resources = parseManifests('dist/app.k8s.yaml', manifests).resources;
  const probes = ALL_RULES.filter((r) => r.id === 'k8s-workload-probes');

  function runWith(text: string, now: Date) {
    const policy = loadPolicy(config(`scoped-${Math.random().toString(36).slice(2)}`, text));
    const { rules, ...options } = policyInputs(policy, probes, now);
    return runEngine(rules, resources, options);
  }
  const suppressedOn = (r: ReturnType<typeof runWith>) => r.findings.filter((f) => f.status === 'suppressed').map((f) => f.resource.key).sort();

  test('globs match the resource key, the construct path or the file; * stops at /', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(suppressedOn(runWith(GOOD_SUPPRESSION, at))).toEqual(['Pod/shop/api', 'Pod/shop/web']);
    expect(suppressedOn(runWith(GOOD_SUPPRESSION.replace('[Pod/shop/*]', '[Pod/*/web]'), at))).toEqual(['Pod/other/web', 'Pod/shop/web']);
    expect(suppressedOn(runWith(GOOD_SUPPRESSION.replace('[Pod/shop/*]', '[Pod/*]'), at))).toEqual([]);
    expect(suppressedOn(runWith(GOOD_SUPPRESSION.replace('[Pod/shop/*]', '["Pod/**"]'), at))).toHaveLength(3);
    expect(suppressedOn(runWith(GOOD_SUPPRESSION.replace('[Pod/shop/*]', '[dist/*.k8s.yaml]'), at))).toHaveLength(3);
    // narrowed to one finding
    expect(suppressedOn(runWith(GOOD_SUPPRESSION.replace('id: k8s-workload-probes', 'id: k8s-workload-probes[container:api]'), at))).toEqual(['Pod/shop/api']);
  });

  test('expires at the end of the day, UTC; an expired entry suppresses nothing and is reported as expired', () => {
    expect(expiryInstant('2030-01-31')).toBe(Date.parse('2030-02-01T00:00:00Z'));
    const last = runWith(GOOD_SUPPRESSION, new Date('2030-01-31T23:59:59.999Z'));
    expect(suppressedOn(last)).toHaveLength(2);
    expect(last.expiredSuppressions).toEqual([]);
    const after = runWith(GOOD_SUPPRESSION, new Date('2030-02-01T00:00:00Z'));
    expect(suppressedOn(after)).toEqual([]);
    expect(after.expiredSuppressions).toEqual([expect.objectContaining({ id: 'k8s-workload-probes', state: 'expired', expires: '2030-01-31', resources: ['Pod/shop/*'] })]);
    expect(after.unusedSuppressions).toEqual([]); // expired, not "unused"
    expect(isExpired({ ruleId: 'x', reason: 'r', source: 'config', expires: '2030-01-31' }, new Date('2030-02-01T00:00:00+01:00'))).toBe(false); // 23:00 UTC
  });

  test('severity overrides and off', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const warning = runWith('severity:\n  k8s-workload-probes: error\n', at);
    expect(new Set(warning.findings.map((f) => f.severity))).toEqual(new Set(['error']));
    expect(warning.rules.find((r) => r.id === 'k8s-workload-probes')?.severity).toBe('error');
    // a finding's own severity gives way to the override; a "cannot verify" finding keeps its own
    const soft: Rule = {
      ...probes[0], id: 'k8s-workload-probes',
      evaluate: () => ({ outcome: 'non-compliant', findings: [{ id: 'a', severity: 'info' }, cannotVerify('b', 'unknown image')] }),
    };
    const policy = loadPolicy(config('soft', 'severity:\n  k8s-workload-probes: error\n'));
    const { rules, ...opts } = policyInputs(policy, [soft], at);
    expect(runEngine(rules, resources.slice(0, 1), opts).findings.map((f) => `${f.findingId} ${f.severity}`)).toEqual(['a error', 'b warning']);
    const off = runWith('severity:\n  k8s-workload-probes: off\n', at);
    expect(off.findings).toEqual([]);
    expect(off.rules).toEqual([]);
  });
});

test('rule options: the config file\'s, with CLI or synth-time settings winning key by key', () => {
  expect(mergeRuleOptions({ a: { x: 1, y: 2 }, b: { z: 3 } }, { a: { y: 5 }, c: { w: 1 } })).toEqual({ a: { x: 1, y: 5 }, b: { z: 3 }, c: { w: 1 } });
});
