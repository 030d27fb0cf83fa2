/**
 * Independent check: the AWS Control Tower proactive controls (cdk-validator-cfnguard, offline) report no violation on
 * the default output of SecureRepository and SecureCluster (with the kubectl handler and a deployed chart), and do fail
 * an unhardened repository and cluster in a control stack (so the check is not vacuous).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations, aws_ec2 as ec2, aws_ecr as ecr, aws_eks_v2 as eks } from 'aws-cdk-lib';
import { App as K8sApp, Chart } from 'cdk8s';
import { layer } from './eks/helpers';
import { SecureRepository } from '../../lib/aws/ecr';
import { SecureCluster } from '../../lib/aws/eks';
import { SecureVpc } from '../../lib/aws/network';
import { SecureNamespace } from '../../lib/k8s';

describe('AWS Control Tower proactive controls (supply chain)', () => {
  test('report no violation on SecureRepository and SecureCluster; every accepted control carries a reason', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-ct-supply-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'SupplyChain', { env: { account: '123456789012', region: 'eu-west-1' } });
      new SecureRepository(stack, 'Repo', { repositoryName: 'shop/api' });
      SecureRepository.enhancedScanning(stack, 'Scanning');
      const vpc = new SecureVpc(stack, 'Vpc');
      const cluster = new SecureCluster(stack, 'Cluster', { vpc: vpc.vpc, kubectlLayer: layer(stack) });
      const chart = new Chart(new K8sApp(), 'shop');
      new SecureNamespace(chart, 'Shop', { name: 'shop' });
      cluster.addCdk8sChart('Shop', chart);
      const control = new Stack(app, 'Control', { env: { account: '123456789012', region: 'eu-west-1' } });
      new ecr.Repository(control, 'PlainRepo');
      new eks.Cluster(control, 'PlainCluster', { version: eks.KubernetesVersion.V1_37, vpc: new ec2.Vpc(control, 'V') });
      Validations.of(app).addPlugins(new CfnGuardValidator({ controlTowerRulesEnabled: true }));
      const quiet = [jest.spyOn(console, 'error').mockImplementation(() => undefined), jest.spyOn(console, 'log').mockImplementation(() => undefined)];
      try {
        app.synth();
      } catch {
        // the control stack fails; the report is written anyway
      } finally {
        quiet.forEach((q) => q.mockRestore());
      }
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
      const guard = report.pluginReports.find((r: any) => /cfn-?guard/i.test(r.pluginName));
      expect(guard).toBeDefined();
      const violations: string[] = guard.violations.flatMap((v: any) => (v.violatingConstructs ?? []).map((c: any) => `${v.ruleName} ${c.constructPath}`));
      const control_ = violations.filter((x) => x.includes('Control/'));
      for (const rule of ['ecr_private_tag_immutability_enabled_check', 'ecr_private_image_scanning_enabled_check', 'ecr_private_lifecycle_policy_configured_check',
        'eks_endpoint_no_public_access_check', 'eks_secrets_encrypted_check']) expect(control_).toEqual(expect.arrayContaining([expect.stringContaining(rule)]));
      expect(violations.filter((x) => !x.includes('Control/'))).toEqual([]);
      const accepted = (guard.suppressedViolations ?? []).map((v: any) => ({ rule: v.ruleName as string, reason: String(v.reason) }));
      for (const a of accepted) expect(a.reason.length).toBeGreaterThan(40);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
