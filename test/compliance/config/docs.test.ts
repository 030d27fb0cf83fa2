/**
 * The examples of docs/config.md and docs/custom-rules.md, run as written: the config file, the custom rule
 * module, its fixtures and its test file (with `secure-constructs/build/policy` mapped to this checkout).
 */
import * as fs from 'fs';
import * as path from 'path';
import { SHOP_MANIFESTS as MANIFESTS } from './fixtures';
import { run } from '../../../lib/cli/main';
import * as policyEntry from '../../../lib/policy';
import { docFiles, tempFolder } from '../../util/doc-files';

/** The files of both pages in one folder (the config page's config file, the custom-rules page's module and fixtures). */
function docsFolder() {
  const files = new Map([...docFiles('docs/custom-rules.md'), ...docFiles('docs/config.md')]);
  const folder = tempFolder('sc-docs-', files);
  folder.write('dist/shop.k8s.yaml', MANIFESTS);
  return { ...folder, files };
}

describe('docs/custom-rules.md', () => {
  test('declares the files this test runs', () => {
    expect([...docFiles('docs/custom-rules.md').keys()].sort()).toEqual(['policy/acme-rules.js', 'policy/acme-rules.test.js', 'policy/fixtures/team-missing.yaml', 'policy/fixtures/team-ok.yaml']);
  });

  test('its rule test file passes as written', () => {
    const f = docsFolder();
    try {
      const code = f.files.get('policy/acme-rules.test.js')!;
      const tests: { name: string; fn: () => void }[] = [];
      const requireFor = (id: string) => {
        if (id === 'secure-constructs/build/policy') return policyEntry;
        return require(id.startsWith('.') ? path.join(f.dir, 'policy', id) : id);
      };
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      new Function('require', '__dirname', 'test', 'expect', code)(requireFor, path.join(f.dir, 'policy'), (name: string, fn: () => void) => tests.push({ name, fn }), expect);
      expect(tests.map((t) => t.name)).toEqual(['acme-team-label', 'acme-team-label refuses a team that is not in the list']);
      for (const t of tests) t.fn();
    } finally {
      f.cleanup();
    }
  });

  test('testRule fails a test that cannot fail, and a rule that is not a rule', () => {
    const f = docsFolder();
    try {
      const { rules } = require(path.join(f.dir, 'policy', 'acme-rules.js'));
      const notApplicable = f.write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
      expect(policyEntry.testRule(rules[0], { pass: [notApplicable] }).failures).toEqual([expect.stringContaining('applies to no resource in it')]);
      expect(policyEntry.testRule(rules[0], { fail: [path.join(f.dir, 'policy/fixtures/team-ok.yaml')] }).failures).toEqual([expect.stringContaining('found nothing')]);
      expect(policyEntry.testRule({ ...rules[0], appliesTo: [] }, { pass: [notApplicable] })).toEqual({ ok: false, failures: [expect.stringContaining('"appliesTo" must be a non-empty list')] });
      // a rule returning something that is not a result is an error finding, never a pass
      const sloppy = { ...rules[0], evaluate: () => true };
      expect(policyEntry.testRule(sloppy, { fail: [path.join(f.dir, 'policy/fixtures/team-ok.yaml')] }).failures).toEqual([expect.stringContaining('custom rule returned true')]);
    } finally {
      f.cleanup();
    }
  });
});

