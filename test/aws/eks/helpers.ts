import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_lambda as lambda } from 'aws-cdk-lib';
import { App as K8sApp, Chart, YamlOutputType } from 'cdk8s';
import { SecureCluster, SecureClusterProps } from '../../../lib/aws/eks';
import { SecureVpc } from '../../../lib/aws/network';
import { AwsCompliance, FailOn } from '../../../lib/compliance/aws-checks';
import { checkPaths } from '../../../lib/compliance/check';
import { CheckReport } from '../../../lib/compliance/model';

export const ENV = { account: '123456789012', region: 'eu-west-1' };
export const LAYER_ARN = 'arn:aws:lambda:eu-west-1:123456789012:layer:kubectl-v37:1';

/** A SecureCluster in a SecureVpc (isolated subnets) of a fresh stack. */
export function cluster(props: Partial<SecureClusterProps> = {}, s: Stack = new Stack(new App(), 'S', { env: ENV })): { stack: Stack; cluster: SecureCluster } {
  const vpc = new SecureVpc(s, 'Vpc');
  return { stack: s, cluster: new SecureCluster(s, 'Cluster', { vpc: vpc.vpc, ...props }) };
}

/** The kubectl layer (imported by ARN). */
export function layer(s: Stack): lambda.ILayerVersion {
  return lambda.LayerVersion.fromLayerVersionArn(s, 'KubectlLayer', LAYER_ARN);
}

/**
 * Synthesizes an AWS app and a cdk8s app into a temp folder and checks `cdk.out` (and, with `withDist`, `dist/`) in
 * one run, as `secure-constructs check` does.
 */
export function synthBothAndCheck(build: (stack: Stack, chart: Chart) => void, withDist = true): CheckReport {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-eks-'));
  try {
    const app = new App({ outdir: path.join(out, 'cdk.out') });
    const stack = new Stack(app, 'TestStack', { env: ENV });
    const k8s = new K8sApp({ outdir: path.join(out, 'dist'), yamlOutputType: YamlOutputType.FILE_PER_CHART });
    const chart = new Chart(k8s, 'shop');
    build(stack, chart);
    AwsCompliance.enable(app, { failOn: FailOn.NEVER });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
    } finally {
      quiet.mockRestore();
    }
    k8s.synth();
    return checkPaths(withDist ? [path.join(out, 'cdk.out'), path.join(out, 'dist')] : [path.join(out, 'cdk.out')]).report;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
