/**
 * A hand-made CheckReport covering both planes and every status: non-compliant, suppressed
 * (in-source and external), rule error, a cdk-nag finding whose rule is not in `rules`, a finding
 * without a file, evaluations without findings, a not-applicable evaluation, an unused suppression
 * and a recorded override.
 */
import { CheckReport, Evaluation, Finding, RuleInfo } from '../../../lib/compliance/model';

/** Absolute base directory used for the Kubernetes file (tests relativising paths). */
export const BASE = '/repo';

export const RULES: RuleInfo[] = [
  {
    id: 'aws-s3-bucket-encryption',
    title: 'S3 bucket encrypted with KMS',
    description: 'S3 buckets must be encrypted at rest with a customer managed KMS key.',
    severity: 'error',
    platform: 'aws',
    appliesTo: ['AWS::S3::Bucket'],
    controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-13', 'HIPAA:164.312(a)(2)(iv)'],
    remediation: 'Use SecureBucket, or set BucketEncryption to aws:kms with a customer managed key.',
    helpUri: 'https://example.com/rules/aws-s3-bucket-encryption',
  },
  {
    id: 'aws-kms-key-rotation',
    title: 'KMS key rotation enabled',
    description: 'Customer managed KMS keys must rotate.',
    severity: 'warning',
    platform: 'aws',
    appliesTo: ['AWS::KMS::Key'],
    controls: ['NIST-800-53-R5:SC-12', 'PCI-DSS-3.2.1:3.6.4'],
    remediation: 'Set EnableKeyRotation to true.',
  },
  {
    id: 'aws-iam-no-wildcard-actions',
    title: 'IAM policies without wildcard actions',
    description: 'IAM policies must not allow every action of a service.',
    severity: 'error',
    platform: 'aws',
    appliesTo: ['AWS::IAM::Role'],
    controls: ['NIST-800-53-R5:AC-6'],
    remediation: 'List the actions the principal needs.',
    helpUri: 'not a uri',
  },
  {
    id: 'aws-sns-topic-encryption',
    title: 'SNS topic encrypted',
    description: 'SNS topics must be encrypted with KMS.',
    severity: 'warning',
    platform: 'aws',
    appliesTo: ['AWS::SNS::Topic'],
    controls: ['NIST-800-53-R5:SC-28'],
    remediation: 'Set KmsMasterKeyId.',
  },
  {
    id: 'k8s-run-as-non-root',
    title: 'Containers run as non-root',
    description: 'Pods and containers must set runAsNonRoot: true.',
    severity: 'error',
    platform: 'k8s',
    appliesTo: ['Deployment', 'Job'],
    controls: ['PSS-restricted:runAsNonRoot', 'NSA-CISA:non-root-containers'],
    remediation: 'Set securityContext.runAsNonRoot: true.',
  },
  {
    id: 'k8s-resource-limits',
    title: 'Containers have resource limits',
    description: 'Containers should set CPU and memory limits.',
    severity: 'info',
    platform: 'k8s',
    appliesTo: ['Deployment', 'Service'],
    controls: ['CIS-K8S:5.7.4', 'PSS-baseline:none'],
    remediation: 'Set resources.limits.cpu and resources.limits.memory.',
  },
];

const ruleById = (id: string) => RULES.find((r) => r.id === id)!;

function finding(ruleId: string, over: Partial<Finding> & Pick<Finding, 'resource' | 'status'>): Finding {
  const r = ruleById(ruleId);
  return {
    ruleId,
    title: r.title,
    severity: over.status === 'error' ? 'error' : r.severity,
    platform: r.platform,
    source: 'secure-constructs',
    message: r.description,
    remediation: r.remediation,
    controls: r.controls,
    ...over,
  };
}

const bucket1 = { type: 'AWS::S3::Bucket', key: 'MyStack/Bucket1', name: 'Bucket1', logicalId: 'Bucket1', stack: 'MyStack' };
const web = { type: 'Deployment', key: 'apps/Deployment/prod/web', name: 'prod/web', apiVersion: 'apps/v1', namespace: 'prod', objectName: 'web' };

