export * from './types';
export * from './health-probe';
export { WorkloadKind } from './kind-specs';
export * from './hardened-workload';
export * from './hardened-deployment';
export * from './hardened-stateful-set';
export * from './hardened-job';
export * from './hardened-cron-job';
