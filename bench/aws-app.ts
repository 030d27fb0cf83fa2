/**
 * The generated app of the AWS benchmarks (bench/aws-case.ts) and of the report comparison (bench/aws-findings.ts).
 */
import { App, Stack, aws_iam as iam, aws_kms as kms, aws_s3 as s3, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';

/** N CloudFormation resources of a realistic mix (keys, buckets, policies, roles, topics, queues), 200 per stack. */
export function buildBenchApp(app: App, n: number): void {
  let made = 0;
  let stack: Stack | undefined;
  let i = 0;
  while (made < n) {
    if (!stack || i % 40 === 0) stack = new Stack(app, `Bench${Math.floor(i / 40)}`);
    const key = new kms.Key(stack, `Key${i}`, { enableKeyRotation: i % 2 === 0 });
    const bucket = new s3.Bucket(stack, `Bucket${i}`, { encryptionKey: key, enforceSSL: true }); // bucket + policy
    const role = new iam.Role(stack, `Role${i}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    bucket.grantRead(role); // + default policy
    new sns.Topic(stack, `Topic${i}`, { masterKey: key });
    new sqs.Queue(stack, `Queue${i}`);
    made += 7;
    i++;
  }
}