describe('docs/config.md', () => {
  test('the complete file: custom rule, options, severities, a scoped suppression, an expired one', () => {
    const f = docsFolder();
    try {
      const config = path.join(f.dir, 'secure-constructs.config.yaml');
      const r = run(['check', path.join(f.dir, 'dist'), '--config', config, '--format', 'json']);
      expect(r.stderr).toBe('');
      const json = JSON.parse(r.stdout);
      const open = json.findings.filter((x: any) => x.status !== 'suppressed').map((x: any) => `${x.severity} ${x.ruleId}[${x.findingId}] ${x.resource.key}`);
      // the custom rule's suppression expired on 2024-06-30: its finding is open, an error
      expect(open).toEqual(['error acme-team-label[label:team] apps/Deployment/shop/legacy-batch']);
      expect(r.exitCode).toBe(1);
      // severity: image digests are errors here, and the batch one is suppressed with its reason
      const digest = json.findings.filter((x: any) => x.ruleId === 'k8s-workload-image-digest');
      expect(digest).toEqual([expect.objectContaining({ severity: 'error', status: 'suppressed', resource: expect.objectContaining({ key: 'apps/Deployment/shop/legacy-batch' }), suppression: { reason: 'The vendor rebuilds the batch image nightly; pinning lands with TICKET-812.', source: 'config' } })]);
      // off: the rule did not run
      expect(json.rules.map((x: any) => x.id)).not.toContain('k8s-workload-probes');
      expect(json.rules.find((x: any) => x.id === 'acme-team-label')).toMatchObject({ severity: 'error', source: 'secure-constructs', controls: ['ACME:OWN-1'] });
      expect(json.expiredSuppressions).toEqual([expect.objectContaining({ id: 'acme-team-label', state: 'expired', expires: '2024-06-30', source: 'config', line: 21 })]);
      expect(json.summary.expiredSuppressions).toBe(1);
      // a setting the rule does not declare is refused, naming the line
      fs.writeFileSync(config, f.files.get('secure-constructs.config.yaml')!.replace('teams: [payments, search, data]', 'team: [payments]'));
      expect(run(['check', path.join(f.dir, 'dist'), '--config', config])).toMatchObject({ exitCode: 2, stderr: `error: ${config}:13: options.acme-team-label.team: rule acme-team-label has no setting "team" (its settings: teams)\n` });
      // the options reach the rule: a team outside the list is a finding
      fs.writeFileSync(config, f.files.get('secure-constructs.config.yaml')!.replace('teams: [payments, search, data]', 'teams: [search]'));
      const r2 = JSON.parse(run(['check', path.join(f.dir, 'dist'), '--config', config, '--format', 'json']).stdout);
      expect(r2.findings.filter((x: any) => x.ruleId === 'acme-team-label' && x.status !== 'suppressed').map((x: any) => x.findingId).sort()).toEqual(['label:team', 'team:payments']);
    } finally {
      f.cleanup();
    }
  });

  test('`secure-constructs rules --config` lists the custom rule and the severities of the file', () => {
    const f = docsFolder();
    try {
      const r = run(['rules', '--config', path.join(f.dir, 'secure-constructs.config.yaml'), '--format', 'json']);
      expect(r.exitCode).toBe(0);
      const rules = JSON.parse(r.stdout);
      expect(rules.find((x: any) => x.id === 'acme-team-label')).toMatchObject({ severity: 'error', platform: 'k8s' });
      expect(rules.find((x: any) => x.id === 'k8s-workload-image-digest')).toMatchObject({ severity: 'error' });
      expect(rules.map((x: any) => x.id)).not.toContain('k8s-workload-probes');
    } finally {
      f.cleanup();
    }
  });

  test('the console lists the expired suppression; --show-suppressed lists every declared one with its state', () => {
    const f = docsFolder();
    try {
      const r = run(['check', path.join(f.dir, 'dist'), '--config', path.join(f.dir, 'secure-constructs.config.yaml'), '--show-suppressed']);
      expect(r.stdout).toContain('Expired suppressions (1)');
      expect(r.stdout).toMatch(/acme-team-label on apps\/Deployment\/shop\/legacy-\* expired 2024-06-30/);
      expect(r.stdout).toMatch(/used\s+k8s-workload-image-digest\[container:batch\] at secure-constructs\.config\.yaml:\d+ \(config, 1 finding\(s\)\)/);
      expect(r.stdout).toContain('1 expired suppressions');
    } finally {
      f.cleanup();
    }
  });
});
