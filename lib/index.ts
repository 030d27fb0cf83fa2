// secure-constructs: secure-by-default AWS CDK and cdk8s constructs with one compliance model.
// Only jsii-compatible classes, interfaces and enums are exported here; the rule engine, loaders,
// reporters and the CLI are internal modules used by the `secure-constructs` command.

// compliance (both planes)
export { Suppressions, SuppressionProps } from './compliance/suppressions';
export { AwsCompliance, AwsComplianceProps, FailOn, SecureConstructsAwsChecks } from './compliance/aws-checks';
export { K8sCompliance, K8sComplianceProps } from './compliance/k8s-checks';
export { SecureConstructsValidation, SecureConstructsValidationProps } from './compliance/cdk8s-plugin';
export { ComplianceReports } from './compliance/reports';

// construct prop errors: `catch (e) { if (Errors.isValidationError(e)) ... }` (the class itself extends Error,
// which jsii cannot export)
export { Errors, ValidationErrorDetails, PropertyProblem } from './core/errors';

// values that cross from the AWS app to the Kubernetes app
export { WorkloadIdentityMode, WorkloadIdentityBinding, SecretReference } from './core/cross-plane';

// AWS (aws-cdk-lib)
export * from './aws/kms';
export * from './aws/logs';
export * from './aws/iam';
export * from './aws/secrets';
export * from './aws/s3';
export * from './aws/network';
export * from './aws/edge';
export * from './aws/audit';
export * from './aws/identity';
export * from './aws/ecr';
export * from './aws/eks';

// Kubernetes (cdk8s)
export * from './k8s';
export * from './k8s/identity';
