// Unit tests turn off aws-cdk-lib's built-in CloudFormation validator (~3 s of start-up per process).
// test/aws/builtin-validation.test.ts keeps it on; see README "Tests".
if (process.env.CDK_VALIDATION === undefined) process.env.CDK_VALIDATION = 'false';
