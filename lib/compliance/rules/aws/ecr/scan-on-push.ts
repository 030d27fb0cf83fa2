import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display, hasTokens } from '../../../values/cfn-resolve';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { isTrue } from '../../../values/json';

/** Every image pushed to a repository is scanned for known vulnerabilities. */
export const AWS_ECR_SCAN_ON_PUSH = defineRule({
  id: 'aws-ecr-scan-on-push',
  title: 'ECR repositories scan images on push',
  description: 'An ECR repository does not scan pushed images for vulnerabilities (ImageScanningConfiguration.ScanOnPush is not true).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ECR::Repository'],
  controls: ['NIST-800-53-R5:RA-5', 'NIST-800-53-R5:SI-2', 'PCI-DSS-3.2.1:6.1', 'PCI-DSS-3.2.1:11.2', 'AWS-CT:CT.ECR.PR.2'],
  remediation: 'Set ImageScanningConfiguration.ScanOnPush to true (SecureRepository does); for continuous scanning add SecureRepository.enhancedScanning().',
  evaluate: (resource, context) => {
    const findings = new Findings();
    findings.check('ScanOnPush', valuesOf(resource, context).alts('ImageScanningConfiguration.ScanOnPush'),
      (v) => (isTrue(v) ? true : typeof v === 'string' && hasTokens(v) ? undefined : false), {
        bad: (v) => `ImageScanningConfiguration.ScanOnPush is ${v === undefined ? 'not set' : JSON.stringify(display(v))}: pushed images are not scanned.`,
        unknown: (v) => `ImageScanningConfiguration.ScanOnPush is ${display(v)}.`,
      });
    return fromFindings(findings.list());
  },
});