export const FINDINGS: Finding[] = [
  finding('aws-s3-bucket-encryption', {
    status: 'non-compliant',
    resource: bucket1,
    constructPath: 'MyStack/Bucket1/Resource',
    file: 'cdk.out/MyStack.template.json',
    line: 12,
  }),
  finding('aws-kms-key-rotation', {
    status: 'suppressed',
    resource: { type: 'AWS::KMS::Key', key: 'MyStack/Key', name: 'Key', logicalId: 'Key', stack: 'MyStack' },
    constructPath: 'MyStack/Key/Resource',
    file: 'cdk.out/MyStack.template.json',
    line: 30,
    suppression: { reason: 'Imported key, rotation is managed by the security account.', source: 'construct' },
  }),
  finding('aws-iam-no-wildcard-actions', {
    status: 'error',
    resource: { type: 'AWS::IAM::Role', key: 'MyStack/Role', name: 'Role', logicalId: 'Role', stack: 'MyStack' },
    file: 'cdk.out/MyStack.template.json',
    line: 44,
    message: 'Rule aws-iam-no-wildcard-actions threw while evaluating MyStack/Role: Cannot read properties of undefined',
  }),
  {
    ruleId: 'AwsSolutions-S1',
    title: 'S3 bucket server access logs',
    severity: 'error',
    status: 'non-compliant',
    platform: 'aws',
    source: 'cdk-nag:AwsSolutions',
    resource: bucket1,
    file: 'cdk.out/MyStack.template.json',
    line: 12,
    message: 'The S3 Bucket has server access logs disabled <script>&"\'\u0007 | pipe',
    remediation: 'Enable server access logging.',
    controls: [],
  },
  finding('aws-sns-topic-encryption', {
    status: 'non-compliant',
    resource: { type: 'AWS::SNS::Topic', key: 'OtherStack/Topic', name: 'Topic', logicalId: 'Topic', stack: 'OtherStack' },
  }),
  finding('k8s-run-as-non-root', {
    status: 'non-compliant',
    findingId: 'container:app',
    resource: web,
    file: `${BASE}/dist/app.k8s.yaml`,
    line: 5,
    documentIndex: 0,
    message: 'Container app does not set runAsNonRoot.',
  }),
  finding('k8s-run-as-non-root', {
    status: 'non-compliant',
    findingId: 'container:sidecar',
    resource: web,
    file: `${BASE}/dist/app.k8s.yaml`,
    line: 5,
    documentIndex: 0,
    message: 'Container sidecar does not set runAsNonRoot.',
  }),
  finding('k8s-resource-limits', {
    status: 'suppressed',
    resource: web,
    file: `${BASE}/dist/app.k8s.yaml`,
    line: 5,
    documentIndex: 0,
    suppression: { reason: 'Limits are set by the namespace LimitRange.', source: 'config' },
  }),
];

const k8sFile = `${BASE}/dist/app.k8s.yaml`;

export const EVALUATIONS: Evaluation[] = [
  { ruleId: 'aws-s3-bucket-encryption', resourceKey: 'MyStack/Bucket1', outcome: 'non-compliant', file: 'cdk.out/MyStack.template.json', stack: 'MyStack', platform: 'aws' },
  { ruleId: 'aws-s3-bucket-encryption', resourceKey: 'MyStack/Bucket2', outcome: 'compliant', file: 'cdk.out/MyStack.template.json', stack: 'MyStack', platform: 'aws' },
  { ruleId: 'aws-kms-key-rotation', resourceKey: 'MyStack/Key', outcome: 'suppressed', file: 'cdk.out/MyStack.template.json', stack: 'MyStack', platform: 'aws' },
  { ruleId: 'aws-iam-no-wildcard-actions', resourceKey: 'MyStack/Role', outcome: 'error', file: 'cdk.out/MyStack.template.json', stack: 'MyStack', platform: 'aws' },
  { ruleId: 'aws-iam-no-wildcard-actions', resourceKey: 'MyStack/Role2', outcome: 'not-applicable', file: 'cdk.out/MyStack.template.json', stack: 'MyStack', platform: 'aws' },
  { ruleId: 'aws-sns-topic-encryption', resourceKey: 'OtherStack/Topic', outcome: 'non-compliant', stack: 'OtherStack', platform: 'aws' },
  // No file, no stack: grouped by the stack part of the key.
  { ruleId: 'aws-s3-bucket-encryption', resourceKey: 'ThirdStack/Logs', outcome: 'compliant', platform: 'aws' },
  { ruleId: 'k8s-run-as-non-root', resourceKey: 'apps/Deployment/prod/web', outcome: 'non-compliant', file: k8sFile, platform: 'k8s' },
  { ruleId: 'k8s-resource-limits', resourceKey: 'apps/Deployment/prod/web', outcome: 'suppressed', file: k8sFile, platform: 'k8s' },
  { ruleId: 'k8s-resource-limits', resourceKey: '/Service/prod/web', outcome: 'compliant', file: k8sFile, platform: 'k8s' },
  // No file: grouped in a suite named by the platform.
  { ruleId: 'k8s-run-as-non-root', resourceKey: 'batch/Job/prod/migrate', outcome: 'compliant', platform: 'k8s' },
  { ruleId: 'k8s-run-as-non-root', resourceKey: 'batch/Job/prod/cron', outcome: 'not-applicable', platform: 'k8s' },
];

