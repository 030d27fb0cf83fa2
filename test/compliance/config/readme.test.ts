/**
 * The README's policy example, end to end: the config file (with the custom rule module of docs/custom-rules.md) in
 * the CLI, at cdk8s synth (K8sCompliance.enable and the cdk8s-cli plugin), and the same model at AWS synth.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App as CdkApp, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { App, Chart, Include } from 'cdk8s';
import { SHOP_MANIFESTS } from './fixtures';
import { run } from '../../../lib/cli/main';
import { AwsCompliance, FailOn } from '../../../lib/compliance/aws-checks';
import { SecureConstructsValidation } from '../../../lib/compliance/cdk8s-plugin';
import { K8sCompliance } from '../../../lib/compliance/k8s-checks';
import { docFiles, tempFolder } from '../../util/doc-files';

function readmeFolder() {
  const rules = docFiles('docs/custom-rules.md').get('policy/acme-rules.js')!;
  const config = docFiles('README.md').get('secure-constructs.config.yaml')!;
  const f = tempFolder('sc-readme-', { 'policy/acme-rules.js': rules, 'secure-constructs.config.yaml': config, 'dist/shop.k8s.yaml': SHOP_MANIFESTS });
  return { ...f, config: path.join(f.dir, 'secure-constructs.config.yaml'), dist: path.join(f.dir, 'dist') };
}

function synthError(synth: () => void): string {
  try {
    synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('README: policy as code', () => {
  test('the CLI, with the config file found in the working folder', () => {
    const f = readmeFolder();
    const cwd = process.cwd();
    try {
      process.chdir(f.dir);
      const r = run(['check', 'dist/', '--no-color']);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain('Kubernetes Deployment apps/Deployment/shop/legacy-batch');
      expect(r.stdout).toContain('  ERROR   acme-team-label[label:team]: Deployment shop/legacy-batch has no "team" label.');
      expect(r.stdout).toContain('Expired suppressions (1): past their expires date, they no longer suppress; renew or remove them.');
      expect(r.stdout).toContain('FAILED: 1 finding(s) at or above error');
      const json = JSON.parse(run(['check', 'dist/', '--format', 'json']).stdout);
      expect(json.findings.filter((x: any) => x.status !== 'suppressed').map((x: any) => `${x.ruleId} ${x.resource.key}`)).toEqual(['acme-team-label apps/Deployment/shop/legacy-batch']);
      expect(json.findings.filter((x: any) => x.status === 'suppressed').map((x: any) => `${x.severity} ${x.ruleId}[${x.findingId}] ${x.suppression.reason}`)).toEqual([
        'error k8s-workload-image-digest[container:batch] The vendor rebuilds the batch image nightly; pinning lands with TICKET-812.',
      ]);
      // without the file, the digest finding is a warning and the custom rule does not exist
      fs.renameSync('secure-constructs.config.yaml', 'elsewhere.yaml');
      const plain = JSON.parse(run(['check', 'dist/', '--format', 'json']).stdout);
      expect(plain.findings.map((x: any) => `${x.severity} ${x.ruleId}`)).toEqual(['warning k8s-workload-image-digest']);
      // --config names it
      expect(run(['check', 'dist/', '--config', 'elsewhere.yaml']).exitCode).toBe(1);
    } finally {
      process.chdir(cwd);
      f.cleanup();
    }
  });

  test('the compiled bin, as a real process: exit 1 on the finding, exit 2 on a bad config file', () => {
    const f = readmeFolder();
    try {
      const bin = path.join(__dirname, '..', '..', '..', 'bin', 'secure-constructs');
      const r1 = spawnSync(process.execPath, [bin, 'check', 'dist', '--no-color'], { cwd: f.dir, encoding: 'utf8' });
      expect(r1.stderr).toBe('');
      expect(r1.status).toBe(1);
      expect(r1.stdout).toContain('acme-team-label[label:team]');
      fs.writeFileSync(f.config, 'severity:\n  acme-team-label: loud\n');
      const r2 = spawnSync(process.execPath, [bin, 'check', 'dist'], { cwd: f.dir, encoding: 'utf8' });
      expect(r2.status).toBe(2);
      expect(r2.stderr).toBe(`error: ${f.config}:2: severity.acme-team-label: must be one of error, warning, info, off (got "loud")\n`);
    } finally {
      f.cleanup();
    }
  });

  test('SARIF and Markdown list the expired suppression', () => {
    const f = readmeFolder();
    try {
      const sarif = path.join(f.dir, 'out.sarif');
      const md = path.join(f.dir, 'out.md');
      expect(run(['check', f.dist, '--config', f.config, '--sarif', sarif, '--markdown', md]).exitCode).toBe(1);
      const s = JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0];
      expect(s.properties.expiredSuppressions).toEqual([expect.objectContaining({ id: 'acme-team-label', expires: '2024-06-30' })]);
      expect(s.invocations[0].toolExecutionNotifications).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warning', message: { text: expect.stringContaining('expired on 2024-06-30') } })]));
      const text = fs.readFileSync(md, 'utf8');
      expect(text).toContain('### Expired suppressions (1)');
      expect(text).toContain('| `acme-team-label` | `apps/Deployment/shop/legacy-*` | 2024-06-30 |');
    } finally {
      f.cleanup();
    }
  });

  test('at cdk8s synth: K8sCompliance.enable({ configFile }) fails on the same finding', () => {
    const f = readmeFolder();
    try {
      const app = new App({ outdir: path.join(f.dir, 'out') });
      const chart = new Chart(app, 'shop');
      new Include(chart, 'manifests', { url: path.join(f.dist, 'shop.k8s.yaml') });
      K8sCompliance.enable(app, { configFile: f.config });
      const message = synthError(() => app.synth());
      expect(message).toContain('ERROR acme-team-label[label:team] Deployment shop/legacy-batch');
      expect(message).not.toContain('k8s-workload-image-digest');
      // once the team is named, synth passes
      fs.writeFileSync(path.join(f.dist, 'shop.k8s.yaml'), SHOP_MANIFESTS.replace('labels: { app: batch }', 'labels: { team: data }'));
      const fixed = new App({ outdir: path.join(f.dir, 'out2') });
      new Include(new Chart(fixed, 'shop'), 'manifests', { url: path.join(f.dist, 'shop.k8s.yaml') });
      K8sCompliance.enable(fixed, { configFile: f.config });
      expect(synthError(() => fixed.synth())).toBe('');
    } finally {
      f.cleanup();
    }
  });

  test('a bad config file fails where the check is enabled, naming file, line and key', () => {
    const f = readmeFolder();
    try {
      fs.writeFileSync(f.config, fs.readFileSync(f.config, 'utf8').replace('reason: Ownership of the legacy batch job moves to the data team (TICKET-900).', 'reason: later'));
      expect(() => K8sCompliance.enable(new App(), { configFile: f.config })).toThrow(`${f.config}:12: suppressions[1].reason: must be at least 10 characters`);
      expect(() => new SecureConstructsValidation({ configFile: f.config })).toThrow('suppressions[1].reason');
      expect(() => AwsCompliance.enable(new CdkApp(), { configFile: f.config })).toThrow('suppressions[1].reason');
      expect(run(['check', f.dist, '--config', f.config])).toMatchObject({ exitCode: 2, stderr: `error: ${f.config}:12: suppressions[1].reason: must be at least 10 characters (got "later")\n` });
    } finally {
      f.cleanup();
    }
  });

  test('the cdk8s-cli plugin with properties.configFile', async () => {
    const f = readmeFolder();
    try {
      const violations: any[] = [];
      let status = '';
      await new SecureConstructsValidation({ configFile: f.config }).validate({
        manifests: [path.join(f.dist, 'shop.k8s.yaml')],
        report: { addViolation: (v: any) => violations.push(v), submit: (s: string) => (status = s) },
      });
      expect(status).toBe('failure');
      expect(violations.map((v) => v.ruleName)).toEqual(['acme-team-label (error)']);
    } finally {
      f.cleanup();
    }
  });

  test('at AWS synth: AwsCompliance.enable({ configFile }) runs custom AWS rules, scoped suppressions and severities', () => {
    const f = tempFolder('sc-readme-aws-', {
      'rules.js': `exports.rules = [{
        id: 'acme-topic-owner', title: 'Topics name their owner', description: 'Every SNS topic has a team tag.', severity: 'error', platform: 'aws',
        appliesTo: ['AWS::SNS::Topic'], controls: [], remediation: 'Tag the topic with team.',
        evaluate(r) { const tags = (r.body.Properties && r.body.Properties.Tags) || []; return tags.some((t) => t.Key === 'team') ? { outcome: 'compliant' } : { outcome: 'non-compliant', findings: [{ id: 'tag:team', message: r.name + ' has no team tag' }] }; },
      }];\n`,
      'strict.yaml': 'rules: [./rules.js]\nsuppressions:\n  - id: acme-topic-owner[tag:team]\n    resources: ["S/Legacy*"]\n    reason: The legacy topics are being migrated (TICKET-77).\n    expires: 2099-01-01\n',
      'soft.yaml': 'rules: [./rules.js]\nseverity:\n  acme-topic-owner: warning\n',
    });
    try {
      const synth = (config: string) => {
        const app = new CdkApp({ outdir: path.join(f.dir, `out-${config}`), builtinCloudFormationValidation: false });
        const s = new Stack(app, 'S');
        new sns.CfnTopic(s, 'Orders', { tags: [{ key: 'team', value: 'payments' }] });
        new sns.CfnTopic(s, 'LegacyAlerts', {});
        new sns.CfnTopic(s, 'Audit', {});
        AwsCompliance.enable(app, { cdkNagPacks: false, failOn: FailOn.ERROR, configFile: path.join(f.dir, config) });
        return synthError(() => app.synth());
      };
      const strict = synth('strict.yaml');
      expect(strict).toContain('acme-topic-owner');
      expect(strict).toContain('S/Audit (Audit)');
      expect(strict).not.toContain('S/LegacyAlerts');
      expect(synth('soft.yaml')).toBe('');
    } finally {
      f.cleanup();
    }
  });
});
