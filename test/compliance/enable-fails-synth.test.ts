import { App, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { App as K8sApp, Chart, ApiObject } from 'cdk8s';
import { AwsCompliance, FailOn } from '../../lib/compliance/aws-checks';
import { K8sCompliance } from '../../lib/compliance/k8s-checks';
import { Suppressions } from '../../lib/compliance/suppressions';

// The synth-time entry points must really stop a synth on an unsuppressed finding at `failOn`, and must not stop
// it otherwise. (Making either enable() never fail broke no test before this file.)

/** A stack with one security group open to the world on SSH: an error of our AWS pack. */
function openSshStack(app: App): { stack: Stack; sg: ec2.CfnSecurityGroup } {
  const stack = new Stack(app, 'Net', { env: { account: '123456789012', region: 'eu-west-1' } });
  const sg = new ec2.CfnSecurityGroup(stack, 'Sg', {
    groupDescription: 'ssh from anywhere',
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0', description: 'ssh' }],
  });
  return { stack, sg };
}

describe('AwsCompliance.enable fails synth', () => {
  test('on an unsuppressed error (our pack alone)', () => {
    const app = new App();
    openSshStack(app);
    AwsCompliance.enable(app, { cdkNagPacks: false });
    expect(() => app.synth()).toThrow(/ERROR Security groups do not allow ingress from 0\.0\.0\.0\/0[\s\S]*Net\/Sg[\s\S]*secure-constructs::aws-network-sg-open-ingress/);
  });

  test('not when the finding is suppressed with a reason, nor with failOn NEVER', () => {
    const suppressed = new App();
    const { sg } = openSshStack(suppressed);
    Suppressions.of(sg).add({ id: 'aws-network-sg-open-ingress', reason: 'bastion reachable by design, behind MFA and session logging' });
    AwsCompliance.enable(suppressed, { cdkNagPacks: false, failOn: FailOn.ERROR });
    // what is left is a warning (open egress), below failOn ERROR
    expect(() => suppressed.synth()).not.toThrow();

    const never = new App();
    openSshStack(never);
    AwsCompliance.enable(never, { cdkNagPacks: false, failOn: FailOn.NEVER });
    expect(() => never.synth()).not.toThrow();
  });
});

describe('K8sCompliance.enable fails synth', () => {
  const privilegedPod = (chart: Chart) => new ApiObject(chart, 'pod', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'root', namespace: 'apps' },
    spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] },
  });

  test('on an unsuppressed error', () => {
    const app = new K8sApp({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'sc-k8s-fail-')) });
    const chart = new Chart(app, 'c');
    privilegedPod(chart);
    K8sCompliance.enable(chart);
    expect(() => app.synth()).toThrow(/k8s-pss-privileged/);
  });

  test('not with failOn NEVER, and not when the chart is clean', () => {
    const app = new K8sApp({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'sc-k8s-never-')) });
    const chart = new Chart(app, 'c');
    privilegedPod(chart);
    K8sCompliance.enable(chart, { failOn: FailOn.NEVER });
    expect(() => app.synth()).not.toThrow();

    const cleanApp = new K8sApp({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'sc-k8s-clean-')) });
    const clean = new Chart(cleanApp, 'c');
    new ApiObject(clean, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps' }, data: { tz: 'UTC' } });
    K8sCompliance.enable(clean);
    expect(() => cleanApp.synth()).not.toThrow();
  });
});