export function fixtureReport(): CheckReport {
  return {
    findings: FINDINGS.map((f) => ({ ...f })),
    evaluations: EVALUATIONS.map((e) => ({ ...e })),
    unusedSuppressions: [
      { id: 'aws-kms-key-rotation[old-key]', reason: 'The old key was removed last year.', source: 'metadata', declaredAt: 'MyStack/OldKey' },
    ],
    overrides: [
      {
        resource: { type: 'AWS::KMS::Key', key: 'MyStack/Key', name: 'Key', logicalId: 'Key', stack: 'MyStack' },
        constructPath: 'MyStack/Key',
        property: 'rotation',
        reason: 'Imported key, rotation is managed by the security account.',
      },
    ],
    rules: RULES,
    resourceCount: 9,
    inputs: ['cdk.out', `${BASE}/dist`],
  };
}

/**
 * Expected JUnit outcome per (rule, resource) pair of the fixture, worked out by hand:
 * not-applicable pairs are absent; a cdk-nag finding without evaluation is a case.
 */
export const EXPECTED_CASES: Record<string, 'passed' | 'failure' | 'error' | 'skipped'> = {
  'aws-s3-bucket-encryption MyStack/Bucket1': 'failure',
  'aws-s3-bucket-encryption MyStack/Bucket2': 'passed',
  'aws-kms-key-rotation MyStack/Key': 'skipped',
  'aws-iam-no-wildcard-actions MyStack/Role': 'error',
  'AwsSolutions-S1 MyStack/Bucket1': 'failure',
  'aws-sns-topic-encryption OtherStack/Topic': 'failure',
  'aws-s3-bucket-encryption ThirdStack/Logs': 'passed',
  'k8s-run-as-non-root apps/Deployment/prod/web': 'failure',
  'k8s-resource-limits apps/Deployment/prod/web': 'skipped',
  'k8s-resource-limits /Service/prod/web': 'passed',
  'k8s-run-as-non-root batch/Job/prod/migrate': 'passed',
};

/** Expected suite of each case. */
export const EXPECTED_SUITES: Record<string, string[]> = {
  'MyStack': ['aws-s3-bucket-encryption MyStack/Bucket1', 'aws-s3-bucket-encryption MyStack/Bucket2', 'aws-kms-key-rotation MyStack/Key', 'aws-iam-no-wildcard-actions MyStack/Role', 'AwsSolutions-S1 MyStack/Bucket1'],
  'OtherStack': ['aws-sns-topic-encryption OtherStack/Topic'],
  'ThirdStack': ['aws-s3-bucket-encryption ThirdStack/Logs'],
  'dist/app.k8s.yaml': ['k8s-run-as-non-root apps/Deployment/prod/web', 'k8s-resource-limits apps/Deployment/prod/web', 'k8s-resource-limits /Service/prod/web'],
  'k8s': ['k8s-run-as-non-root batch/Job/prod/migrate'],
};

/** `n` synthetic unsuppressed findings over `n` resources (for size tests). */
export function manyFindings(n: number, messageLength = 80): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const sev = i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info';
    out.push({
      ruleId: `rule-${i % 40}`,
      findingId: `id-${i}`,
      title: `Rule ${i % 40}`,
      severity: sev,
      status: i % 10 === 9 ? 'suppressed' : 'non-compliant',
      platform: i % 2 === 0 ? 'aws' : 'k8s',
      source: 'secure-constructs',
      resource: { type: 'AWS::S3::Bucket', key: `Stack${i % 7}/Bucket${i}`, name: `Bucket${i}`, stack: `Stack${i % 7}` },
      file: `cdk.out/Stack${i % 7}.template.json`,
      line: i + 1,
      message: ('x'.repeat(messageLength - 10) + ` msg ${i}`).slice(-messageLength),
      remediation: 'Fix it | properly '.repeat(Math.ceil(messageLength / 18)),
      controls: ['NIST-800-53-R5:SC-28', `PCI-DSS-3.2.1:${i % 12}.1`],
      suppression: i % 10 === 9 ? { reason: `Reason number ${i} `.repeat(Math.ceil(messageLength / 18)), source: 'metadata' } : undefined,
    });
  }
  return out;
}
