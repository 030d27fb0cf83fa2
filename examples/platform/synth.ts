/**
 * Synthesizes both planes of the example platform into separate folders:
 * CloudFormation into `<out>/cdk.out`, Kubernetes YAML into `<out>/dist`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { App as K8sApp, YamlOutputType } from 'cdk8s';
import { AwsCompliance, FailOn } from '../../lib/compliance/aws-checks';
import { K8sCompliance } from '../../lib/compliance/k8s-checks';
import { buildAwsPlatform } from './aws-app';
import { buildK8sPlatform } from './k8s-app';

export interface SynthResult {
  readonly cdkOut: string;
  readonly dist: string;
}

/** Test hooks: add resources to the synthesized apps (e.g. a deliberate violation). */
export interface SynthHooks {
  readonly aws?: (app: App) => void;
  readonly k8s?: (app: K8sApp) => void;
}

export function synthPlatform(outRoot: string, hooks: SynthHooks = {}): SynthResult {
  const cdkOut = path.join(outRoot, 'cdk.out');
  const dist = path.join(outRoot, 'dist');
  fs.rmSync(cdkOut, { recursive: true, force: true });
  fs.rmSync(dist, { recursive: true, force: true });

  // AWS plane. The checks run at synth through CDK's Validations API; `check` below decides the exit
  // code, so synth itself only reports (FailOn.NEVER).
  const awsApp = new App({ outdir: cdkOut });
  const aws = buildAwsPlatform(awsApp);
  hooks.aws?.(awsApp);

  // Kubernetes plane: a cdk8s App of its own (synthesized to dist/ and checked there). Values that cross planes
  // come from the typed `aws` object, not copy-pasted strings. The same chart is deployed onto the cluster by
  // CloudFormation (SecureCluster.addCdk8sChart), so one `cdk deploy` ships both planes; the check proves that
  // what CloudFormation applies is what was checked (aws-cross-eks-manifest-checked).
  const k8sApp = new K8sApp({ outdir: dist, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = buildK8sPlatform(k8sApp, aws);
  aws.cluster.addCdk8sChart('Platform', chart);
  AwsCompliance.enable(awsApp, { failOn: FailOn.NEVER });
  awsApp.synth();

  hooks.k8s?.(k8sApp);
  K8sCompliance.enable(k8sApp, { failOn: FailOn.NEVER });
  k8sApp.synth();
  return { cdkOut, dist };
}
