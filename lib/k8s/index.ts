// Kubernetes (cdk8s) constructs, by area. lib/index.ts re-exports this module.
export * from './shared/justification';
export * from './namespace';
export * from './workload';
export * from './network';
export * from './rbac';
export * from './mesh';
export * from './certificates';
export * from './secrets';
export * from './supply-chain';
